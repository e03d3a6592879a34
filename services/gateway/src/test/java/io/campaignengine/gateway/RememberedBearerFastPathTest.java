package io.campaignengine.gateway;

import io.campaignengine.gateway.api.ApiProxy;
import io.campaignengine.gateway.frontdoor.FrontDoor;
import io.campaignengine.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.campaignengine.testkit.TestTokens.CAROL;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token's first request takes the full security chain (OIDC verifies it); later ones are forwarded by the fast path
 * with the same outcome. Forged, unknown, non-bearer and public-route requests never take it.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RememberedBearerFastPathTest {

    @Inject
    ApiProxy proxy;

    @Inject
    FrontDoor frontDoor;

    /** Forwarded without the security chain: by the front door (as configured), or by ApiProxy's filter without it. */
    long rememberedForwards() {
        return frontDoor.forwarded() + proxy.rememberedForwards();
    }

    @Test
    void aTokenVerifiedOnceIsForwardedWithoutTheSecurityChainAndWithTheSameOutcome() {
        String token = TestTokens.fresh(CAROL);
        long before = rememberedForwards();
        RestAssured.given().auth().oauth2(token).get("/api/businesses").then().statusCode(200)
                .body("items.slug", not(hasItem("melissa")));
        assertEquals(before, rememberedForwards(), "the first request of a token is verified by OIDC");

        RestAssured.given().auth().oauth2(token).get("/api/businesses").then().statusCode(200)
                .body("items.slug", not(hasItem("melissa")));
        RestAssured.given().auth().oauth2(token).get("/api/businesses/melissa").then().statusCode(404)
                .contentType("application/problem+json");
        RestAssured.given().auth().oauth2(token).get("/api/echo/headers").then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + token));
        // the scheme is case-insensitive (RFC 9110 §11.1); what goes on is always "Bearer <token>"
        RestAssured.given().header("Authorization", "bearer " + token).get("/api/echo/headers").then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + token));
        assertEquals(before + 4, rememberedForwards(), "then forwarded at once, the token passed on as it came");

        // not routed (the gateway's own /api/me) and public routes: the normal way
        RestAssured.given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("userName", equalTo(CAROL));
        RestAssured.given().auth().oauth2(token).get("/api/echo/public").then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + token));
        // a path that is not normal is left to the router, which matches it normalized: /api/me, not playbook-service
        RestAssured.given().urlEncodingEnabled(false).auth().oauth2(token).get("/api/businesses/../me").then().statusCode(200)
                .body("userName", equalTo(CAROL));
        assertEquals(before + 4, rememberedForwards());
    }

    @Test
    void forgedAndOtherCredentialsTakeTheFullChain() {
        String token = TestTokens.token(CAROL);
        RestAssured.given().auth().oauth2(token).get("/api/businesses").then().statusCode(200); // known from here on
        long before = rememberedForwards();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        RestAssured.given().auth().oauth2(forged).get("/api/businesses").then().statusCode(401).contentType("application/problem+json");
        RestAssured.given().header("Authorization", "Basic Y2Fyb2w6Y2Fyb2w=").get("/api/businesses").then().statusCode(401)
                .contentType("application/problem+json");
        RestAssured.given().header("Authorization", "Bearer " + token + "x").get("/api/businesses").then().statusCode(401);
        assertEquals(before, rememberedForwards());
    }
}
