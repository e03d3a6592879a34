package io.campaignengine.gateway.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * {@code GET /login?redirect=/some/page}: a protected path, so an anonymous browser is sent through Keycloak's login
 * (authorization-code flow with PKCE, held by the gateway); once the session cookie is set it lands here and goes on
 * to {@code redirect} — a local path only, never another site. {@code /logout} is handled by Quarkus OIDC (it also
 * ends the Keycloak session).
 */
@Path("/login")
@Authenticated
public class LoginResource {

    @GET
    public Response login(@QueryParam("redirect") String redirect) {
        return Response.seeOther(URI.create(safeLocalPath(redirect))).build();
    }

    public static String safeLocalPath(String redirect) {
        if (redirect == null || !redirect.startsWith("/") || redirect.startsWith("//") || redirect.contains("\\")
                || redirect.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return redirect;
    }
}
