package io.campaignengine.metasandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.campaignengine.metasandbox.Sbx.graphGet;
import static io.campaignengine.metasandbox.Sbx.graphPost;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class MarketingApiTest {

    static final String LINK = "https://example.com/start?utm_source=facebook&utm_medium=paid_social&utm_campaign=launch&utm_content=v1&utm_term=tia_seeker";

    @Test
    void createsTheObjectsAndReadsThemBackWithFields() {
        Sbx.TestUser u = Sbx.user();
        String[] ids = Sbx.adStack(u, 2400, LINK, "Stop guessing. Measure it.", "https://img.example.com/roi.jpg");
        graphGet("/" + ids[0], u.token(), "fields", "id,name,objective,status,effective_status,special_ad_categories")
                .then().statusCode(200).body("objective", equalTo("OUTCOME_TRAFFIC")).body("effective_status", equalTo("ACTIVE"))
                .body("special_ad_categories.size()", equalTo(0));
        graphGet("/" + ids[1], u.token(), "fields", "daily_budget,campaign_id,targeting,billing_event").then().statusCode(200)
                .body("daily_budget", equalTo("2400")).body("campaign_id", equalTo(ids[0]))
                .body("targeting.geo_locations.countries[0]", equalTo("US"));
        graphGet("/" + ids[2], u.token(), "fields", "object_story_spec,effective_object_story_id,call_to_action_type").then().statusCode(200)
                .body("object_story_spec.page_id", equalTo(u.pageId())).body("call_to_action_type", equalTo("SIGN_UP"))
                .body("effective_object_story_id", startsWith(u.pageId() + "_"));
        graphGet("/" + ids[3], u.token(), "fields", "adset_id,campaign_id,creative{id},effective_status").then().statusCode(200)
                .body("creative.id", equalTo(ids[2])).body("adset_id", equalTo(ids[1])).body("effective_status", equalTo("ACTIVE"));
        graphGet("/" + u.account() + "/campaigns", u.token(), "fields", "id,name").then().statusCode(200).body("data.id", hasItem(ids[0]));
        graphGet("/" + ids[0] + "/adsets", u.token()).then().statusCode(200).body("data[0].id", equalTo(ids[1]));
        graphGet("/" + ids[1] + "/ads", u.token()).then().statusCode(200).body("data[0].id", equalTo(ids[3]));
        graphGet("/" + u.account(), u.token(), "fields", "account_id,currency,timezone_name").then().statusCode(200)
                .body("currency", equalTo("USD")).body("account_id", equalTo(u.account().substring(4)));
    }

    @Test
    void validationUsesMetasCodes() {
        Sbx.TestUser u = Sbx.user();
        graphPost("/" + u.account() + "/campaigns", u.token(), "name", "x", "objective", "OUTCOME_TRAFFIC").then().statusCode(400)
                .body("error.code", equalTo(100)).body("error.message", equalTo("(#100) The parameter special_ad_categories is required"));
        graphPost("/" + u.account() + "/campaigns", u.token(), "name", "x", "objective", "WIN", "special_ad_categories", "[]")
                .then().statusCode(400).body("error.message", startsWith("(#100) Param objective must be one of"));
        String campaign = graphPost("/" + u.account() + "/campaigns", u.token(), "name", "x", "objective", "OUTCOME_SALES",
                "special_ad_categories", "[]").then().statusCode(200).extract().path("id");
        graphPost("/" + u.account() + "/adsets", u.token(), "name", "s", "campaign_id", campaign, "daily_budget", 50,
                "billing_event", "IMPRESSIONS", "targeting", "{\"geo_locations\":{\"countries\":[\"US\"]}}").then().statusCode(400)
                .body("error.message", equalTo("Invalid parameter")).body("error.error_subcode", equalTo(1885272))
                .body("error.error_user_title", equalTo("Your Budget Is Too Low"));
        graphPost("/" + u.account() + "/adsets", u.token(), "name", "s", "campaign_id", campaign, "daily_budget", 500,
                "billing_event", "IMPRESSIONS", "targeting", "{\"age_min\":18}").then().statusCode(400).body("error.error_subcode", equalTo(1487756));
        graphPost("/" + u.account() + "/adsets", u.token(), "name", "s", "campaign_id", "123", "daily_budget", 500,
                "billing_event", "IMPRESSIONS", "targeting", "{\"geo_locations\":{\"countries\":[\"US\"]}}").then().statusCode(400)
                .body("error.code", equalTo(100));
        graphPost("/" + u.account() + "/ads", u.token(), "name", "a", "adset_id", "123", "creative", "{\"creative_id\":\"1\"}")
                .then().statusCode(400).body("error.code", equalTo(100));
        Sbx.TestUser readOnly = Sbx.user(List.of("ads_read"));
        graphPost("/" + readOnly.account() + "/campaigns", readOnly.token(), "name", "x", "objective", "OUTCOME_SALES",
                "special_ad_categories", "[]").then().statusCode(403).body("error.code", equalTo(200));
        graphGet("/" + u.account(), readOnly.token()).then().statusCode(400).body("error.error_subcode", equalTo(33));
    }

    private static JsonPath insights(Sbx.TestUser u, String id, Object... params) {
        return graphGet("/" + id + "/insights", u.token(), params).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void insightsArithmeticUnderAdvancedClock() {
        Sbx.TestUser u = Sbx.user();
        String[] ids = Sbx.adStack(u, 2400, LINK, "Stop guessing. Measure it.", "https://img.example.com/roi.jpg");
        // nothing delivered before time passes
        assertEquals(0, insights(u, ids[3], "date_preset", "maximum").getList("data").size());
        Sbx.advance(Duration.ofDays(2));
        String fields = "impressions,reach,clicks,ctr,cpc,cpm,spend,actions,frequency";
        JsonPath all = insights(u, ids[3], "fields", fields, "date_preset", "maximum");
        long impressions = Long.parseLong(all.getString("data[0].impressions"));
        long clicks = Long.parseLong(all.getString("data[0].clicks"));
        long reach = Long.parseLong(all.getString("data[0].reach"));
        BigDecimal spend = new BigDecimal(all.getString("data[0].spend"));
        // a $24.00 daily budget paced at 85..100% for two days
        assertTrue(spend.doubleValue() >= 2 * 24 * 0.85 - 0.01 && spend.doubleValue() <= 48.01, "spend " + spend);
        assertTrue(impressions > 1000, "impressions " + impressions);
        assertTrue(reach > 0 && reach <= impressions);
        assertEquals(BigDecimal.valueOf(clicks * 100.0 / impressions).setScale(6, RoundingMode.HALF_UP).toPlainString(), all.getString("data[0].ctr"));
        assertEquals(spend.divide(BigDecimal.valueOf(clicks), 6, RoundingMode.HALF_UP).doubleValue(), Double.parseDouble(all.getString("data[0].cpc")), 1e-5);
        assertEquals(spend.doubleValue() * 1000 / impressions, Double.parseDouble(all.getString("data[0].cpm")), 1e-5);
        List<Map<String, String>> actions = all.getList("data[0].actions");
        assertEquals(Long.toString(clicks), actions.stream().filter(a -> a.get("action_type").equals("link_click")).findFirst().orElseThrow().get("value"));

        // per-day rows add up to the total; the ad set and campaign report the same (one ad)
        JsonPath daily = insights(u, ids[3], "fields", "impressions,clicks,spend", "date_preset", "maximum", "time_increment", 1);
        List<Map<String, String>> rows = daily.getList("data");
        assertTrue(rows.size() >= 2 && rows.size() <= 3, "days " + rows.size());
        assertEquals(impressions, rows.stream().mapToLong(r -> Long.parseLong(r.get("impressions"))).sum());
        assertEquals(clicks, rows.stream().mapToLong(r -> Long.parseLong(r.get("clicks"))).sum());
        assertEquals(spend.doubleValue(), rows.stream().mapToDouble(r -> Double.parseDouble(r.get("spend"))).sum(), 0.03);
        assertEquals(all.getString("data[0].impressions"), insights(u, ids[1], "fields", "impressions", "date_preset", "maximum").getString("data[0].impressions"));
        JsonPath byAd = insights(u, u.account(), "level", "ad", "fields", "ad_id,impressions", "date_preset", "maximum");
        assertEquals(ids[3], byAd.getString("data[0].ad_id"));

        // time_range selects days; last_7d excludes today
        String day = rows.get(0).get("date_start");
        JsonPath one = insights(u, ids[3], "fields", "impressions", "time_range", "{\"since\":\"" + day + "\",\"until\":\"" + day + "\"}");
        assertEquals(rows.get(0).get("impressions"), one.getString("data[0].impressions"));
        assertEquals(day, one.getString("data[0].date_start"));
        String today = Instant.ofEpochMilli(Sbx.nowMs()).atZone(ZoneOffset.UTC).toLocalDate().toString();
        JsonPath last7 = insights(u, ids[3], "fields", "impressions", "date_preset", "last_7d");
        assertTrue(last7.getString("data[0].date_stop").compareTo(today) < 0);
        graphGet("/" + ids[3] + "/insights", u.token(), "date_preset", "last_century").then().statusCode(400)
                .body("error.message", startsWith("(#100) date_preset must be one of the following values"));
        graphGet("/" + ids[3] + "/insights", u.token(), "fields", "impressions,magic").then().statusCode(400)
                .body("error.message", startsWith("(#100) fields must be one of the following values"));
    }

    @Test
    void pausingStopsDeliveryAndABudgetChangeAppliesFromNowOn() {
        Sbx.TestUser u = Sbx.user();
        String[] ids = Sbx.adStack(u, 2400, LINK, "Pause me. Then budget me.", "https://img.example.com/p.jpg");
        Sbx.advance(Duration.ofDays(1));
        double day1 = spend(u, ids[3]);

        graphPost("/" + ids[3], u.token(), "status", "PAUSED").then().statusCode(200).body("success", equalTo(true));
        graphGet("/" + ids[3], u.token(), "fields", "status,effective_status").then().body("effective_status", equalTo("PAUSED"));
        Sbx.advance(Duration.ofDays(1));
        assertEquals(day1, spend(u, ids[3]), 1e-9);

        graphPost("/" + ids[3], u.token(), "status", "ACTIVE").then().statusCode(200);
        graphPost("/" + ids[0], u.token(), "status", "PAUSED").then().statusCode(200);
        graphGet("/" + ids[3], u.token(), "fields", "effective_status").then().body("effective_status", equalTo("CAMPAIGN_PAUSED"));
        Sbx.advance(Duration.ofHours(6));
        assertEquals(day1, spend(u, ids[3]), 1e-9);
        graphPost("/" + ids[0], u.token(), "status", "ACTIVE").then().statusCode(200);

        graphPost("/" + ids[1], u.token(), "daily_budget", 9600).then().statusCode(200).body("success", equalTo(true));
        graphGet("/" + ids[1], u.token(), "fields", "daily_budget").then().body("daily_budget", equalTo("9600"));
        Sbx.advance(Duration.ofDays(1));
        double day3 = spend(u, ids[3]) - day1;
        assertTrue(day3 >= 96 * 0.85 - 0.01 && day3 <= 96.01, "spend after the budget change " + day3);

        graphPost("/" + ids[1], u.token(), "daily_budget", 10).then().statusCode(400).body("error.error_subcode", equalTo(1885272));
        io.restassured.RestAssured.given().queryParam("access_token", u.token()).delete(Sbx.V + "/" + ids[3]).then().statusCode(200);
        graphGet("/" + ids[3], u.token(), "fields", "status,effective_status").then().body("status", equalTo("DELETED"))
                .body("effective_status", equalTo("DELETED"));
    }

    private static double spend(Sbx.TestUser u, String ad) {
        JsonPath j = insights(u, ad, "fields", "spend", "date_preset", "maximum");
        return j.getList("data").isEmpty() ? 0 : Double.parseDouble(j.getString("data[0].spend"));
    }

    @Test
    void adImagesUploadGivesTheHashCreativesUse() throws Exception {
        Sbx.TestUser u = Sbx.user();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9};
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(jpeg));
        graphPost("/" + u.account() + "/adimages", u.token(), "bytes", java.util.Base64.getEncoder().encodeToString(jpeg))
                .then().statusCode(200).body("images.bytes.hash", equalTo(expected)).body("images.bytes.url", startsWith("https://"));
        graphGet("/" + u.account() + "/adimages", u.token(), "fields", "hash,url").then().statusCode(200).body("data[0].hash", equalTo(expected));
        String spec = "{\"page_id\":\"" + u.pageId() + "\",\"link_data\":{\"link\":\"" + LINK + "\",\"message\":\"Hashed.\",\"image_hash\":\"%s\"}}";
        String creative = graphPost("/" + u.account() + "/adcreatives", u.token(), "object_story_spec", spec.formatted(expected))
                .then().statusCode(200).extract().path("id");
        graphGet("/" + creative, u.token(), "fields", "image_hash,image_url").then().statusCode(200).body("image_hash", equalTo(expected));
        graphPost("/" + u.account() + "/adcreatives", u.token(), "object_story_spec", spec.formatted("0123456789abcdef0123456789abcdef"))
                .then().statusCode(400).body("error.error_subcode", equalTo(1487242));
    }

    @Test
    void insightsInlineInAFieldSelectionAndSeveralIdsAtOnce() {
        Sbx.TestUser u = Sbx.user();
        String[] ids = Sbx.adStack(u, 3000, LINK, "Inline insights. Please", "https://img.example.com/i.jpg");
        graphGet("/" + ids[1] + "/ads", u.token(), "fields", "id,name,insights.date_preset(maximum){impressions,clicks}").then().statusCode(200)
                .body("data[0].id", equalTo(ids[3])).body("data[0].insights", equalTo(null)); // no delivery yet: left out
        Sbx.advance(Duration.ofHours(12));
        JsonPath j = graphGet("/" + u.account() + "/ads", u.token(), "fields",
                "id,insights.date_preset(maximum).time_increment(all_days){impressions,spend}").then().statusCode(200).extract().jsonPath();
        String inline = j.getString("data.find { it.id == '" + ids[3] + "' }.insights.data[0].impressions");
        assertEquals(insights(u, ids[3], "fields", "impressions", "date_preset", "maximum").getString("data[0].impressions"), inline);
        graphGet("/" + ids[0], u.token(), "fields", "name,insights.time_range({\"since\":\"2000-01-01\",\"until\":\"2100-01-01\"}){clicks}")
                .then().statusCode(200).body("insights.data[0].clicks", org.hamcrest.Matchers.notNullValue());

        io.restassured.RestAssured.given().queryParam("access_token", u.token()).queryParam("ids", ids[0] + "," + ids[3])
                .queryParam("fields", "id,name").get(Sbx.V + "/").then().statusCode(200)
                .body(ids[0] + ".name", equalTo("Launch")).body(ids[3] + ".name", equalTo("ad"));
        io.restassured.RestAssured.given().queryParam("access_token", u.token()).queryParam("ids", ids[0] + ",999")
                .get(Sbx.V + "/").then().statusCode(404).body("error.code", equalTo(803));
    }
}
