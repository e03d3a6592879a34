package io.campaignengine.metasandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import static io.campaignengine.metasandbox.Sbx.V;
import static io.campaignengine.metasandbox.Sbx.graphGet;
import static io.campaignengine.metasandbox.Sbx.graphPost;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ErrorsAndRateLimitsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void restoreLimits() {
        given().contentType(ContentType.JSON).body(Map.of("app_calls_per_hour", 20000, "user_calls_per_hour", 10000,
                "page_calls_per_hour", 9600, "ad_account_calls_per_hour", 9000, "insights_calls_per_hour", 3600, "clear", true))
                .put("/_sandbox/rate-limits").then().statusCode(200);
        given().delete("/_sandbox/errors").then().statusCode(200);
    }

    private static void limits(Map<String, Object> l) {
        given().contentType(ContentType.JSON).body(l).put("/_sandbox/rate-limits").then().statusCode(200);
    }

    @Test
    void envelopeForMissingUnparsableInvalidatedAndExpiredTokens() {
        given().get(V + "/me").then().statusCode(400).contentType(startsWith("application/json"))
                .body("error.code", equalTo(104)).body("error.type", equalTo("OAuthException"))
                .body("error.fbtrace_id", matchesPattern("[A-Za-z0-9_-]{11}")).body("error.error_subcode", equalTo(null));
        given().queryParam("access_token", "EAAgarbage").get(V + "/me").then().statusCode(400)
                .header("WWW-Authenticate", startsWith("OAuth \"Facebook Platform\" \"invalid_token\""))
                .body("error.code", equalTo(190)).body("error.message", equalTo("Invalid OAuth access token - Cannot parse access token"));
        Sbx.TestUser u = Sbx.user();
        given().contentType(ContentType.JSON).body(Map.of("access_token", u.token(), "subcode", 467)).post("/_sandbox/tokens/invalidate")
                .then().statusCode(200);
        graphGet("/me", u.token()).then().statusCode(400).body("error.code", equalTo(190)).body("error.error_subcode", equalTo(467));
        Sbx.TestUser v = Sbx.user();
        given().contentType(ContentType.JSON).body(Map.of("access_token", v.pageToken())).post("/_sandbox/tokens/expire").then().statusCode(200);
        graphPost("/" + v.pageId() + "/feed", v.pageToken(), "message", "x").then().statusCode(400)
                .body("error.code", equalTo(190)).body("error.error_subcode", equalTo(463));
        graphGet("/123456", v.token()).then().statusCode(400).body("error.type", equalTo("GraphMethodException"))
                .body("error.code", equalTo(100)).body("error.error_subcode", equalTo(33))
                .body("error.message", startsWith("Unsupported get request. Object with ID '123456' does not exist"));
        graphGet("/" + v.pageId() + "/a/b", v.token()).then().statusCode(400).body("error.code", equalTo(2500));
    }

    @Test
    void forcedErrorsFailTheNextMatchingCalls() {
        Sbx.TestUser u = Sbx.user();
        given().contentType(ContentType.JSON).body(Map.of("method", "POST", "path", "/feed", "code", 368, "times", 2,
                "message", "(#368) The action attempted has been deemed abusive or is otherwise disallowed")).post("/_sandbox/errors").then().statusCode(200);
        graphGet("/" + u.pageId() + "/feed", u.pageToken()).then().statusCode(200); // GET does not match
        for (int i = 0; i < 2; i++) {
            graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "x").then().statusCode(400).body("error.code", equalTo(368))
                    .body("error.fbtrace_id", notNullValue());
        }
        graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "x").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("code", 4)).post("/_sandbox/errors").then().statusCode(200);
        graphGet("/me", u.token()).then().statusCode(400).body("error.code", equalTo(4)).body("error.is_transient", equalTo(true))
                .header("X-App-Usage", startsWith("{\"call_count\":100"));
        given().contentType(ContentType.JSON).body(Map.of("code", 10, "path", "/media")).post("/_sandbox/errors").then().statusCode(200);
        graphPost("/" + u.igId() + "/media", u.token(), "image_url", "http://x/y.jpg").then().statusCode(403).body("error.code", equalTo(10));
    }

    private static int pagesCallCount(Response r, String key) throws Exception {
        JsonNode n = JSON.readTree(r.header("X-Business-Use-Case-Usage"));
        return n.path(key).get(0).path("call_count").asInt();
    }

    @Test
    void pageTokenUsageRisesToThrottlingThenRecovers() throws Exception {
        Sbx.TestUser u = Sbx.user();
        limits(Map.of("page_calls_per_hour", 10));
        int last = -1;
        for (int i = 0; i < 10; i++) {
            Response r = graphGet("/" + u.pageId(), u.pageToken());
            r.then().statusCode(200);
            int pct = pagesCallCount(r, u.pageId());
            assertTrue(pct > last, pct + " after " + last);
            last = pct;
            JsonNode usage = JSON.readTree(r.header("X-Business-Use-Case-Usage")).path(u.pageId()).get(0);
            assertEquals("pages", usage.path("type").asText());
            for (String f : new String[]{"call_count", "total_cputime", "total_time", "estimated_time_to_regain_access"}) {
                assertTrue(usage.has(f), f);
            }
        }
        assertEquals(100, last);
        assertEquals(100, JSON.readTree(graphGet("/" + u.pageId(), u.pageToken()).header("X-Page-Usage")).path("call_count").asInt());
        Response throttled = graphGet("/" + u.pageId(), u.pageToken());
        throttled.then().statusCode(400).body("error.code", equalTo(32)).body("error.is_transient", equalTo(true));
        JsonNode usage = JSON.readTree(throttled.header("X-Business-Use-Case-Usage")).path(u.pageId()).get(0);
        assertTrue(usage.path("estimated_time_to_regain_access").asInt() > 0);
        // the control API reports what the headers showed: the highest usage and the throttled calls of the Page
        var observed = given().get("/_sandbox/rate-limits").then().statusCode(200).extract().jsonPath();
        assertEquals(100, observed.getInt("observed.'page:" + u.pageId() + "'.max_percent"));
        assertTrue(observed.getInt("observed.'page:" + u.pageId() + "'.throttled") >= 1);
        Sbx.advance(Duration.ofMinutes(61));
        graphGet("/" + u.pageId(), u.pageToken()).then().statusCode(200);
    }

    @Test
    void appAndUserLimitsWithXAppUsage() throws Exception {
        Sbx.TestUser u = Sbx.user();
        limits(Map.of("app_calls_per_hour", 1_000_000, "user_calls_per_hour", 5, "clear", true));
        for (int i = 0; i < 5; i++) graphGet("/me", u.token()).then().statusCode(200).header("X-App-Usage", notNullValue());
        graphGet("/me", u.token()).then().statusCode(400).body("error.code", equalTo(17));
        // another user is not throttled by the first one's calls
        Sbx.TestUser other = Sbx.user();
        graphGet("/me", other.token()).then().statusCode(200);

        limits(Map.of("app_calls_per_hour", 4, "user_calls_per_hour", 10000, "clear", true));
        int last = -1;
        for (int i = 0; i < 4; i++) {
            Response r = graphGet("/me", other.token());
            r.then().statusCode(200);
            JsonNode usage = JSON.readTree(r.header("X-App-Usage"));
            assertTrue(usage.path("call_count").asInt() > last);
            assertTrue(usage.has("total_cputime") && usage.has("total_time"));
            last = usage.path("call_count").asInt();
        }
        graphGet("/me", other.token()).then().statusCode(400).body("error.code", equalTo(4))
                .body("error.message", equalTo("(#4) Application request limit reached"));
    }

    @Test
    void adAccountAndInsightsLimits() throws Exception {
        Sbx.TestUser u = Sbx.user();
        String[] ids = Sbx.adStack(u, 1000, "https://example.com/?utm_content=v", "Limits.", "https://img.example.com/l.jpg");
        limits(Map.of("ad_account_calls_per_hour", 3, "insights_calls_per_hour", 2, "clear", true));
        String accountKey = u.account().substring(4);
        for (int i = 0; i < 3; i++) {
            Response r = graphGet("/" + ids[3], u.token());
            r.then().statusCode(200).header("X-Ad-Account-Usage", startsWith("{\"acc_id_util_pct\":"));
            JsonNode buc = JSON.readTree(r.header("X-Business-Use-Case-Usage"));
            Iterator<String> keys = buc.fieldNames();
            assertEquals(accountKey, keys.next());
            assertEquals("ads_management", buc.path(accountKey).get(0).path("type").asText());
        }
        graphPost("/" + ids[1], u.token(), "daily_budget", 2000).then().statusCode(400).body("error.code", equalTo(80004))
                .body("error.error_subcode", equalTo(2446079));
        for (int i = 0; i < 2; i++) graphGet("/" + ids[3] + "/insights", u.token()).then().statusCode(200);
        graphGet("/" + ids[3] + "/insights", u.token()).then().statusCode(400).body("error.code", equalTo(613));
    }
}
