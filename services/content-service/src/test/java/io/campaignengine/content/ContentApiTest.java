package io.campaignengine.content;

import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.content.ContentApproved;
import io.campaignengine.events.publishing.PostPublished;
import io.campaignengine.testkit.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.content.Support.ALICE;
import static io.campaignengine.content.Support.BOB;
import static io.campaignengine.content.Support.CAROL;
import static io.campaignengine.content.Support.WAIT;
import static io.campaignengine.content.Support.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Content route with its errors, roles and business scoping (viewer reads, marketer and admin write). */
@QuarkusTest
class ContentApiTest {
    static final String PROBLEM = "application/problem+json";

    static volatile UUID[] melissa;

    /** A fresh melissa campaign whose quality floor (101) nothing reaches: every piece waits in generated for a person. */
    static synchronized String manualCampaign() {
        if (melissa == null) {
            melissa = Fixtures.businessWithPlaybook("melissa");
        }
        UUID campaign = UUID.randomUUID();
        TestKafka.publish(Fixtures.campaignApproved(melissa[0], melissa[1], campaign, 3, List.of("tia_seeker", "true_believer"),
                List.of(Platform.FACEBOOK, Platform.INSTAGRAM), List.of(ContentType.ORGANIC_POST, ContentType.AD),
                Map.of("contentQualityFloor", 101.0)));
        Support.awaitJobs(campaign.toString(), 1);
        return campaign.toString();
    }

    static volatile String readOnlyCampaign;

    /** One campaign the read-only tests share (nothing changes its pieces). */
    static synchronized String readOnlyCampaign() {
        if (readOnlyCampaign == null) {
            readOnlyCampaign = manualCampaign();
        }
        return readOnlyCampaign;
    }

