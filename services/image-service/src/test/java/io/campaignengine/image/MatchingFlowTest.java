package io.campaignengine.image;

import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.content.ContentGenerated;
import io.campaignengine.events.image.ImageMatched;
import io.campaignengine.events.image.ImageRequestCancelled;
import io.campaignengine.events.image.ImageRequestFulfilled;
import io.campaignengine.events.image.ImageRequested;
import io.campaignengine.events.image.ImageUploaded;
import io.campaignengine.testkit.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.image.Fixtures.BOB;
import static io.campaignengine.image.Fixtures.CAROL;
import static io.campaignengine.image.Fixtures.WAIT;
import static io.campaignengine.image.Fixtures.as;
import static io.campaignengine.image.Fixtures.upload;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ContentGenerated on Kafka → ImageMatched / ImageRequested read back from image.events (outbox → Debezium → Kafka,
 * decoded through the registry), the matching routes, and flow 3: request → upload → fulfill → ImageRequestFulfilled.
 */
@QuarkusTest
class MatchingFlowTest {

    @Test
    void contentGeneratedIsMatchedToTheBestImageThatSuitsItsPlacements() {
        UUID business = Fixtures.business("melissa");
        Fixtures.awaitPlaybook(business, Fixtures.playbook(business));
        UUID campaign = UUID.randomUUID();
        String square;
        try (KafkaConsumer<String, byte[]> events = TestKafka.tail("image.events")) {
            square = upload(BOB, business, "square.jpg", Images.jpeg(1080, 1080, 71), "image/jpeg", "segments", "tia_seeker",
                    "emotions", "achievement", "themes", "roi", "altText", "Teacher holding her certificate").then().statusCode(201)
                    .extract().path("id");
            ConsumerRecord<String, byte[]> up = TestKafka.await(events, WAIT, r -> business.toString().equals(r.key())
                    && "ImageUploaded".equals(TestKafka.header(r, "eventType")));
            ImageUploaded uploaded = (ImageUploaded) TestKafka.decode("image.events", up.value());
            assertEquals(square, uploaded.getImageId().toString());
            assertEquals(List.of("tia_seeker"), uploaded.getTags().getSegments());
        }
        // the same tags, 1.91:1: fine for the Facebook feed, not for Instagram's
        String wide = upload(BOB, business, "wide.jpg", Images.jpeg(1200, 628, 72), "image/jpeg", "segments", "tia_seeker",
                "emotions", "achievement", "themes", "roi").then().statusCode(201).extract().path("id");
        upload(BOB, business, "other.jpg", Images.jpeg(1080, 1080, 73), "image/jpeg", "segments", "true_believer").then().statusCode(201);

        UUID content = UUID.randomUUID();
        ContentGenerated generated = Fixtures.content(business, campaign, content, ContentType.AD, "tia_seeker", List.of("achievement"),
                List.of("roi"), Platform.FACEBOOK, Platform.INSTAGRAM);
        try (KafkaConsumer<String, byte[]> events = TestKafka.tail("image.events")) {
            TestKafka.publish(generated);
            ConsumerRecord<String, byte[]> r = TestKafka.await(events, WAIT, x -> campaign.toString().equals(x.key())
                    && "ImageMatched".equals(TestKafka.header(x, "eventType")));
            ImageMatched m = (ImageMatched) TestKafka.decode("image.events", r.value());
            assertEquals(content, m.getContentId());
            assertEquals(square, m.getImageId().toString());
            assertEquals(1.0, m.getMatchScore(), 1e-9);   // 0.4 + 0.3 + 0.2 + 0.1 (nothing used yet)
            assertEquals(0.6, m.getThreshold(), 1e-9);
            assertEquals(1.0, m.getBreakdown().getSegment(), 1e-9);
            assertEquals(1.0, m.getBreakdown().getUsageBalance(), 1e-9);
            assertEquals("Teacher holding her certificate", m.getAltText());
            assertTrue(m.getStorageUrl().contains("businesses/" + business + "/images/" + square), m.getStorageUrl());
            // wide is filtered out by the Instagram placement; other scores 0.1 (usage balance only)
            assertEquals(List.of(square), m.getCandidates().stream().limit(1).map(c -> c.getImageId().toString()).toList());
            assertEquals(2, m.getCandidates().size());
            assertEquals(campaign.toString(), m.getEnvelope().getCampaignId());
            assertEquals(business.toString(), m.getEnvelope().getBusinessId());
            // the consumed event's correlation id flows on, its id is the causation
            assertEquals(generated.getEnvelope().getCorrelationId(), m.getEnvelope().getCorrelationId());
            assertEquals(generated.getEnvelope().getEventId().toString(), m.getEnvelope().getCausationId());
        }

        // the same ranking through the API, with every component
        as(BOB).queryParam("contentId", content).get("/api/images/match").then().statusCode(200)
                .body("matched", is(true)).body("threshold", is(0.6f)).body("libraryCount", is(3)).body("suitableCount", is(2))
                .body("placements", equalTo(List.of("facebook_feed", "instagram_feed")))
                .body("results[0].imageId", equalTo(square)).body("results[0].score", is(1.0f))
                .body("results[1].score", is(0.1f)).body("results[1].breakdown.segment", is(0.0f))
                .body("results[0].thumbnailUrl", containsString("thumbnail"));
        // ad hoc: facebook feed only, a partial match; wide comes back
        as(BOB).contentType("application/json").body(Map.of("businessId", business.toString(), "segment", "tia_seeker",
                        "emotions", List.of("achievement", "relief"), "themes", List.of("roi", "story"), "placement", "facebook_feed",
                        "text", "Proud of her new certificate"))
                .post("/api/images/match").then().statusCode(200)
                .body("results.imageId", hasItem(wide))
                // square and wide tie at 0.75: the message is closer to square's alt text (embedding tie-breaker)
                .body("results[0].imageId", equalTo(square)).body("results[1].imageId", equalTo(wide)).body("results[1].score", is(0.75f))
                // 0.4 + 0.3*1/2 + 0.2*1/2 + 0.1 = 0.75
                .body("results[0].score", is(0.75f)).body("results[0].breakdown.emotion", is(0.5f))
                .body("results[0].breakdown.theme", is(0.5f)).body("results[0].aboveThreshold", is(true));
        as(BOB).contentType("application/json").body(Map.of("businessId", business.toString(), "placement", "billboard"))
                .post("/api/images/match").then().statusCode(400).body("errors[0].field", equalTo("placement"));
        as(CAROL).queryParam("contentId", content).get("/api/images/match").then().statusCode(404);
        as(BOB).queryParam("contentId", UUID.randomUUID()).get("/api/images/match").then().statusCode(404);
    }

