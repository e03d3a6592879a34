package io.campaignengine.content;

import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.TagSet;
import io.campaignengine.events.content.ContentBatchCompleted;
import io.campaignengine.events.content.ContentImageAssigned;
import io.campaignengine.events.content.ContentRetired;
import io.campaignengine.events.content.ImageAssignment;
import io.campaignengine.events.content.RetireReason;
import io.campaignengine.events.image.ImageMatched;
import io.campaignengine.events.image.ImageRequestFulfilled;
import io.campaignengine.events.image.MatchBreakdown;
import io.campaignengine.events.common.MetricsSnapshot;
import io.campaignengine.events.common.ScoreWeights;
import io.campaignengine.events.metrics.ContentScored;
import io.campaignengine.events.metrics.ScoreComponents;
import io.campaignengine.events.optimization.ContentPauseRequested;
import io.campaignengine.events.optimization.VariantMode;
import io.campaignengine.events.optimization.VariantsRequested;
import io.campaignengine.testkit.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.content.Support.ALICE;
import static io.campaignengine.content.Support.WAIT;
import static io.campaignengine.content.Support.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The other services' events: images assigned, performance scored, pieces paused or retired by the optimizer, new variants requested; poison to the DLQ. */
@QuarkusTest
class InboundEventsTest {

    static String campaign(UUID[] bp) {
        UUID campaign = UUID.randomUUID();
        TestKafka.publish(Fixtures.campaignApproved(bp[0], bp[1], campaign, 2, List.of("tia_seeker"), List.of(Platform.INSTAGRAM),
                List.of(ContentType.ORGANIC_POST), Map.of()));
        Support.awaitJobs(campaign.toString(), 1);
        return campaign.toString();
    }

