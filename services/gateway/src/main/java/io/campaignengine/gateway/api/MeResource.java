package io.campaignengine.gateway.api;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/me}: who is logged in — the SPA's first call, and a quick check for scripts. */
@Path("/api/me")
@Authenticated
public class MeResource {
    static final Set<String> PLATFORM_ROLES = Set.of("admin", "marketer", "viewer");

    public record Me(String userId, String userName, String name, String email, List<String> roles, List<String> businesses,
                     String authenticatedBy) {
    }

    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me(@jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        JsonObject claims = credential == null ? new JsonObject() : claims(credential.getToken());
        List<String> roles = identity.getRoles().stream().filter(PLATFORM_ROLES::contains).sorted().toList();
        return new Me(claims.getString("sub"), claims.getString("preferred_username", identity.getPrincipal().getName()),
                claims.getString("name"), claims.getString("email"), roles, strings(claims.getValue("businesses")),
                authorization != null ? "bearer" : "session");
    }

    /** The payload of a JWT the OIDC layer has already accepted (bearer: verified; session: from the token endpoint). */
    static JsonObject claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return new JsonObject();
        }
        return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray a) {
            a.forEach(v -> out.add(String.valueOf(v)));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> out.add(String.valueOf(v)));
        } else if (value instanceof Map<?, ?>) {
            return out;
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out.stream().sorted().toList();
    }
}
