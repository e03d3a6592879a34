package io.campaignengine.gateway.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * An /api path that no service serves (and that is not the gateway's own, like /api/me): a 404 problem, like every
 * other error — more specific resources win over this catch-all in JAX-RS matching.
 */
@Path("/api/{path: .*}")
@Authenticated
public class UnroutedResource {

    @GET
    public Response get(@Context UriInfo uri) {
        return notFound(uri);
    }

    @POST
    public Response post(@Context UriInfo uri) {
        return notFound(uri);
    }

    @PUT
    public Response put(@Context UriInfo uri) {
        return notFound(uri);
    }

    @PATCH
    public Response patch(@Context UriInfo uri) {
        return notFound(uri);
    }

    @DELETE
    public Response delete(@Context UriInfo uri) {
        return notFound(uri);
    }

    static Response notFound(UriInfo uri) {
        String path = uri.getPath();
        return Response.status(404).type(Problems.MEDIA_TYPE)
                .entity(Problems.body(404, "not-found", "Not Found", "no route for " + path, path,
                        org.jboss.logging.MDC.get("correlationId") instanceof String s ? s : null).encode())
                .build();
    }
}
