package io.campaignengine.playbook;

import io.campaignengine.testkit.TestKafka;
import io.campaignengine.events.Envelope;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignBudgetChanged;
import io.campaignengine.events.campaign.CampaignObjective;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.TagSet;
import io.campaignengine.events.content.BatchTrigger;
import io.campaignengine.events.content.ContentBatchCompleted;
import io.campaignengine.events.image.ImageMatched;
import io.campaignengine.events.image.ImageRequestCancelled;
import io.campaignengine.events.image.ImageRequestFulfilled;
import io.campaignengine.events.image.ImageRequested;
import io.campaignengine.events.image.MatchBreakdown;
import io.campaignengine.events.playbook.PlaybookActivated;
import io.campaignengine.events.publishing.PostKind;
import io.campaignengine.events.publishing.PostScheduled;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.playbook.Api.ALICE;
import static io.campaignengine.playbook.Api.BOB;
import static io.campaignengine.playbook.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events out (outbox → Debezium → Kafka → registry) and in (system tasks complete on other services' events). */
@QuarkusTest
class EventsTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void approveEmitsCampaignApprovedWithTheFullCampaign() {
        String id = (String) Api.draftCampaign("Approved event " + System.nanoTime()).get("id");
        as(BOB).post("/api/campaigns/" + id + "/submit").then().statusCode(200);
        String correlation = "approve-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.tail("campaign.events")) {
            as(ALICE).header("X-Correlation-Id", correlation).post("/api/campaigns/" + id + "/approve").then().statusCode(200)
                    .header("X-Correlation-Id", correlation);

            ConsumerRecord<String, byte[]> r = TestKafka.await(consumer, WAIT, x -> id.equals(x.key())
                    && "CampaignApproved".equals(TestKafka.header(x, "eventType")));
            assertEquals(correlation, TestKafka.header(r, "correlationId"));
            SpecificRecord decoded = TestKafka.decode(r.topic(), r.value());
            CampaignApproved event = assertInstanceOf(CampaignApproved.class, decoded);
            Envelope env = event.getEnvelope();
            assertEquals(TestKafka.header(r, "id"), env.getEventId().toString());
            assertEquals(id, env.getCampaignId());
            assertEquals(Api.melissaId(), env.getBusinessId());
            assertEquals(correlation, env.getCorrelationId());
            var c = event.getCampaign();
            assertEquals(UUID.fromString(id), c.getCampaignId());
            assertEquals("alice", c.getApprovedBy());
            assertEquals(CampaignObjective.TRIALS, c.getObjective());
            assertEquals(List.of("tia_seeker"), c.getTargetSegmentIds());
            assertEquals(List.of(Platform.FACEBOOK, Platform.INSTAGRAM), c.getPlatforms());
            assertEquals(2500L, c.getBudgetDaily().getAmountMinor());
            assertEquals("USD", c.getBudgetDaily().getCurrency());
            assertEquals(75000L, c.getBudgetTotal().getAmountMinor());
            assertEquals(15.0, c.getSuccessMetrics().get("subscribers"));
            assertTrue(c.getPlaybookVersion() >= 1);
            // seed 5.5 thresholds and 5.4 weights (defaults)
            var t = c.getThresholds();
            assertEquals(0.03, t.getExceeding().getCtrMin());
            assertEquals(0.10, t.getExceeding().getConversionRateMin());
            assertEquals(5000L, t.getExceeding().getCpaMaxMinor());
            assertEquals(0.01, t.getMeeting().getCtrMin());
            assertEquals(0.03, t.getMeeting().getCtrMax());
            assertEquals(10000L, t.getMeeting().getCpaMaxMinor());
            assertEquals(0.01, t.getBelow().getCtrMax());
            assertNull(t.getBelow().getCtrMin());
            assertEquals(14, t.getPersistentFailureDays());
            assertEquals("USD", t.getCurrency());
            var w = c.getScoreWeights();
            assertEquals(0.5, w.getConversion());
            assertEquals(0.2, w.getEngagement());
            assertEquals(0.2, w.getClick());
            assertEquals(0.1, w.getCost());

            // a budget change in setup
            as(ALICE).body(Map.of("budgetDaily", 35.5, "reason", "more reach")).post("/api/campaigns/" + id + "/budget")
                    .then().statusCode(200);
            ConsumerRecord<String, byte[]> b = TestKafka.await(consumer, WAIT, x -> id.equals(x.key())
                    && "CampaignBudgetChanged".equals(TestKafka.header(x, "eventType")));
            CampaignBudgetChanged changed = assertInstanceOf(CampaignBudgetChanged.class, TestKafka.decode(b.topic(), b.value()));
            assertEquals(2500L, changed.getPreviousBudgetDaily().getAmountMinor());
            assertEquals(3550L, changed.getBudgetDaily().getAmountMinor());
            assertEquals("more reach", changed.getReason());
        }
    }

    @Test
    void activatingAPlaybookEmitsTheFullPlaybook() {
        String melissa = Api.melissaId();
        String previous = Api.activePlaybook(melissa);
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.tail("playbook.events")) {
            String id = Api.activePlaybook(melissa);
            ConsumerRecord<String, byte[]> r = TestKafka.await(consumer, WAIT, x -> melissa.equals(x.key())
                    && "PlaybookActivated".equals(TestKafka.header(x, "eventType"))
                    && ((PlaybookActivated) TestKafka.decode(x.topic(), x.value())).getPlaybook().getPlaybookId().toString().equals(id));
            PlaybookActivated e = (PlaybookActivated) TestKafka.decode(r.topic(), r.value());
            var p = e.getPlaybook();
            assertEquals(List.of("tia_seeker", "true_believer"), p.getAudienceSegments().stream().map(s -> s.getSegmentId()).toList());
            assertEquals(6, p.getHooks().size());
            assertEquals("roi", p.getHooks().get(0).getHookId());
            assertEquals(2, p.getKeyMessages().size());
            assertEquals("warm and practical", p.getTone().getVoice());
            assertEquals("alice", p.getActivatedBy());
            assertEquals(UUID.fromString(previous), e.getPreviousPlaybookId());
        }
    }

    @Test
    void systemTasksCompleteOnIncomingEventsAppliedOnceWhenDeliveredTwice() {
        String id = Api.approvedCampaign("System tasks " + System.nanoTime());
        String business = Api.melissaId();
        UUID campaign = UUID.fromString(id);
        List<UUID> pieces = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        // content-service: the batch is done — delivered twice (same event id)
        ContentBatchCompleted batch = ContentBatchCompleted.newBuilder()
                .setEnvelope(envelope(business, id))
                .setBatchId(UUID.randomUUID())
                .setTrigger(BatchTrigger.CAMPAIGN_APPROVED)
                .setRequestedCount(3).setGeneratedCount(3).setFailedCount(0)
                .setContentIds(pieces)
                .setSegmentIds(List.of("tia_seeker"))
                .setHookIds(List.of("roi"))
                .build();
        TestKafka.publish(batch);
        TestKafka.publish(batch);
        Map<String, Object> generate = awaitStatus(id, "generate_content", "completed");
        assertEquals("content-service", generate.get("completedBy"));
        // image-service: two matched, one requested (the human task "create_images" appears)
        TestKafka.publish(matched(business, id, pieces.get(0)));
        TestKafka.publish(matched(business, id, pieces.get(1)));
        UUID request = UUID.randomUUID();
        ImageRequested requested = ImageRequested.newBuilder()
                .setEnvelope(envelope(business, id))
                .setRequestId(request).setContentId(pieces.get(2))
                .setDescription("A teacher looking at a growth chart").setSuggestedPrompt("teacher, growth chart, warm light")
                .setSuggestedTags(TagSet.newBuilder().setSegments(List.of("tia_seeker")).build())
                .setPriority(5).setThreshold(0.6).setBestMatchScore(0.4)
                .build();
        TestKafka.publish(requested);
        awaitStatus(id, "match_images", "completed");
        Map<String, Object> createImages = awaitStatus(id, "create_images", "pending");
        assertEquals("human", createImages.get("assignee"));
        // publishing-service: every piece scheduled
        pieces.forEach(p -> TestKafka.publish(scheduled(business, id, p)));
        awaitStatus(id, "setup_publishing", "completed");
        // a second request (a new image asked for piece 1); the first is fulfilled: one still open
        UUID second = UUID.randomUUID();
        TestKafka.publish(ImageRequested.newBuilder()
                .setEnvelope(envelope(business, id))
                .setRequestId(second).setContentId(pieces.get(1))
                .setDescription("A teacher with a certificate").setSuggestedPrompt("teacher, certificate, warm light")
                .setSuggestedTags(TagSet.newBuilder().setSegments(List.of("tia_seeker")).build())
                .setPriority(5).setThreshold(0.6).setBestMatchScore(0.5)
                .build());
        TestKafka.publish(ImageRequestFulfilled.newBuilder()
                .setEnvelope(envelope(business, id))
                .setRequestId(request).setImageId(UUID.randomUUID()).setContentId(pieces.get(2))
                .setStorageUrl("s3://images/x.png").setTags(TagSet.newBuilder().build())
                .setFulfilledBy("bob").setFulfilledAt(Instant.now())
                .build());
        await().atMost(WAIT).untilAsserted(() -> as(ALICE).get("/api/tasks/" + createImages.get("id")).then().statusCode(200)
                .body("status", is("pending")).body("progress.requests", is(2)).body("progress.open", is(1)));
        // the second is cancelled: nothing is waited for any more, the human task completes itself
        TestKafka.publish(ImageRequestCancelled.newBuilder()
                .setEnvelope(envelope(business, id))
                .setRequestId(second).setContentId(pieces.get(1)).setReason("piece 1 keeps its match")
                .setCancelledBy("bob").setCancelledAt(Instant.now())
                .build());
        Map<String, Object> done = awaitStatus(id, "create_images", "completed");
        assertEquals("every image request is fulfilled or cancelled (2)", done.get("completionNotes"));

        // applied once: one completion of generate_content in the activity log, one processed_event row
        as(ALICE).queryParam("campaignId", id).queryParam("action", "task_completed").queryParam("size", 50).get("/api/activity")
                .then().statusCode(200)
                .body("items.findAll { it.details.type == 'generate_content' }.size()", is(1))
                .body("items.findAll { it.actor == 'system' }.size()", is(4));
        as(ALICE).get("/api/tasks/" + generate.get("id")).then().statusCode(200)
                .body("progress.generated", is(3)).body("completionNotes", is("ContentBatchCompleted: 3 piece(s) generated"));

        // the humans finish theirs; launch emits CampaignLaunched with the generated pieces
        LifecycleSupport.completeAllTasks(id);
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.tail("campaign.events")) {
            as(ALICE).post("/api/campaigns/" + id + "/launch").then().statusCode(200).body("status", is("live"));
            ConsumerRecord<String, byte[]> r = TestKafka.await(consumer, WAIT, x -> id.equals(x.key())
                    && "CampaignLaunched".equals(TestKafka.header(x, "eventType")));
            var launched = (io.campaignengine.events.campaign.CampaignLaunched) TestKafka.decode(r.topic(), r.value());
            assertEquals(Set(pieces), Set(launched.getContentIds()));
            assertEquals("alice", launched.getLaunchedBy());
        }
        as(ALICE).body(Map.of("summary", "test done")).post("/api/campaigns/" + campaign + "/complete").then().statusCode(200);
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        try (KafkaConsumer<String, byte[]> dlq = TestKafka.tail("content.events.dlq")) {
            String key = "poison-" + UUID.randomUUID();
            TestKafka.publishRaw("content.events", key, "ContentBatchCompleted", UUID.randomUUID().toString(), new byte[]{1, 2, 3});
            ConsumerRecord<String, byte[]> r = TestKafka.await(dlq, WAIT, x -> key.equals(x.key()));
            assertEquals(3, r.value().length);
            assertEquals("decode", TestKafka.header(r, "dead-letter-stage"));
        }
        // and the next event is still applied
        String id = Api.approvedCampaign("After poison " + System.nanoTime());
        TestKafka.publish(ContentBatchCompleted.newBuilder()
                .setEnvelope(envelope(Api.melissaId(), id)).setBatchId(UUID.randomUUID()).setTrigger(BatchTrigger.CAMPAIGN_APPROVED)
                .setRequestedCount(1).setGeneratedCount(1).setFailedCount(0).setContentIds(List.of(UUID.randomUUID()))
                .setSegmentIds(List.of()).setHookIds(List.of()).build());
        awaitStatus(id, "generate_content", "completed");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static java.util.Set<UUID> Set(List<UUID> l) {
        return new java.util.HashSet<>(l);
    }

    static Envelope envelope(String businessId, String campaignId) {
        return Envelope.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .setBusinessId(businessId).setCampaignId(campaignId).setCorrelationId("test-" + UUID.randomUUID()).setCausationId(null).build();
    }

    static ImageMatched matched(String business, String campaign, UUID content) {
        return ImageMatched.newBuilder()
                .setEnvelope(envelope(business, campaign))
                .setContentId(content).setImageId(UUID.randomUUID()).setStorageUrl("s3://images/" + content + ".png")
                .setMatchScore(0.9).setThreshold(0.6)
                .setBreakdown(MatchBreakdown.newBuilder().setSegment(0.4).setEmotion(0.3).setTheme(0.15).setUsageBalance(0.05).build())
                .setCandidates(List.of())
                .build();
    }

    static PostScheduled scheduled(String business, String campaign, UUID content) {
        return PostScheduled.newBuilder()
                .setEnvelope(envelope(business, campaign))
                .setPostId(UUID.randomUUID()).setContentId(content).setPlatform(Platform.FACEBOOK).setPostKind(PostKind.AD)
                .setScheduledFor(Instant.now().plusSeconds(3600)).setTargetMarkets(List.of("US-TX")).setTargeting(Map.of())
                .build();
    }

    static Map<String, Object> awaitStatus(String campaignId, String type, String status) {
        Map<String, Object>[] found = new Map[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            Map<String, Object> t = Api.task(campaignId, type);
            found[0] = t;
            return t != null && status.equals(t.get("status"));
        });
        return found[0];
    }
}
