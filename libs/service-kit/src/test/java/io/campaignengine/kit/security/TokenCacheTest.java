package io.campaignengine.kit.security;

import io.campaignengine.tokencache.VerifiedTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** libs/token-cache on a real request path (OIDC bearer verification of the service-kit test app). */
@QuarkusTest
class TokenCacheTest {

    @Inject
    VerifiedTokens tokens;

    /** Long enough for the first request of a cold test app to be answered well before it (else nothing is remembered). */
    static final int EXPIRES_IN_SECONDS = 8;

    @Test
    void aVerifiedTokenIsServedFromTheCacheUntilItExpires() throws Exception {
        long expiresAt = System.currentTimeMillis() / 1000 * 1000 + EXPIRES_IN_SECONDS * 1000L;
        String user = "cached-" + UUID.randomUUID();
        String token = Jwt.preferredUserName(user).subject(user).issuer("https://server.example.com").audience("https://server.example.com")
                .claim("realm_access", Map.of("roles", List.of("viewer"))).claim("businesses", List.of("melissa"))
                .expiresIn(EXPIRES_IN_SECONDS).jws().keyId("1").sign("privateKey.jwk");
        assertNull(tokens.get(token));
        given().auth().oauth2(token).get("/api/probe/whoami").then().statusCode(200).body("userName", equalTo(user));
        assertNotNull(tokens.get(token), "remembered after the first verification");
        assertEquals(user, tokens.get(token).getPrincipal().getName());
        long hits = tokens.hits();
        given().auth().oauth2(token).get("/api/probe/whoami").then().statusCode(200).body("userName", equalTo(user))
                .body("businesses", equalTo(List.of("melissa")));
        given().auth().oauth2(token).get("/api/probe/admin-only").then().statusCode(403); // roles still checked
        given().auth().oauth2(token).get("/api/probe/bound-to-this-request").then().statusCode(200).body(equalTo("true"));
        assertEquals(hits + 3, tokens.hits(), "each of the three requests answered from the cache, before OIDC");

        // the same token with another signature is another key: verified, and refused
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).get("/api/probe/whoami").then().statusCode(401);

        Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis() + 2_000)); // past exp: not served, and OIDC refuses it
        given().auth().oauth2(token).get("/api/probe/whoami").then().statusCode(401);
        assertNull(tokens.get(token));
    }
}
