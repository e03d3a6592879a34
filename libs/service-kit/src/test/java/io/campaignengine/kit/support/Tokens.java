package io.campaignengine.kit.support;

import io.smallrye.jwt.build.Jwt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens shaped like Keycloak's for the realm campaign-engine ({@code realm_access.roles}, multivalued
 * {@code businesses}), signed with the key of {@code OidcWiremockTestResource} (io.quarkus:quarkus-test-oidc-server).
 */
public final class Tokens {

    private static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    public static String token(String user, Set<String> roles, List<String> businesses) {
        return Jwt.preferredUserName(user)
                .subject("user-" + user + "-" + UUID.nameUUIDFromBytes(user.getBytes()))
                .issuer(ISSUER)
                .audience(ISSUER)
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .claim("businesses", businesses)
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    /** bob: marketer of melissa. */
    public static String marketer(String... businesses) {
        return token("bob", Set.of("marketer"), List.of(businesses));
    }

    /** carol: viewer. */
    public static String viewer(String... businesses) {
        return token("carol", Set.of("viewer"), List.of(businesses));
    }

    /** alice: admin. */
    public static String admin(String... businesses) {
        return token("alice", Set.of("admin"), List.of(businesses));
    }
}