    @Test
    void belowTheThresholdAnImageIsRequestedThenFulfilled() {
        UUID business = Fixtures.business("melissa");
        Fixtures.awaitPlaybook(business, Fixtures.playbook(business));
        UUID campaign = UUID.randomUUID();
        upload(BOB, business, "unrelated.jpg", Images.jpeg(1080, 1080, 81), "image/jpeg", "segments", "true_believer").then().statusCode(201);

        UUID content = UUID.randomUUID();
        UUID story = UUID.randomUUID();
        ImageRequested requested;
        ImageRequested storyRequest;
        ContentGenerated ad = Fixtures.content(business, campaign, content, ContentType.AD, "tia_seeker", List.of("achievement"),
                List.of("roi"), Platform.INSTAGRAM);
        try (KafkaConsumer<String, byte[]> events = TestKafka.tail("image.events")) {
            // delivered twice (same event id): applied once; a re-publication (new id) of the piece: still one open request
            TestKafka.publish(ad);
            TestKafka.publish(ad);
            TestKafka.publish(Fixtures.content(business, campaign, content, ContentType.AD, "tia_seeker", List.of("achievement"),
                    List.of("roi"), Platform.INSTAGRAM));
            TestKafka.publish(Fixtures.content(business, campaign, story, ContentType.STORY, "tia_seeker", List.of("relief"),
                    List.of("story"), Platform.INSTAGRAM));
            requested = awaitRequested(events, campaign, content);
            storyRequest = awaitRequested(events, campaign, story);
        }
        // the only image scores 0.1 (usage balance): below 0.6
        assertEquals(0.1, requested.getBestMatchScore(), 1e-9);
        assertEquals(0.6, requested.getThreshold(), 1e-9);
        assertEquals(8, requested.getPriority());           // 5 + 2 ad + 1 far below the threshold
        assertEquals("1:1", requested.getAspectRatio());
        assertEquals(List.of("tia_seeker"), requested.getSuggestedTags().getSegments());
        assertEquals(List.of("achievement"), requested.getSuggestedTags().getEmotions());
        assertTrue(requested.getSuggestedPrompt().startsWith("warm documentary photography of tia seeker"), requested.getSuggestedPrompt());
        assertTrue(requested.getSuggestedPrompt().contains("--ar 1:1"), requested.getSuggestedPrompt());
        assertTrue(requested.getDescription().contains("Your designation in ten minutes a week"), requested.getDescription());
        // nothing in the library is 9:16: no score at all, higher priority
        assertNull(storyRequest.getBestMatchScore());
        assertEquals("9:16", storyRequest.getAspectRatio());
        assertEquals(8, storyRequest.getPriority());        // 5 + 1 story + 2 nothing suits

        // a story published after the duplicates on the same partition (same campaign key) has been handled: so have they
        as(BOB).queryParam("businessId", business).queryParam("campaignId", campaign).get("/api/images/requests").then()
                .body("totalItems", is(2));
        String requestId = requested.getRequestId().toString();
        String storyId = storyRequest.getRequestId().toString();
        as(BOB).queryParam("businessId", business).get("/api/images/requests").then().statusCode(200)
                .body("totalItems", is(2)).body("items.status", equalTo(List.of("pending", "pending")))
                .body("items.find { it.id == '" + requestId + "' }.suggestedPrompt", equalTo(requested.getSuggestedPrompt()))
                .body("items.find { it.id == '" + requestId + "' }.promptSource", equalTo("offline"));
        as(CAROL).queryParam("businessId", business).get("/api/images/requests").then().statusCode(404);
        as(CAROL).get("/api/images/requests/" + requestId).then().statusCode(404);

        // flow 3: make the image, upload it with the suggested tags, fulfill the request
        as(BOB).post("/api/images/requests/" + requestId + "/start").then().statusCode(200).body("status", equalTo("in_progress"));
        String made = upload(BOB, business, "made.jpg", Images.jpeg(1080, 1080, 82), "image/jpeg", "segments", "tia_seeker",
                "emotions", "achievement", "themes", "roi", "fulfillsRequestId", requestId).then().statusCode(201).extract().path("id");
        as(CAROL).contentType("application/json").body(Map.of("imageId", made)).post("/api/images/requests/" + requestId + "/fulfill")
                .then().statusCode(403);
        as(BOB).contentType("application/json").body(Map.of("imageId", UUID.randomUUID().toString()))
                .post("/api/images/requests/" + requestId + "/fulfill").then().statusCode(404).body("field", equalTo("imageId"));
        as(BOB).contentType("application/json").body(Map.of()).post("/api/images/requests/" + requestId + "/fulfill").then().statusCode(400)
                .body("errors[0].field", equalTo("imageId"));
        try (KafkaConsumer<String, byte[]> events = TestKafka.tail("image.events")) {
            as(BOB).contentType("application/json").body(Map.of("imageId", made)).post("/api/images/requests/" + requestId + "/fulfill")
                    .then().statusCode(200).body("status", equalTo("completed")).body("fulfilledBy", equalTo(made))
                    .body("completedBy", equalTo("bob"));
            ConsumerRecord<String, byte[]> r = TestKafka.await(events, WAIT, x -> campaign.toString().equals(x.key())
                    && "ImageRequestFulfilled".equals(TestKafka.header(x, "eventType")));
            ImageRequestFulfilled f = (ImageRequestFulfilled) TestKafka.decode("image.events", r.value());
            assertEquals(requestId, f.getRequestId().toString());
            assertEquals(made, f.getImageId().toString());
            assertEquals(content, f.getContentId());
            assertEquals("bob", f.getFulfilledBy());
            assertEquals(List.of("tia_seeker"), f.getTags().getSegments());
        }
        as(BOB).contentType("application/json").body(Map.of("imageId", made)).post("/api/images/requests/" + requestId + "/fulfill")
                .then().statusCode(409).body("currentStatus", equalTo("completed"));
        // the waiting content now uses the image; once posted, the image counts one use
        as(BOB).get("/api/images/" + made).then().body("usedBy.contentIds", equalTo(List.of(content.toString()))).body("usageCount", is(0));
        TestKafka.publish(Fixtures.published(business, campaign, content));
        await().atMost(WAIT).untilAsserted(() -> as(BOB).get("/api/images/" + made).then().body("usageCount", is(1))
                .body("usedBy.scheduledOrPosted", equalTo(List.of(content.toString()))));
        as(BOB).delete("/api/images/" + made).then().statusCode(409);

        // cancel -> ImageRequestCancelled naming the content that waited
        try (KafkaConsumer<String, byte[]> events = TestKafka.tail("image.events")) {
            as(BOB).contentType("application/json").body(Map.of("reason", "no stories this month")).post("/api/images/requests/" + storyId + "/cancel")
                    .then().statusCode(200).body("status", equalTo("cancelled")).body("cancelReason", equalTo("no stories this month"));
            ConsumerRecord<String, byte[]> r = TestKafka.await(events, WAIT, x -> campaign.toString().equals(x.key())
                    && "ImageRequestCancelled".equals(TestKafka.header(x, "eventType")));
            ImageRequestCancelled c = (ImageRequestCancelled) TestKafka.decode("image.events", r.value());
            assertEquals(storyId, c.getRequestId().toString());
            assertEquals("no stories this month", c.getReason());
            assertEquals("bob", c.getCancelledBy());
            assertEquals(storyRequest.getContentId(), c.getContentId());
        }
        as(BOB).contentType("application/json").body(Map.of()).post("/api/images/requests/" + storyId + "/cancel").then().statusCode(409);
        as(BOB).queryParam("businessId", business).queryParam("status", "pending").get("/api/images/requests").then()
                .body("totalItems", is(0));
        as(BOB).queryParam("businessId", business).queryParam("status", "completed,cancelled").get("/api/images/requests").then()
                .body("items.status", equalTo(List.of("completed", "cancelled"))).body("items[1].fulfilledBy", nullValue());
        as(BOB).queryParam("status", "lost").get("/api/images/requests").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        UUID business = Fixtures.business("melissa");
        String key = UUID.randomUUID().toString();
        try (KafkaConsumer<String, byte[]> dlq = TestKafka.tail("content.events.dlq")) {
            TestKafka.publishRaw("content.events", key, "ContentGenerated", UUID.randomUUID().toString(), new byte[]{0, 0, 0, 0, 9, 9});
            ConsumerRecord<String, byte[]> r = TestKafka.await(dlq, WAIT, x -> key.equals(x.key())
                    && "image-service".equals(TestKafka.header(x, "dead-letter-consumer")));
            assertEquals("decode", TestKafka.header(r, "dead-letter-stage"));
        }
        // the partition goes on: a piece with that key is still matched (nothing in the library: a request)
        UUID campaign = UUID.fromString(key);
        UUID content = UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> events = TestKafka.tail("image.events")) {
            TestKafka.publish(Fixtures.content(business, campaign, content, ContentType.ORGANIC_POST, "tia_seeker", List.of(), List.of(),
                    Platform.FACEBOOK));
            assertNull(awaitRequested(events, campaign, content).getBestMatchScore());
        }
    }

    static ImageRequested awaitRequested(KafkaConsumer<String, byte[]> events, UUID campaign, UUID content) {
        while (true) {
            ConsumerRecord<String, byte[]> r = TestKafka.await(events, WAIT, x -> campaign.toString().equals(x.key())
                    && "ImageRequested".equals(TestKafka.header(x, "eventType")));
            ImageRequested e = (ImageRequested) TestKafka.decode("image.events", r.value());
            if (content.equals(e.getContentId())) {
                return e;
            }
        }
    }
}
