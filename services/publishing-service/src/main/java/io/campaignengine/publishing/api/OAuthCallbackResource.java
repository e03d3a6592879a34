package io.campaignengine.publishing.api;

import io.campaignengine.publishing.config.PublishingConfig;
import io.campaignengine.publishing.service.ConnectionService;
import io.campaignengine.publishing.service.Views;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Meta's OAuth redirect. Public: the single-use state (bound to a user and a business) is what protects it. */
@Path("/api/meta/oauth/callback")
@PermitAll
public class OAuthCallbackResource {
    private final ConnectionService service;
    private final PublishingConfig config;

    public OAuthCallbackResource(ConnectionService service, PublishingConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OAuth callback: exchanges the code, stores the long-lived token encrypted, discovers Page, Instagram and ad account")
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
                                  @QueryParam("error_description") String errorDescription) {
        return service.callback(code, state, error, errorDescription).map(c -> {
            String after = config.meta().afterConnectUrl().filter(s -> !s.isBlank()).orElse(null);
            if (after != null) {
                String sep = after.contains("?") ? "&" : "?";
                return Response.seeOther(URI.create(after + sep + "connected=meta&business="
                        + URLEncoder.encode(c.businessId.toString(), StandardCharsets.UTF_8))).build();
            }
            return Response.ok(Views.ConnectionView.of(c)).build();
        });
    }
}
