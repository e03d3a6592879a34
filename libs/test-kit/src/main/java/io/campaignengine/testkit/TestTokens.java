package io.campaignengine.testkit;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real access tokens for the demo users from the test stack's Keycloak (password grant of the public client
 * campaign-engine-cli, dev/test only), cached per user for the test JVM.
 */
public final class TestTokens {
    public static final String ALICE = "alice"; // admin; melissa, vaquero
    public static final String BOB = "bob";     // marketer; melissa
    public static final String CAROL = "carol"; // viewer; vaquero

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private TestTokens() {
    }

    /** The issuer the service under test validates against (quarkus.oidc.auth-server-url). */
    public static String issuer() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    /** The user's access token from the CLI client (password grant), fetched once per test JVM. */
    public static String token(String user) {
        return TOKENS.computeIfAbsent(user, TestTokens::fresh);
    }

    /** A new access token of the user, never handed out before (e.g. to see what happens the first time one is used). */
    public static String fresh(String user) {
        return RestAssured.given()
                .baseUri(issuer())
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "campaign-engine-cli")
                .formParam("username", user)
                .formParam("password", user)
                .post("/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** A JSON request as this user. */
    public static RequestSpecification as(String user) {
        return RestAssured.given().auth().oauth2(token(user)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }
}
