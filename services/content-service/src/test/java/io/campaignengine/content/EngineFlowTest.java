package io.campaignengine.content;

import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignCompleted;
import io.campaignengine.events.campaign.CompletionReason;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.content.BatchTrigger;
import io.campaignengine.events.content.ContentBatchCompleted;
import io.campaignengine.events.content.ContentGenerated;
import io.campaignengine.events.content.ContentRetired;
import io.campaignengine.events.content.RetireReason;
import io.campaignengine.testkit.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.campaignengine.content.Support.ALICE;
import static io.campaignengine.content.Support.WAIT;
import static io.campaignengine.content.Support.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine end to end on the real stack: CampaignApproved on Kafka -> content-service consumer -> generation job ->
 * content rows + outbox -> Debezium -> content.events (ContentGenerated per piece, ContentBatchCompleted per job),
 * decoded through the registry; a redelivered CampaignApproved is applied once; CampaignCompleted retires the content.
 */
@QuarkusTest
class EngineFlowTest {

    @Test
    void campaignApprovedOnKafkaGeneratesTheBatchOnContentEvents() {
        UUID[] bp = Fixtures.businessWithPlaybook("melissa");
        UUID campaign = UUID.randomUUID();
        CampaignApproved approved = Fixtures.campaignApproved(bp[0], bp[1], campaign, 4, List.of("tia_seeker", "true_believer"),
                List.of(Platform.FACEBOOK, Platform.INSTAGRAM, Platform.TWITTER, Platform.LINKEDIN),
                List.of(ContentType.AD, ContentType.ORGANIC_POST), Map.of());
        String key = campaign.toString();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.tail("content.events")) {
            TestKafka.publish(approved);
            // by event id: the outbox relay is at-least-once (a Connect rebalance may re-emit records), consumers de-duplicate
            Map<String, ContentGenerated> generatedById = new java.util.LinkedHashMap<>();
            ConsumerRecord<String, byte[]> batchRecord = TestKafka.await(consumer, WAIT, r -> {
                if (!key.equals(r.key())) {
                    return false;
                }
                String type = TestKafka.header(r, "eventType");
                if ("ContentGenerated".equals(type)) {
                    generatedById.putIfAbsent(TestKafka.header(r, "id"), (ContentGenerated) TestKafka.decode(r.topic(), r.value()));
                }
                return "ContentBatchCompleted".equals(type);
            });
            ContentBatchCompleted batch = assertInstanceOf(ContentBatchCompleted.class, TestKafka.decode(batchRecord.topic(), batchRecord.value()));
            assertEquals(BatchTrigger.CAMPAIGN_APPROVED, batch.getTrigger());
            assertEquals(8, batch.getRequestedCount());
            assertEquals(8, batch.getGeneratedCount());
            assertEquals(8, batch.getContentIds().size());
            assertEquals(List.of("tia_seeker", "true_believer"), batch.getSegmentIds());
            assertTrue(batch.getHookIds().size() >= 2, "several hooks tested: " + batch.getHookIds());
            assertTrue(!batch.getHookIds().contains("h_old"), "a retired hook is never used");
            // the flow's correlation id, and the CampaignApproved as causation
            assertEquals(approved.getEnvelope().getCorrelationId(), batch.getEnvelope().getCorrelationId());
            assertEquals(approved.getEnvelope().getEventId().toString(), batch.getEnvelope().getCausationId());
            assertEquals(campaign.toString(), batch.getEnvelope().getCampaignId());
            assertEquals(approved.getEnvelope().getCorrelationId(), TestKafka.header(batchRecord, "correlationId"));

            // one ContentGenerated per piece, before the batch (same partition: key = campaign id)
            List<ContentGenerated> generated = new ArrayList<>(generatedById.values());
            assertEquals(8, generated.size());
            assertEquals(new HashSet<>(batch.getContentIds()), new HashSet<>(generated.stream().map(ContentGenerated::getContentId).toList()));
            Set<String> headlines = new HashSet<>();
            for (ContentGenerated g : generated) {
                assertEquals(batch.getBatchId(), g.getBatchId());
                assertEquals(bp[1], g.getPlaybookId());
                assertTrue(Set.of(ContentType.AD, ContentType.ORGANIC_POST).contains(g.getContentType()));
                assertTrue(g.getScores().getOverall() > 0 && g.getScores().getOverall() <= 1, "scores are 0..1 in the event");
                assertEquals(g.getContentId().toString(), g.getUtm().getContent());
                assertEquals("facebook", g.getUtm().getSource());
                assertTrue(g.getTrackedUrl().startsWith("https://melissa.example.com/tia?src=campaign&utm_source=facebook&utm_medium="),
                        g.getTrackedUrl());
                assertTrue(g.getTrackedUrl().contains("utm_content=" + g.getContentId()));
                assertEquals(4, g.getPlatformVariants().size());
                g.getPlatformVariants().forEach(v -> {
                    assertNotNull(v.getCharacterLimit());
                    assertTrue(v.getCharacterCount() <= v.getCharacterLimit(), v.getPlatform() + " " + v.getCharacterCount());
                    assertTrue(v.getLinkUrl().contains("utm_source=" + v.getPlatform().name().toLowerCase()), v.getLinkUrl());
                });
                assertTrue(!g.getEmotions().isEmpty() && !g.getThemes().isEmpty(), "tagged for image matching");
                assertEquals("offline-templates-v1", g.getGeneration().getModel());
                headlines.add(g.getHeadline() + "|" + g.getBody());
            }
            assertEquals(8, headlines.size(), "no duplicates");

            // the API shows the same pieces
            as(ALICE).queryParam("campaignId", key).queryParam("size", 50).get("/api/content").then().statusCode(200)
                    .body("totalItems", is(8)).body("items.jobId", everyItem(is(batch.getBatchId().toString())));

            // redelivery of the same CampaignApproved, and a second approval event of the same campaign: still one batch
            TestKafka.publish(approved);
            TestKafka.publish(CampaignApproved.newBuilder().setEnvelope(Fixtures.envelope(bp[0], campaign)).setCampaign(approved.getCampaign()).build());
            // CampaignCompleted after them on the same partition: once it is applied, the duplicates have been too
            TestKafka.publish(CampaignCompleted.newBuilder().setEnvelope(Fixtures.envelope(bp[0], campaign)).setReason(CompletionReason.MANUAL)
                    .setCompletedBy("alice").setCompletedAt(Instant.now()).setSummary("done").build());
            Map<String, ContentRetired> retiredById = new java.util.LinkedHashMap<>();
            TestKafka.await(consumer, WAIT, r -> {
                if (key.equals(r.key()) && "ContentRetired".equals(TestKafka.header(r, "eventType"))) {
                    retiredById.putIfAbsent(TestKafka.header(r, "id"), (ContentRetired) TestKafka.decode(r.topic(), r.value()));
                }
                return retiredById.size() == 8;
            });
            List<ContentRetired> retired = new ArrayList<>(retiredById.values());
            assertTrue(retired.stream().allMatch(r -> r.getReason() == RetireReason.CAMPAIGN_ENDED));
            as(ALICE).queryParam("campaignId", key).get("/api/content/generation-jobs").then().statusCode(200).body("totalItems", is(1));
            as(ALICE).queryParam("campaignId", key).queryParam("status", "retired").get("/api/content").then().body("totalItems", is(8));
            // no second batch was emitted
            List<ConsumerRecord<String, byte[]>> later = drain(consumer, Duration.ofSeconds(2));
            String batchEventId = TestKafka.header(batchRecord, "id");
            assertTrue(later.stream().noneMatch(r -> key.equals(r.key()) && "ContentBatchCompleted".equals(TestKafka.header(r, "eventType"))
                    && !batchEventId.equals(TestKafka.header(r, "id"))), "no second batch (a re-emitted copy of the first is fine)");
        }
    }

    static List<ConsumerRecord<String, byte[]>> drain(KafkaConsumer<String, byte[]> consumer, Duration d) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        long end = System.currentTimeMillis() + d.toMillis();
        while (System.currentTimeMillis() < end) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }
}
