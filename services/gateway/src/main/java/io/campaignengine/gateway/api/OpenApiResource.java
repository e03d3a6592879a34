package io.campaignengine.gateway.api;

import io.campaignengine.gateway.service.OpenApiMerger;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /openapi}: the merged OpenAPI document of every routed service (Swagger UI at /swagger-ui reads it). */
@Path("/openapi")
@PermitAll
public class OpenApiResource {
    private final OpenApiMerger merger;

    public OpenApiResource(OpenApiMerger merger) {
        this.merger = merger;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> openapi() {
        return merger.merged().map(doc -> doc.encodePrettily());
    }
}
