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

    @Test
    void aVerifiedTokenIsServedFromTheCacheUntilItExpires() throws Exception {
        String user = "cached-" + UUID.randomUUID();
        String token = Jwt.preferredUserName(user).subject(user).issuer("https://server.example.com").audience("https://server.example.com")
                .claim("realm_access", Map.of("roles", List.of("viewer"))).claim("businesses", List.of("melissa"))
                .expiresIn(3).jws().keyId("1").sign("privateKey.jwk");
        assertNull(tokens.get(token));
        given().auth().oauth2(token).get("/api/probe/whoami").then().statusCode(200).body("userName", equalTo(user));
        assertNotNull(tokens.get(token), "remembered after the first verification");
        assertEquals(user, tokens.get(token).getPrincipal().getName());
        given().auth().oauth2(token).get("/api/probe/whoami").then().statusCode(200).body("userName", equalTo(user))
                .body("businesses", equalTo(List.of("melissa")));
        given().auth().oauth2(token).get("/api/probe/admin-only").then().statusCode(403); // roles still checked

        // the same token with another signature is another key: verified, and refused
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).get("/api/probe/whoami").then().statusCode(401);

        Thread.sleep(3_500); // past exp: not served from the cache, and OIDC refuses it
        given().auth().oauth2(token).get("/api/probe/whoami").then().statusCode(401);
        assertNull(tokens.get(token));
    }
}