    static List<Map<String, Object>> pieces(String campaign) {
        return as(ALICE).queryParam("campaignId", campaign).queryParam("size", 100).get("/api/content")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void withoutATokenEverythingIs401() {
        RestAssured.given().get("/api/content").then().statusCode(401);
        RestAssured.given().auth().oauth2("not-a-token").get("/api/content").then().statusCode(401);
        RestAssured.given().contentType("application/json").body("{}").post("/api/content/generate").then().statusCode(401);
        RestAssured.given().get("/api/content/generation-jobs/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void listFiltersSortsAndPaginates() {
        String campaign = readOnlyCampaign();
        as(BOB).queryParam("campaignId", campaign).get("/api/content").then().statusCode(200)
                .body("totalItems", is(6)).body("items.status", everyItem(is("generated")))
                .body("items.allowedActions[0]", hasItem("approve"));
        // filters
        as(BOB).queryParam("campaignId", campaign).queryParam("segment", "true_believer").get("/api/content").then()
                .body("totalItems", is(3)).body("items.audienceSegment", everyItem(is("true_believer")));
        as(BOB).queryParam("campaignId", campaign).queryParam("type", "ad").get("/api/content").then()
                .body("items.type", everyItem(is("ad")));
        String hook = (String) pieces(campaign).get(0).get("hookSource");
        as(BOB).queryParam("campaignId", campaign).queryParam("hook", hook).get("/api/content").then()
                .body("items.hookSource", everyItem(is(hook))).body("totalItems", greaterThanOrEqualTo(1));
        as(BOB).queryParam("businessId", melissa[0].toString()).queryParam("status", "generated").get("/api/content").then()
                .body("totalItems", greaterThanOrEqualTo(6));
        // sort by score, best first
        List<Float> scores = as(BOB).queryParam("campaignId", campaign).queryParam("sort", "-score").get("/api/content")
                .then().extract().jsonPath().getList("items.scores.overall", Float.class);
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i - 1) >= scores.get(i), "sorted by score: " + scores);
        }
        // pagination
        as(BOB).queryParam("campaignId", campaign).queryParam("size", 4).queryParam("page", 1).get("/api/content").then()
                .body("items.size()", is(2)).body("page", is(1)).body("size", is(4)).body("totalItems", is(6)).body("totalPages", is(2));
        // bad parameters name themselves
        as(BOB).queryParam("status", "shipped").get("/api/content").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("status"));
        as(BOB).queryParam("sort", "random").get("/api/content").then().statusCode(400).body("errors[0].field", is("sort"));
        as(BOB).queryParam("campaignId", "nope").get("/api/content").then().statusCode(400).body("errors[0].field", is("campaignId"));
        as(BOB).queryParam("size", 500).get("/api/content").then().statusCode(400).body("errors[0].field", is("size"));
        // scope: carol (vaquero) sees none of melissa's content, and a melissa business id is a 404 to her
        as(CAROL).queryParam("campaignId", campaign).get("/api/content").then().statusCode(200).body("totalItems", is(0));
        as(CAROL).queryParam("businessId", melissa[0].toString()).get("/api/content").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void getShowsTheFullPieceAndHidesOtherBusinesses() {
        Map<String, Object> p = pieces(readOnlyCampaign()).get(0);
        String id = (String) p.get("id");
        as(CAROL).get("/api/content/" + id).then().statusCode(404).contentType(PROBLEM);
        as(BOB).get("/api/content/" + id).then().statusCode(200)
                .body("id", is(id)).body("status", is("generated"))
                .body("utmParams.content", is(id)).body("utmParams.source", is("facebook"))
                .body("trackedUrl", containsString("utm_content=" + id))
                .body("platformVariants.facebook.characterCount", lessThanOrEqualTo(63206))
                .body("platformVariants.instagram.characterLimit", is(2200))
                .body("platformVariants.instagram.hashtags.size()", lessThanOrEqualTo(30))
                .body("generationMetadata.scores.clarity.reasons.size()", greaterThanOrEqualTo(1))
                .body("generationMetadata.qualityFloor", is(101))
                .body("tags.emotions.size()", greaterThanOrEqualTo(1))
                .body("scores.brandVoice", notNullValue());
        as(BOB).get("/api/content/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        as(BOB).get("/api/content/not-a-uuid").then().statusCode(404);
        as(BOB).get("/api/content/" + id + "/performance").then().statusCode(200).body("contentId", is(id));
    }

    @Test
    void editKeepsRevisionsAndRefusesPostedContent() {
        String campaign = manualCampaign();
        List<Map<String, Object>> list = pieces(campaign);
        Map<String, Object> p = list.get(1);
        String id = (String) p.get("id");
        String oldHeadline = (String) p.get("headline");
        as(CAROL).body(Map.of("headline", "x")).put("/api/content/" + id).then().statusCode(403).contentType(PROBLEM);
        as(BOB).body(Map.of()).put("/api/content/" + id).then().statusCode(400).body("errors[0].field", is("headline"));
        as(BOB).body(Map.of("ctaUrl", "ftp://nope")).put("/api/content/" + id).then().statusCode(400).body("errors[0].field", is("ctaUrl"));
        as(BOB).body(Map.of("ctaText", "x".repeat(101))).put("/api/content/" + id).then().statusCode(400).body("errors[0].field", is("ctaText"));
        as(BOB).body("{\"headline\": ").put("/api/content/" + id).then().statusCode(400).contentType(PROBLEM);

        String body = "Teachers tell us the TIA portfolio finally makes sense with a coach. " + "Plain steps, real examples. ".repeat(3);
        as(BOB).body(Map.of("headline", "Your TIA portfolio, one calm step at a time", "body", body, "note", "tighter opening"))
                .put("/api/content/" + id).then().statusCode(200)
                .body("headline", is("Your TIA portfolio, one calm step at a time")).body("revision", is(2))
                .body("platformVariants.facebook.text", startsWith("Teachers tell us"))
                .body("platformVariants.facebook.linkUrl", containsString("utm_content=" + id));
        as(CAROL).get("/api/content/" + id + "/revisions").then().statusCode(404);
        as(BOB).get("/api/content/" + id + "/revisions").then().statusCode(200)
                .body("size()", is(1)).body("[0].revision", is(1)).body("[0].headline", is(oldHeadline))
                .body("[0].editedBy", is("bob")).body("[0].note", is("tighter opening"));

        // publishing-service posted it: no more edits
        TestKafka.publish(PostPublished.newBuilder().setEnvelope(Fixtures.envelope(melissa[0], UUID.fromString(campaign)))
                .setPostId(UUID.randomUUID()).setContentId(UUID.fromString(id)).setPlatform(Platform.FACEBOOK)
                .setPlatformPostId("123_456").setPermalink(null).setAdId(null).setAdSetId(null).setPublishedAt(Instant.now())
                .setAttempt(1).build());
        await().atMost(WAIT).until(() -> "posted".equals(as(BOB).get("/api/content/" + id).jsonPath().getString("status")));
        as(BOB).body(Map.of("headline", "Too late")).put("/api/content/" + id).then().statusCode(409).contentType(PROBLEM)
                .body("currentStatus", is("posted")).body("allowedActions", is(List.of("retire")));
    }

    @Test
    void approveAndRetireWithTheirEvents() {
        String campaign = manualCampaign();
        List<Map<String, Object>> list = pieces(campaign);
        String id = (String) list.get(3).get("id");
        String other = (String) list.get(4).get("id");
        as(CAROL).post("/api/content/" + id + "/approve").then().statusCode(403).contentType(PROBLEM); // viewers never write
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.tail("content.events")) {
            as(BOB).post("/api/content/" + id + "/approve").then().statusCode(200)
                    .body("status", is("approved")).body("approvedBy", is("bob")).body("autoApproved", is(false));
            ConsumerRecord<String, byte[]> r = TestKafka.await(consumer, WAIT, x -> campaign.equals(x.key())
                    && "ContentApproved".equals(TestKafka.header(x, "eventType")));
            ContentApproved e = (ContentApproved) TestKafka.decode(r.topic(), r.value());
            assertEquals(id, e.getContentId().toString());
            assertEquals("bob", e.getApprovedBy());
            assertEquals(2, e.getPlatformVariants().size());
            as(BOB).post("/api/content/" + id + "/approve").then().statusCode(409).contentType(PROBLEM)
                    .body("currentStatus", is("approved")).body("allowedActions", is(List.of("edit", "retire")));

            as(BOB).body(Map.of("reason", "off-brand")).post("/api/content/" + other + "/retire").then().statusCode(200)
                    .body("status", is("retired")).body("retireReason", is("off-brand"));
            TestKafka.await(consumer, WAIT, x -> campaign.equals(x.key()) && "ContentRetired".equals(TestKafka.header(x, "eventType")));
            as(BOB).post("/api/content/" + other + "/retire").then().statusCode(409);
            as(BOB).body(Map.of("headline", "Back again")).put("/api/content/" + other).then().statusCode(409).body("currentStatus", is("retired"));
            as(BOB).post("/api/content/" + UUID.randomUUID() + "/approve").then().statusCode(404);
        }
    }

    @Test
    void generateQueuesAJobWhoseProgressIsReadableAndStreamed() {
        String campaign = manualCampaign();
        // roles, validation, scope
        as(CAROL).body(Map.of("campaignId", campaign, "count", 2)).post("/api/content/generate").then().statusCode(403);
        as(BOB).body(Map.of("count", 2)).post("/api/content/generate").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("campaignId"));
        as(BOB).body(Map.of("campaignId", campaign, "count", 0)).post("/api/content/generate").then().statusCode(400)
                .body("errors[0].field", is("count"));
        as(BOB).body(Map.of("campaignId", "x", "count", 2)).post("/api/content/generate").then().statusCode(400)
                .body("errors[0].field", is("campaignId"));
        as(BOB).body(Map.of("campaignId", campaign, "count", 2, "hooks", List.of("h_roi", "h_nope"))).post("/api/content/generate")
                .then().statusCode(400).body("errors[0].field", is("hooks[1]"));
        as(BOB).body(Map.of("campaignId", campaign, "count", 2, "segments", List.of("nobody"))).post("/api/content/generate")
                .then().statusCode(400).body("errors[0].field", is("segments[0]"));
        as(BOB).body(Map.of("campaignId", UUID.randomUUID().toString(), "count", 2)).post("/api/content/generate").then().statusCode(404);

        Map<String, Object> job = as(BOB).header("X-Correlation-Id", "gen-" + campaign)
                .body(Map.of("campaignId", campaign, "count", 2, "hooks", List.of("h_paperwork"), "segments", List.of("tia_seeker")))
                .post("/api/content/generate").then().statusCode(202)
                .body("status", is("queued")).body("trigger", is("manual")).body("requested", is(2))
                .extract().jsonPath().getMap("");
        String jobId = (String) job.get("id");
        // SSE: progress events until the job is done (the stream ends by itself)
        String stream = as(BOB).accept("text/event-stream").get("/api/content/generation-jobs/" + jobId + "/events")
                .then().statusCode(200).extract().asString();
        assertTrue(stream.contains("\"status\":\"completed\""), stream);
        assertTrue(stream.contains("data:"), stream);
        Map<String, Object> done = Support.awaitJob(jobId);
        assertEquals("completed", done.get("status"));
        assertEquals(2, done.get("generated"));
        assertEquals(0, done.get("failed"));
        assertEquals("offline", done.get("provider"));
        as(BOB).queryParam("campaignId", campaign).queryParam("hook", "h_paperwork").queryParam("segment", "tia_seeker")
                .get("/api/content").then().body("totalItems", greaterThanOrEqualTo(2));
        as(CAROL).get("/api/content/generation-jobs/" + jobId).then().statusCode(404);
        as(CAROL).accept("text/event-stream").get("/api/content/generation-jobs/" + jobId + "/events").then().statusCode(404);
        as(BOB).get("/api/content/generation-jobs/" + UUID.randomUUID()).then().statusCode(404);
        as(BOB).queryParam("status", "done").get("/api/content/generation-jobs").then().statusCode(400).body("errors[0].field", is("status"));
    }

    @Test
    void autoApprovalFollowsTheCampaignQualityFloor() {
        UUID[] bp = Fixtures.businessWithPlaybook("vaquero");
        UUID campaign = UUID.randomUUID();
        TestKafka.publish(Fixtures.campaignApproved(bp[0], bp[1], campaign, 4, List.of("tia_seeker"), List.of(Platform.FACEBOOK),
                List.of(ContentType.ORGANIC_POST), Map.of()));
        Support.awaitJobs(campaign.toString(), 1);
        List<Map<String, Object>> items = as(CAROL).queryParam("campaignId", campaign.toString()).get("/api/content")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(4, items.size());
        for (Map<String, Object> p : items) {
            @SuppressWarnings("unchecked")
            Map<String, Number> s = (Map<String, Number>) p.get("scores");
            boolean allPass = s.get("brandVoice").doubleValue() >= 60 && s.get("clarity").doubleValue() >= 60
                    && s.get("hookAlignment").doubleValue() >= 60;
            assertEquals(allPass ? "approved" : "generated", p.get("status"), p.toString());
            assertEquals(allPass, p.get("autoApproved"));
            if (allPass) {
                assertEquals("system:auto-approval", p.get("approvedBy"));
            }
        }
        assertTrue(items.stream().anyMatch(p -> "approved".equals(p.get("status"))), "the offline generator's usual output passes 60");
        // carol reads vaquero, bob (melissa only) does not see it
        as(BOB).get("/api/content/" + items.get(0).get("id")).then().statusCode(404);
        as(ALICE).queryParam("campaignId", campaign.toString()).get("/api/content").then().body("totalItems", is(4));
    }
}
