package io.campaignengine.metasandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.campaignengine.metasandbox.Sbx.APP_ID;
import static io.campaignengine.metasandbox.Sbx.APP_SECRET;
import static io.campaignengine.metasandbox.Sbx.V;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OAuthFlowTest {

    static final String REDIRECT = "http://127.0.0.1:9/callback";
    static final String SCOPES = "pages_show_list,pages_read_engagement,pages_manage_posts,instagram_basic,instagram_content_publish,ads_management";

    static Map<String, String> query(String location) {
        URI u = URI.create(location);
        Map<String, String> q = new LinkedHashMap<>();
        for (String p : u.getRawQuery().split("&")) {
            int i = p.indexOf('=');
            q.put(p.substring(0, i), URLDecoder.decode(p.substring(i + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private String dialog(String state, String user) {
        var spec = given().redirects().follow(false).queryParam("client_id", APP_ID).queryParam("redirect_uri", REDIRECT)
                .queryParam("state", state).queryParam("scope", SCOPES).queryParam("response_type", "code");
        if (user != null) spec = spec.queryParam("sandbox_user", user);
        Response r = spec.get(V + "/dialog/oauth");
        r.then().statusCode(302).header("Location", startsWith(REDIRECT + "?code="));
        Map<String, String> q = query(r.header("Location"));
        assertEquals(state, q.get("state"));
        return q.get("code");
    }

    private Response exchange(String code, String redirect, String secret) {
        return given().queryParam("client_id", APP_ID).queryParam("client_secret", secret).queryParam("redirect_uri", redirect)
                .queryParam("code", code).get(V + "/oauth/access_token");
    }

    @Test
    void codeToShortLivedToLongLivedTokenAndPagesWithTheirTokens() {
        Sbx.TestUser owner = Sbx.user();
        String code = dialog("st-" + System.nanoTime(), owner.id());
        JsonPath shortLived = exchange(code, REDIRECT, APP_SECRET).then().statusCode(200)
                .body("token_type", equalTo("bearer")).body("expires_in", equalTo(3600)).extract().jsonPath();
        String token = shortLived.getString("access_token");
        assertTrue(token.startsWith("EAA"), token);

        // the code is single use
        exchange(code, REDIRECT, APP_SECRET).then().statusCode(400).body("error.code", equalTo(100))
                .body("error.error_subcode", equalTo(36009)).body("error.type", equalTo("OAuthException"));

        JsonPath longLived = given().formParam("grant_type", "fb_exchange_token").formParam("client_id", APP_ID)
                .formParam("client_secret", APP_SECRET).formParam("fb_exchange_token", token)
                .post(V + "/oauth/access_token").then().statusCode(200).body("expires_in", equalTo(5184000)).extract().jsonPath();
        String lt = longLived.getString("access_token");
        assertNotEquals(token, lt);

        given().header("Authorization", "Bearer " + lt).get(V + "/me?fields=id,name").then().statusCode(200)
                .body("id", equalTo(owner.id())).body("name", equalTo("Test User"));
        JsonPath pages = given().header("Authorization", "Bearer " + lt)
                .get(V + "/me/accounts?fields=id,name,access_token,instagram_business_account,tasks").then().statusCode(200)
                .body("data[0].id", equalTo(owner.pageId())).body("data[0].instagram_business_account.id", equalTo(owner.igId()))
                .body("data[0].tasks", hasItem("CREATE_CONTENT")).body("paging.cursors.before", notNullValue()).extract().jsonPath();
        String pageToken = pages.getString("data[0].access_token");
        given().queryParam("access_token", pageToken).get(V + "/me").then().statusCode(200).body("id", equalTo(owner.pageId()));

        // by default /me/accounts leaves instagram_business_account out, as Meta does
        given().queryParam("access_token", lt).get(V + "/me/accounts").then().statusCode(200)
                .body("data[0].instagram_business_account", equalTo(null)).body("data[0].access_token", notNullValue());
        given().queryParam("access_token", lt).get(V + "/me/adaccounts").then().statusCode(200)
                .body("data[0].id", equalTo(owner.account()));

        // the page token of a long-lived user token does not expire; the short-lived user token does
        Sbx.advance(Duration.ofHours(2));
        given().queryParam("access_token", token).get(V + "/me").then().statusCode(400)
                .body("error.code", equalTo(190)).body("error.error_subcode", equalTo(463))
                .body("error.message", startsWith("Error validating access token: Session has expired on"));
        given().queryParam("access_token", lt).get(V + "/me").then().statusCode(200);
        given().queryParam("access_token", pageToken).get(V + "/me").then().statusCode(200);
        given().queryParam("input_token", pageToken).queryParam("access_token", APP_ID + "|" + APP_SECRET).get(V + "/debug_token")
                .then().statusCode(200).body("data.is_valid", equalTo(true)).body("data.type", equalTo("PAGE"))
                .body("data.expires_at", equalTo(0)).body("data.scopes", hasItem("pages_manage_posts"));
        given().queryParam("input_token", token).queryParam("access_token", APP_ID + "|" + APP_SECRET).get(V + "/debug_token")
                .then().statusCode(200).body("data.is_valid", equalTo(false)).body("data.error.subcode", equalTo(463));
    }

    @Test
    void exchangeRejectsAWrongRedirectSecretOrClient() {
        Sbx.TestUser owner = Sbx.user();
        String code = dialog("s1", owner.id());
        exchange(code, "http://127.0.0.1:9/other", APP_SECRET).then().statusCode(400).body("error.error_subcode", equalTo(36008));
        exchange(code, REDIRECT, "wrong").then().statusCode(400).body("error.code", equalTo(1))
                .body("error.message", equalTo("Error validating client secret."));
        given().queryParam("client_id", "999").queryParam("client_secret", APP_SECRET).queryParam("code", code)
                .queryParam("redirect_uri", REDIRECT).get(V + "/oauth/access_token").then().statusCode(400).body("error.code", equalTo(101));
        exchange("AQnotacode", REDIRECT, APP_SECRET).then().statusCode(400).body("error.code", equalTo(100))
                .body("error.message", equalTo("Invalid verification code format."));
        // still usable after the failed attempts, and any /vNN.N prefix works
        given().queryParam("client_id", APP_ID).queryParam("client_secret", APP_SECRET).queryParam("redirect_uri", REDIRECT)
                .queryParam("code", code).get("/v19.0/oauth/access_token").then().statusCode(200).header("facebook-api-version", "v19.0");
    }

    @Test
    void deniedDialogRedirectsWithTheErrorAndState() {
        Response r = given().redirects().follow(false).queryParam("client_id", APP_ID).queryParam("redirect_uri", REDIRECT)
                .queryParam("state", "abc").queryParam("sandbox_deny", "true").get(V + "/dialog/oauth");
        r.then().statusCode(302);
        Map<String, String> q = query(r.header("Location"));
        assertEquals("access_denied", q.get("error"));
        assertEquals("user_denied", q.get("error_reason"));
        assertEquals("abc", q.get("state"));
        given().redirects().follow(false).queryParam("client_id", "42").queryParam("redirect_uri", REDIRECT).get(V + "/dialog/oauth")
                .then().statusCode(400).contentType(startsWith("text/html"));
        // the HTML consent page approves itself
        given().redirects().follow(false).queryParam("client_id", APP_ID).queryParam("redirect_uri", REDIRECT)
                .queryParam("sandbox_consent", "html").get(V + "/dialog/oauth").then().statusCode(200)
                .contentType(startsWith("text/html")).body(org.hamcrest.Matchers.containsString("http-equiv=\"refresh\""));
    }

    @Test
    void theDialogCanApproveAsAFreshUserEachTime() {
        given().contentType(io.restassured.http.ContentType.JSON).body(Map.of("dialog_user", "new")).put("/_sandbox/config")
                .then().statusCode(200).body("dialog_user", equalTo("new"));
        try {
            String first = userOf(dialog("a", null));
            String second = userOf(dialog("b", null));
            assertNotEquals(first, second);
        } finally {
            given().contentType(io.restassured.http.ContentType.JSON).body(java.util.Collections.singletonMap("dialog_user", null))
                    .put("/_sandbox/config").then().statusCode(200);
        }
        String seeded = given().get("/_sandbox/state").then().extract().path("users[0].id");
        assertEquals(seeded, userOf(dialog("c", null)));
    }

    private String userOf(String code) {
        String token = exchange(code, REDIRECT, APP_SECRET).then().statusCode(200).extract().path("access_token");
        return given().queryParam("access_token", token).get(V + "/me").then().statusCode(200).extract().path("id");
    }
}
