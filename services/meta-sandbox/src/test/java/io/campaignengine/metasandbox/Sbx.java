package io.campaignengine.metasandbox;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;

/** Test helpers over the sandbox's control API (every test makes its own user, so tests share one boot). */
final class Sbx {

    static final String V = "/v21.0";
    static final String APP_ID = "1234567890123456";
    static final String APP_SECRET = "sandbox-app-secret";

    record TestUser(String id, String token, String pageId, String pageToken, String igId, String account) {
    }

    static TestUser user() {
        return user((List<String>) null);
    }

    static TestUser user(List<String> scopes) {
        return user(scopes == null ? Map.of("name", "Test User", "pages", 1) : Map.of("name", "Test User", "pages", 1, "scopes", scopes));
    }

    static TestUser user(Map<String, Object> body) {
        JsonPath j = given().contentType(ContentType.JSON).body(body).post("/_sandbox/users").then().statusCode(200).extract().jsonPath();
        return new TestUser(j.getString("id"), j.getString("access_token"), j.getString("pages[0].id"),
                j.getString("pages[0].access_token"), j.getString("pages[0].instagram_business_account"), j.getString("ad_accounts[0]"));
    }

    static JsonPath advance(Duration d) {
        return given().contentType(ContentType.JSON).body(Map.of("seconds", d.toSeconds())).post("/_sandbox/clock/advance")
                .then().statusCode(200).extract().jsonPath();
    }

    static long nowMs() {
        return given().get("/_sandbox/clock").then().statusCode(200).extract().jsonPath().getLong("now_ms");
    }

    static Response graphPost(String path, String token, Object... formKv) {
        var spec = given().formParam("access_token", token);
        for (int i = 0; i < formKv.length; i += 2) spec = spec.formParam((String) formKv[i], formKv[i + 1]);
        return spec.post(V + path);
    }

    static Response graphGet(String path, String token, Object... queryKv) {
        var spec = given().queryParam("access_token", token);
        for (int i = 0; i < queryKv.length; i += 2) spec = spec.queryParam((String) queryKv[i], queryKv[i + 1]);
        return spec.get(V + path);
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** An ACTIVE campaign > ad set (daily budget in cents) > creative > ad; returns {campaign, adset, creative, ad}. */
    static String[] adStack(TestUser u, long dailyBudget, String link, String message, String image) {
        String campaign = graphPost("/" + u.account() + "/campaigns", u.token(), "name", "Launch", "objective", "OUTCOME_TRAFFIC",
                "status", "ACTIVE", "special_ad_categories", "[]").then().statusCode(200).extract().path("id");
        String adset = graphPost("/" + u.account() + "/adsets", u.token(), "name", "segment", "campaign_id", campaign,
                "daily_budget", dailyBudget, "billing_event", "IMPRESSIONS", "optimization_goal", "LINK_CLICKS",
                "targeting", "{\"geo_locations\":{\"countries\":[\"US\"]}}").then().statusCode(200).extract().path("id");
        String spec = "{\"page_id\":\"" + u.pageId() + "\",\"link_data\":{\"link\":\"" + link + "\",\"message\":\"" + message
                + "\",\"name\":\"Headline\",\"picture\":\"" + image + "\",\"call_to_action\":{\"type\":\"SIGN_UP\"}}}";
        String creative = graphPost("/" + u.account() + "/adcreatives", u.token(), "name", "creative", "object_story_spec", spec)
                .then().statusCode(200).extract().path("id");
        String ad = graphPost("/" + u.account() + "/ads", u.token(), "name", "ad", "adset_id", adset,
                "creative", "{\"creative_id\":\"" + creative + "\"}", "status", "ACTIVE").then().statusCode(200).extract().path("id");
        return new String[]{campaign, adset, creative, ad};
    }

    private Sbx() {
    }
}