    static List<String> ids(String campaign) {
        return as(ALICE).queryParam("campaignId", campaign).queryParam("sort", "createdAt").get("/api/content")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    @Test
    void imagesPauseRetireAndVariantsRequested() {
        UUID[] bp = Fixtures.businessWithPlaybook("melissa");
        String campaign = campaign(bp);
        UUID campaignId = UUID.fromString(campaign);
        List<String> pieces = ids(campaign);
        UUID first = UUID.fromString(pieces.get(0));
        UUID second = UUID.fromString(pieces.get(1));
        UUID image = UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.tail("content.events")) {
            ImageMatched matched = ImageMatched.newBuilder().setEnvelope(Fixtures.envelope(bp[0], campaignId)).setContentId(first)
                    .setImageId(image).setStorageUrl("http://127.0.0.1:29000/images/" + image + ".jpg").setThumbnailUrl(null)
                    .setAltText("a teacher at her desk").setMatchScore(0.82)
                    .setBreakdown(MatchBreakdown.newBuilder().setSegment(1).setEmotion(0.7).setTheme(0.6).setUsageBalance(1).build())
                    .setThreshold(0.6).setCandidates(List.of()).build();
            TestKafka.publish(matched);
            TestKafka.publish(matched); // redelivered: applied once
            ConsumerRecord<String, byte[]> r = TestKafka.await(consumer, WAIT, x -> campaign.equals(x.key())
                    && "ContentImageAssigned".equals(TestKafka.header(x, "eventType")));
            ContentImageAssigned assigned = (ContentImageAssigned) TestKafka.decode(r.topic(), r.value());
            assertEquals(first, assigned.getContentId());
            assertEquals(image, assigned.getImageId());
            assertEquals(ImageAssignment.AUTO_MATCH, assigned.getAssignment());
            assertEquals(0.82, assigned.getMatchScore());
            assertNull(assigned.getPreviousImageId());
            as(ALICE).get("/api/content/" + first).then().body("imageId", org.hamcrest.Matchers.is(image.toString()));

            // a requested image fulfilled for the second piece
            UUID created = UUID.randomUUID();
            TestKafka.publish(ImageRequestFulfilled.newBuilder().setEnvelope(Fixtures.envelope(bp[0], campaignId)).setRequestId(UUID.randomUUID())
                    .setImageId(created).setContentId(second).setStorageUrl("http://127.0.0.1:29000/images/" + created + ".jpg")
                    .setThumbnailUrl(null).setAltText(null)
                    .setTags(TagSet.newBuilder().setSegments(List.of()).setEmotions(List.of()).setThemes(List.of()).setKeywords(List.of()).build())
                    .setFulfilledBy("carol").setFulfilledAt(Instant.now()).build());
            r = TestKafka.await(consumer, WAIT, x -> campaign.equals(x.key()) && "ContentImageAssigned".equals(TestKafka.header(x, "eventType"))
                    && ((ContentImageAssigned) TestKafka.decode(x.topic(), x.value())).getContentId().equals(second));
            assertEquals(ImageAssignment.REQUEST_FULFILLED, ((ContentImageAssigned) TestKafka.decode(r.topic(), r.value())).getAssignment());

            // metrics-service scores the first piece (an unbounded weighted sum, seed 5.4)
            TestKafka.publish(ContentScored.newBuilder().setEnvelope(Fixtures.envelope(bp[0], campaignId)).setContentId(first)
                    .setSegmentId("tia_seeker").setHookId(null).setScore(1234.5678).setPreviousScore(null)
                    .setComponents(ScoreComponents.newBuilder().setConversion(1000).setEngagement(200).setClick(40).setCost(5.4322).build())
                    .setWeights(ScoreWeights.newBuilder().setConversion(0.4).setEngagement(0.3).setClick(0.2).setCost(0.1).build())
                    .setMetrics(MetricsSnapshot.newBuilder().setImpressions(10000).setReach(8000).setClicks(300).setLikes(50).setComments(5)
                            .setShares(3).setSaves(2).setLandingViews(250).setSignups(20).setTrials(12).setPurchases(3).setConversionCount(12)
                            .setCtr(0.03).setEngagementRate(0.006).setConversionRate(0.04).setCurrency("USD").setSpendMinor(5000)
                            .setRevenueMinor(29700).setCpcMinor(17L).setCpaMinor(417L).setRoas(5.94).build())
                    .setRank(1).setConfidence(0.8).build());
            await().atMost(WAIT).until(() -> as(ALICE).get("/api/content/" + first + "/performance").jsonPath().get("performanceScore") != null);
            as(ALICE).get("/api/content/" + first + "/performance").then().body("performanceScore", org.hamcrest.Matchers.is(1234.5678f));
            as(ALICE).queryParam("campaignId", campaign).queryParam("sort", "-performance").get("/api/content").then()
                    .body("items[0].id", org.hamcrest.Matchers.is(first.toString()));

            // the optimizer pauses the first piece and retires the second
            TestKafka.publish(pause(bp[0], campaignId, first, false, UUID.randomUUID()));
            UUID decision = UUID.randomUUID();
            TestKafka.publish(pause(bp[0], campaignId, second, true, decision));
            r = TestKafka.await(consumer, WAIT, x -> campaign.equals(x.key()) && "ContentRetired".equals(TestKafka.header(x, "eventType")));
            ContentRetired retired = (ContentRetired) TestKafka.decode(r.topic(), r.value());
            assertEquals(second, retired.getContentId());
            assertEquals(RetireReason.UNDERPERFORMING, retired.getReason());
            assertEquals(decision, retired.getDecisionId());
            await().atMost(WAIT).until(() -> "paused".equals(as(ALICE).get("/api/content/" + first).jsonPath().getString("status")));
            as(ALICE).get("/api/content/" + second).then().body("status", org.hamcrest.Matchers.is("retired"));

            // new variants of a winning hook
            UUID variantsDecision = UUID.randomUUID();
            TestKafka.publish(VariantsRequested.newBuilder().setEnvelope(Fixtures.envelope(bp[0], campaignId)).setDecisionId(variantsDecision)
                    .setMode(VariantMode.WINNING_HOOK).setCount(3).setHookIds(List.of("h_paperwork")).setSegmentIds(List.of("tia_seeker"))
                    .setBaseContentId(first).setGuidance("Lead with the time it saves.").setReason("h_paperwork wins").build());
            Support.awaitJobs(campaign, 2); // the job ran (else the failure shows the jobs), then its event travels the outbox
            r = TestKafka.await(consumer, WAIT, x -> campaign.equals(x.key()) && "ContentBatchCompleted".equals(TestKafka.header(x, "eventType")));
            ContentBatchCompleted batch = (ContentBatchCompleted) TestKafka.decode(r.topic(), r.value());
            assertEquals(io.campaignengine.events.content.BatchTrigger.VARIANTS_REQUESTED, batch.getTrigger());
            assertEquals(variantsDecision, batch.getRequestDecisionId());
            assertEquals(3, batch.getGeneratedCount());
            assertEquals(List.of("h_paperwork"), batch.getHookIds());
            as(ALICE).get("/api/content/" + batch.getContentIds().get(0)).then()
                    .body("parentId", org.hamcrest.Matchers.is(first.toString()))
                    .body("hookSource", org.hamcrest.Matchers.is("h_paperwork"))
                    .body("body", org.hamcrest.Matchers.containsString("Lead with the time it saves."));
        }
    }

    static ContentPauseRequested pause(UUID business, UUID campaign, UUID content, boolean retire, UUID decision) {
        return ContentPauseRequested.newBuilder().setEnvelope(Fixtures.envelope(business, campaign)).setDecisionId(decision)
                .setContentId(content).setPostIds(List.of()).setScore(12.5).setCampaignMedianScore(40.0).setImpressions(5000)
                .setConfidence(0.9).setRetire(retire).setReason("bottom of the campaign").build();
    }

    @Test
    void poisonGoesToTheDlqAndConsumptionGoesOn() {
        String key = UUID.randomUUID().toString();
        try (KafkaConsumer<String, byte[]> dlq = TestKafka.tail("campaign.events.dlq")) {
            TestKafka.publishRaw("campaign.events", key, "CampaignApproved", UUID.randomUUID().toString(), new byte[]{0, 1, 2, 3});
            ConsumerRecord<String, byte[]> r = TestKafka.await(dlq, WAIT, x -> key.equals(x.key()));
            assertEquals("decode", TestKafka.header(r, "dead-letter-stage"));
            assertEquals("content-service", TestKafka.header(r, "dead-letter-consumer"));
        }
        // still consuming
        UUID[] bp = Fixtures.businessWithPlaybook("vaquero");
        assertTrue(ids(campaign(bp)).size() == 2);
    }
}
