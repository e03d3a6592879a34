package io.campaignengine.publishing;

import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Money;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.content.ContentApproved;
import io.campaignengine.events.optimization.AllocationStrategy;
import io.campaignengine.events.optimization.BudgetAllocation;
import io.campaignengine.events.optimization.BudgetReallocated;
import io.campaignengine.events.optimization.ContentPauseRequested;
import io.campaignengine.events.publishing.AdBudgetChanged;
import io.campaignengine.events.publishing.ConnectionChanged;
import io.campaignengine.events.publishing.ConnectionStatus;
import io.campaignengine.events.publishing.PostFailed;
import io.campaignengine.events.publishing.PostKind;
import io.campaignengine.events.publishing.PostPaused;
import io.campaignengine.events.publishing.PostPublished;
import io.campaignengine.events.publishing.PostScheduled;
import io.campaignengine.publishing.service.TokenCipher;
import io.campaignengine.testkit.TestKafka;
import io.campaignengine.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduler and the publisher against the real meta-sandbox and the real test stack: events in through Kafka,
 * posts and ads on the sandbox, events out through outbox → Debezium → Kafka.
 */
@QuarkusTest
@QuarkusTestResource(MetaSandbox.class)
class PublishingFlowTest {
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static volatile World.Connected shared;

    @Inject
    TokenCipher cipher;
    @Inject
    io.campaignengine.publishing.service.UsageGovernor governor;

    static synchronized World.Connected shared() {
        if (shared == null) shared = World.connect("melissa", TestTokens.BOB);
        return shared;
    }

    static JsonPath posts(UUID campaign) {
        return TestTokens.as(TestTokens.ALICE).queryParam("campaignId", campaign.toString()).queryParam("size", 100)
                .get("/api/posts").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> post(UUID campaign, UUID content, String platform) {
        for (Map<String, Object> p : posts(campaign).<Map<String, Object>>getList("items")) {
            if (p.get("contentId").equals(content.toString()) && p.get("platform").equals(platform)) return p;
        }
        return null;
    }

    static Map<String, Object> awaitPost(UUID campaign, UUID content, String platform, Predicate<Map<String, Object>> until) {
        Map<String, Object>[] box = new Map[1];
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
            box[0] = post(campaign, content, platform);
            return box[0] != null && until.test(box[0]);
        });
        return box[0];
    }

    static String fbMessage(String text) {
        return text + "\n\n#TIA";
    }

    @Test
    void schedulesAtBestTimesThenPostsToThePageAndInstagram() {
        World.Connected w = shared();
        String[] tokens = World.tokens(cipher, w.connectionId());
        UUID campaign = UUID.randomUUID();
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        try (Events tail = new Events()) {
            TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.FACEBOOK, Platform.INSTAGRAM), null));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, a, ContentType.ORGANIC_POST, "tia_seeker", "Text A " + a, MetaSandbox.sampleImage()));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, b, ContentType.ORGANIC_POST, "tia_seeker", "Text B " + b, null));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, c, ContentType.ORGANIC_POST, "true_believer", "Text C " + c, MetaSandbox.sampleImage()));
            await().atMost(Duration.ofSeconds(40)).until(() -> posts(campaign).getInt("totalItems") == 5);
            List<Map<String, Object>> all = posts(campaign).getList("items");
            Set<Instant> slots = new HashSet<>();
            for (Map<String, Object> p : all) {
                assertEquals("SCHEDULED", p.get("status"));
                assertEquals("ORGANIC", p.get("kind"));
                Instant at = Instant.parse((String) p.get("scheduledFor"));
                assertTrue(at.isAfter(Instant.now().plus(Duration.ofMinutes(29))), "minimum lead");
                LocalTime local = at.atZone(CHICAGO).toLocalTime();
                Set<LocalTime> best = p.get("platform").equals("FACEBOOK") ? Set.of(LocalTime.of(9, 0), LocalTime.of(13, 0), LocalTime.of(19, 0))
                        : Set.of(LocalTime.of(11, 0), LocalTime.of(17, 0), LocalTime.of(20, 0));
                assertTrue(best.contains(local), p.get("platform") + " at " + local + " (business time zone)");
                assertTrue(slots.add(at), "one post per slot");
                assertTrue(((String) p.get("abGroup")).startsWith(campaign + ":"));
            }
            assertEquals(null, post(campaign, b, "INSTAGRAM"), "no Instagram post without an image");
            List<PostScheduled> scheduled = tail.awaitCount(PostScheduled.class, e -> campaign.toString().equals(e.getEnvelope().getCampaignId()), 5);
            Set<UUID> ids = new HashSet<>();
            for (PostScheduled e : scheduled) ids.add(e.getPostId());
            assertEquals(5, ids.size(), "one PostScheduled per post");

            TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, List.of(a, b, c)));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(TestTokens.ALICE).queryParam("campaignId", campaign.toString())
                    .get("/api/publishing/queue").then().extract().jsonPath().getList("").size() == 5);

            // a Page post (photo with caption, the piece has an image), read back from the sandbox
            String fbPost = (String) post(campaign, a, "FACEBOOK").get("id");
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + fbPost + "/publish-now").then().statusCode(200).body("status", equalTo("SCHEDULED"));
            Map<String, Object> done = awaitPost(campaign, a, "FACEBOOK", p -> "POSTED".equals(p.get("status")));
            String platformId = (String) done.get("platformPostId");
            assertTrue(platformId.startsWith(w.pageId() + "_"), platformId);
            MetaSandbox.graphGet(platformId, tokens[1], Map.of("fields", "id,message,is_published")).then().statusCode(200)
                    .body("message", containsString("Text A " + a)).body("is_published", equalTo(true));
            PostPublished published = tail.await(PostPublished.class, e -> e.getPostId().toString().equals(fbPost));
            assertEquals(platformId, published.getPlatformPostId());
            assertEquals(Platform.FACEBOOK, published.getPlatform());

            // Instagram: container → IN_PROGRESS (polled) → FINISHED → media_publish
            String igPost = (String) post(campaign, a, "INSTAGRAM").get("id");
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + igPost + "/publish-now").then().statusCode(200);
            Map<String, Object> processing = awaitPost(campaign, a, "INSTAGRAM", p -> p.get("containerId") != null);
            assertTrue(!"POSTED".equals(processing.get("status")) || processing.get("platformPostId") != null);
            Map<String, Object> ig = awaitPost(campaign, a, "INSTAGRAM", p -> "POSTED".equals(p.get("status")));
            String media = (String) ig.get("platformPostId");
            MetaSandbox.graphGet(media, tokens[0], Map.of("fields", "id,caption,media_type,permalink")).then().statusCode(200)
                    .body("caption", containsString("Text A " + a)).body("media_type", equalTo("IMAGE"));
            assertNotNull(ig.get("permalink"));
            MetaSandbox.graphGet((String) ig.get("containerId"), tokens[0], Map.of("fields", "status_code")).then().body("status_code", equalTo("PUBLISHED"));
            tail.await(PostPublished.class, e -> e.getPostId().toString().equals(igPost) && e.getPlatform() == Platform.INSTAGRAM);

            // what is not live yet can be cancelled; what is live cannot
            String cPost = (String) post(campaign, c, "FACEBOOK").get("id");
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + cPost + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + fbPost + "/cancel").then().statusCode(409)
                    .contentType(containsString("application/problem+json")).body("currentStatus", equalTo("POSTED"));
        }
    }

    @Test
    void adsWithBudgetSplitThenPausedAndReallocatedByDecisions() {
        World.Connected w = shared();
        String[] tokens = World.tokens(cipher, w.connectionId());
        UUID campaign = UUID.randomUUID();
        UUID ad1 = UUID.randomUUID(), ad2 = UUID.randomUUID(), ad3 = UUID.randomUUID();
        try (Events tail = new Events()) {
            TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.FACEBOOK), 3000L));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, ad1, ContentType.AD, "tia_seeker", "Ad one " + ad1, MetaSandbox.sampleImage()));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, ad2, ContentType.AD, "tia_seeker", "Ad two " + ad2, MetaSandbox.sampleImage()));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, ad3, ContentType.AD, "true_believer", "Ad three " + ad3, MetaSandbox.sampleImage()));
            await().atMost(Duration.ofSeconds(40)).until(() -> posts(campaign).getInt("totalItems") == 3);
            PostScheduled s = tail.await(PostScheduled.class, e -> e.getContentId().equals(ad1));
            assertEquals(PostKind.AD, s.getPostKind());
            assertEquals(List.of("US-TX"), s.getTargetMarkets());
            // not live before launch
            assertEquals("SCHEDULED", post(campaign, ad1, "FACEBOOK").get("status"));

            TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, List.of(ad1, ad2, ad3)));
            Set<Object> metaCampaigns = new HashSet<>();
            long total = 0;
            for (UUID ad : List.of(ad1, ad2, ad3)) {
                Map<String, Object> p = awaitPost(campaign, ad, "FACEBOOK", x -> "POSTED".equals(x.get("status")));
                assertNotNull(p.get("adId"));
                assertNotNull(p.get("creativeId"));
                Response set = MetaSandbox.graphGet((String) p.get("adSetId"), tokens[0], Map.of("fields", "daily_budget,campaign_id,status,targeting"));
                set.then().statusCode(200).body("status", equalTo("ACTIVE"));
                total += Long.parseLong(set.path("daily_budget"));
                assertEquals(((Number) p.get("budgetDailyMinor")).longValue(), Long.parseLong(set.path("daily_budget")));
                metaCampaigns.add(set.path("campaign_id"));
                MetaSandbox.graphGet((String) p.get("adId"), tokens[0], Map.of("fields", "status")).then().body("status", equalTo("ACTIVE"));
            }
            assertEquals(3000, total, "the campaign's daily budget, split across the variations");
            // the ad account's usage headers (X-Business-Use-Case-Usage / X-Ad-Account-Usage) were read
            assertTrue(governor.snapshot().containsKey("ads:" + w.adAccountId()), "usage seen: " + governor.snapshot());
            assertEquals(1, metaCampaigns.size(), "one Marketing API campaign for the campaign");

            // optimization pauses a loser: the ad is paused on Meta
            UUID decision = UUID.randomUUID();
            TestKafka.publish(ContentPauseRequested.newBuilder().setEnvelope(Fixtures.envelope(w.businessId(), campaign)).setDecisionId(decision)
                    .setContentId(ad1).setPostIds(List.of()).setScore(12.5).setCampaignMedianScore(40.0).setImpressions(5000).setConfidence(0.9)
                    .setRetire(false).setReason("score below the campaign median").build());
            Map<String, Object> paused = awaitPost(campaign, ad1, "FACEBOOK", x -> "PAUSED".equals(x.get("status")));
            MetaSandbox.graphGet((String) paused.get("adId"), tokens[0], Map.of("fields", "status")).then().body("status", equalTo("PAUSED"));
            PostPaused pe = tail.await(PostPaused.class, e -> e.getContentId().equals(ad1));
            assertEquals(decision, pe.getDecisionId());

            // and moves budget: the ad set's daily budget changes on Meta
            String adSet2 = (String) post(campaign, ad2, "FACEBOOK").get("adSetId");
            TestKafka.publish(BudgetReallocated.newBuilder().setEnvelope(Fixtures.envelope(w.businessId(), campaign)).setDecisionId(UUID.randomUUID())
                    .setEvaluationId(null).setStrategy(AllocationStrategy.THOMPSON_SAMPLING)
                    .setTotalDaily(Money.newBuilder().setAmountMinor(3000).setCurrency("USD").build())
                    .setAllocations(List.of(BudgetAllocation.newBuilder().setContentId(ad2).setPostId(null).setPreviousShare(0.34).setShare(0.67)
                            .setAmountDaily(Money.newBuilder().setAmountMinor(2000).setCurrency("USD").build()).setExpectedScore(null).build()))
                    .setExplorationRate(0.1).setReason("ad two converts better").build());
            awaitPost(campaign, ad2, "FACEBOOK", x -> ((Number) x.get("budgetDailyMinor")).longValue() == 2000);
            MetaSandbox.graphGet(adSet2, tokens[0], Map.of("fields", "daily_budget")).then().body("daily_budget", equalTo("2000"));
            AdBudgetChanged bc = tail.await(AdBudgetChanged.class, e -> e.getContentId() != null && e.getContentId().equals(ad2));
            assertEquals(2000, bc.getBudgetDaily().getAmountMinor());
            assertEquals(adSet2, bc.getAdSetId());
        }
    }

    @Test
    void throttlingBacksOffAndTransientErrorsAreRetriedPostingOnce() {
        World.Connected w = shared();
        String[] tokens = World.tokens(cipher, w.connectionId());
        UUID campaign = UUID.randomUUID();
        UUID t1 = UUID.randomUUID(), t2 = UUID.randomUUID();
        try (Events tail = new Events()) {
            TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.FACEBOOK), null));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, t1, ContentType.ORGANIC_POST, "tia_seeker", "Throttled " + t1, null));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, t2, ContentType.ORGANIC_POST, "tia_seeker", "Transient " + t2, null));
            TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, List.of(t1, t2)));
            await().atMost(Duration.ofSeconds(40)).until(() -> posts(campaign).getInt("totalItems") == 2);

            MetaSandbox.clearErrors();
            // two throttling answers (code 4 with X-App-Usage at 100): backed off, then posted once
            MetaSandbox.forceError("POST", w.pageId() + "/feed", 32, 2);
            String p1 = (String) post(campaign, t1, "FACEBOOK").get("id");
            long started = System.nanoTime();
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + p1 + "/publish-now").then().statusCode(200);
            Map<String, Object> done = awaitPost(campaign, t1, "FACEBOOK", x -> "POSTED".equals(x.get("status")));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMs >= 1500, "two back-offs (1 s and 2 s, +-25 %) before the post went out, took " + tookMs + " ms");
            assertEquals(1, ((Number) done.get("attempts")).intValue(), "throttling is not a failed attempt");
            MetaSandbox.sbx().get("/_sandbox/errors").then().body("size()", equalTo(0));
            assertEquals(1, countOnPage(w.pageId(), tokens[1], fbMessage("Throttled " + t1)), "posted exactly once");
            Integer pageUsage = governor.snapshot().get("page:" + w.pageId());
            assertNotNull(pageUsage, "the Page's X-Business-Use-Case-Usage was read");
            assertTrue(pageUsage < 100, "a successful call's usage replaced the throttled 100 %: " + pageUsage);

            // a missing permission (code 200) is permanent: failed with a readable reason, no retry
            UUID t3 = UUID.randomUUID();
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, t3, ContentType.ORGANIC_POST, "tia_seeker", "Denied " + t3, null));
            String p3 = (String) awaitPost(campaign, t3, "FACEBOOK", x -> true).get("id");
            MetaSandbox.forceError("POST", w.pageId() + "/feed", 200, 1);
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + p3 + "/publish-now").then().statusCode(200);
            Map<String, Object> denied = awaitPost(campaign, t3, "FACEBOOK", x -> "FAILED".equals(x.get("status")));
            assertTrue(((String) denied.get("errorMessage")).contains("permission"), (String) denied.get("errorMessage"));
            assertEquals(1, ((Number) denied.get("attempts")).intValue());
            assertFalse(tail.await(PostFailed.class, e -> e.getPostId().toString().equals(p3)).getRetryable());

            // a transient service error (code 2): PostFailed(retryable) then posted on the second attempt
            MetaSandbox.forceError("POST", w.pageId() + "/feed", 2, 1);
            String p2 = (String) post(campaign, t2, "FACEBOOK").get("id");
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + p2 + "/publish-now").then().statusCode(200);
            PostFailed f = tail.await(PostFailed.class, e -> e.getPostId().toString().equals(p2));
            assertTrue(f.getRetryable());
            assertNotNull(f.getNextAttemptAt());
            assertEquals("2", f.getErrorCode());
            Map<String, Object> second = awaitPost(campaign, t2, "FACEBOOK", x -> "POSTED".equals(x.get("status")));
            assertEquals(2, ((Number) second.get("attempts")).intValue());
            assertEquals(1, countOnPage(w.pageId(), tokens[1], fbMessage("Transient " + t2)));
        } finally {
            MetaSandbox.clearErrors();
        }
    }

    static int countOnPage(String pageId, String pageToken, String message) {
        List<String> messages = MetaSandbox.graphGet(pageId + "/feed", pageToken, Map.of("fields", "id,message", "limit", "100"))
                .then().statusCode(200).extract().jsonPath().getList("data.message");
        int n = 0;
        for (String m : messages) if (message.equals(m)) n++;
        return n;
    }

    @Test
    void aCrashBetweenTheCallAndTheRecordDoesNotPostTwice() {
        World.Connected w = shared();
        String[] tokens = World.tokens(cipher, w.connectionId());
        UUID campaign = UUID.randomUUID();
        UUID x = UUID.randomUUID();
        TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.FACEBOOK), null));
        TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, x, ContentType.ORGANIC_POST, "tia_seeker", "Crash " + x, null));
        TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, List.of(x)));
        Map<String, Object> p = awaitPost(campaign, x, "FACEBOOK", q -> "SCHEDULED".equals(q.get("status")));
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(campaignStatus(campaign)));
        // the instance called Meta (the post exists there) and died before recording the id: the row still says
        // PUBLISHING with the feed step open and its lease run out
        String message = fbMessage("Crash " + x);
        String created = MetaSandbox.sbx().header("Authorization", "Bearer " + tokens[1]).contentType("application/x-www-form-urlencoded")
                .formParam("message", message).formParam("link", "https://melissa.example.com/tia?utm_content=" + x)
                .post("/v21.0/" + w.pageId() + "/feed").then().log().ifValidationFails().statusCode(200).extract().path("id");
        World.sql("update post set status = 'PUBLISHING', attempt_step = 'feed', attempt_key = ?, attempt_started_at = now(),"
                + " claimed_until = now() - interval '1 second', scheduled_for = now() where id = ?", UUID.randomUUID(), UUID.fromString((String) p.get("id")));
        Map<String, Object> done = awaitPost(campaign, x, "FACEBOOK", q -> "POSTED".equals(q.get("status")));
        assertEquals(created, done.get("platformPostId"), "reconciled with the post the crashed run made");
        assertEquals(1, countOnPage(w.pageId(), tokens[1], message), "not posted a second time");
    }

    static String campaignStatus(UUID campaign) {
        try (var c = World.db(); var ps = c.prepareStatement("select status from campaign where id = ?")) {
            ps.setObject(1, campaign);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anExpiredTokenFailsThePostForGoodAndExpiresTheConnection() {
        World.Connected w = World.connect("melissa", TestTokens.ALICE);
        String[] tokens = World.tokens(cipher, w.connectionId());
        UUID campaign = UUID.randomUUID();
        UUID x = UUID.randomUUID();
        try (Events tail = new Events()) {
            TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.FACEBOOK), null));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, x, ContentType.ORGANIC_POST, "tia_seeker", "Expired " + x, null));
            TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, List.of(x)));
            Map<String, Object> p = awaitPost(campaign, x, "FACEBOOK", q -> true);
            MetaSandbox.sbx().body(Map.of("access_token", tokens[1])).post("/_sandbox/tokens/expire").then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(campaignStatus(campaign)));
            TestTokens.as(TestTokens.ALICE).post("/api/posts/" + p.get("id") + "/publish-now").then().statusCode(200);
            Map<String, Object> failed = awaitPost(campaign, x, "FACEBOOK", q -> "FAILED".equals(q.get("status")));
            assertTrue(((String) failed.get("errorCode")).startsWith("190"), "Meta's code: " + failed.get("errorCode"));
            assertTrue(((String) failed.get("errorMessage")).contains("reconnect Meta"), (String) failed.get("errorMessage"));
            PostFailed f = tail.await(PostFailed.class, e -> e.getPostId().toString().equals(p.get("id")));
            assertFalse(f.getRetryable(), "permanent");
            ConnectionChanged cc = tail.await(ConnectionChanged.class, e -> e.getConnectionId().equals(w.connectionId()) && e.getStatus() == ConnectionStatus.EXPIRED);
            assertEquals(ConnectionStatus.CONNECTED, cc.getPreviousStatus());
            TestTokens.as(TestTokens.ALICE).get("/api/businesses/" + w.businessId() + "/connections").then().body("[0].status", equalTo("EXPIRED"));
        }
    }

    @Test
    void consumersAreIdempotentAndTheApiIsScoped() {
        World.Connected w = shared();
        UUID campaign = UUID.randomUUID();
        UUID x = UUID.randomUUID();
        TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.FACEBOOK, Platform.INSTAGRAM), null));
        ContentApproved approved = Fixtures.contentApproved(w.businessId(), campaign, x, ContentType.ORGANIC_POST, "tia_seeker", "Once " + x, MetaSandbox.sampleImage());
        TestKafka.publish(approved);
        TestKafka.publish(approved); // redelivered: same event id
        ContentApproved again = Fixtures.contentApproved(w.businessId(), campaign, x, ContentType.ORGANIC_POST, "tia_seeker", "Once " + x, MetaSandbox.sampleImage());
        TestKafka.publish(again); // approved once more: a new event, still one post per platform
        await().atMost(Duration.ofSeconds(40)).until(() -> posts(campaign).getInt("totalItems") == 2);
        UUID marker = UUID.randomUUID(); // a later event on the same partition (same key): when it is applied, the others were too
        TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, marker, ContentType.ORGANIC_POST, "true_believer", "Marker", MetaSandbox.sampleImage()));
        await().atMost(Duration.ofSeconds(40)).until(() -> posts(campaign).getInt("totalItems") == 4);
        assertEquals(2, TestTokens.as(TestTokens.ALICE).queryParam("contentId", x.toString()).get("/api/posts").then().extract().jsonPath().getInt("totalItems"));

        String id = (String) post(campaign, x, "FACEBOOK").get("id");
        TestTokens.as(TestTokens.BOB).get("/api/posts/" + id).then().statusCode(200).body("contentId", equalTo(x.toString()));
        TestTokens.as(TestTokens.CAROL).get("/api/posts/" + id).then().statusCode(404).contentType(containsString("application/problem+json"));
        TestTokens.as(TestTokens.CAROL).post("/api/posts/" + id + "/publish-now").then().statusCode(403);
        assertEquals(0, TestTokens.as(TestTokens.CAROL).queryParam("campaignId", campaign.toString()).get("/api/posts").then().statusCode(200)
                .extract().jsonPath().getInt("totalItems"));
        TestTokens.as(TestTokens.ALICE).queryParam("status", "bogus").get("/api/posts").then().statusCode(400).body("errors[0].field", equalTo("status"));
        TestTokens.as(TestTokens.ALICE).queryParam("platform", "INSTAGRAM").queryParam("campaignId", campaign.toString()).get("/api/posts")
                .then().statusCode(200).body("totalItems", equalTo(2));
        TestTokens.as(TestTokens.BOB).body(Map.of("scheduledFor", "2020-01-01T00:00:00Z")).post("/api/posts/" + id + "/reschedule")
                .then().statusCode(400).body("errors[0].field", equalTo("scheduledFor"));
        Instant later = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestTokens.as(TestTokens.BOB).body(Map.of("scheduledFor", later.toString())).post("/api/posts/" + id + "/reschedule")
                .then().statusCode(200).body("scheduledFor", equalTo(later.toString()));
        TestTokens.as(TestTokens.ALICE).get("/api/posts/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void campaignPauseResumeBudgetAndCompletionReachMeta() {
        World.Connected w = shared();
        String[] tokens = World.tokens(cipher, w.connectionId());
        UUID campaign = UUID.randomUUID();
        UUID ad = UUID.randomUUID(), organic = UUID.randomUUID(), loser = UUID.randomUUID();
        try (Events tail = new Events()) {
            TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.FACEBOOK), 2000L));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, ad, ContentType.AD, "tia_seeker", "Life ad " + ad, MetaSandbox.sampleImage()));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, loser, ContentType.AD, "tia_seeker", "Loser ad " + loser, MetaSandbox.sampleImage()));
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, organic, ContentType.ORGANIC_POST, "tia_seeker", "Life post " + organic, null));
            TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, List.of(ad, loser, organic)));
            String adId = (String) awaitPost(campaign, ad, "FACEBOOK", p -> "POSTED".equals(p.get("status"))).get("adId");
            String loserAd = (String) awaitPost(campaign, loser, "FACEBOOK", p -> "POSTED".equals(p.get("status"))).get("adId");
            awaitPost(campaign, organic, "FACEBOOK", p -> "SCHEDULED".equals(p.get("status")));
            // a decision pauses the loser before the campaign is paused: resuming the campaign must not bring it back
            TestKafka.publish(ContentPauseRequested.newBuilder().setEnvelope(Fixtures.envelope(w.businessId(), campaign)).setDecisionId(UUID.randomUUID())
                    .setContentId(loser).setPostIds(List.of()).setScore(5).setCampaignMedianScore(30.0).setImpressions(4000).setConfidence(0.95)
                    .setRetire(false).setReason("loser").build());
            awaitPost(campaign, loser, "FACEBOOK", p -> "PAUSED".equals(p.get("status")));

            TestKafka.publish(Fixtures.campaignPaused(w.businessId(), campaign));
            awaitPost(campaign, ad, "FACEBOOK", p -> "PAUSED".equals(p.get("status")));
            MetaSandbox.graphGet(adId, tokens[0], Map.of("fields", "status")).then().body("status", equalTo("PAUSED"));
            String organicPost = (String) awaitPost(campaign, organic, "FACEBOOK", p -> "PAUSED".equals(p.get("status"))).get("id");
            tail.awaitCount(PostPaused.class, e -> e.getEnvelope().getCampaignId().equals(campaign.toString()) && e.getReason().contains("holiday"), 2);
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + organicPost + "/publish-now").then().statusCode(409);

            TestKafka.publish(Fixtures.campaignResumed(w.businessId(), campaign));
            awaitPost(campaign, ad, "FACEBOOK", p -> "POSTED".equals(p.get("status")));
            MetaSandbox.graphGet(adId, tokens[0], Map.of("fields", "status")).then().body("status", equalTo("ACTIVE"));
            awaitPost(campaign, organic, "FACEBOOK", p -> "SCHEDULED".equals(p.get("status")));
            assertEquals("PAUSED", post(campaign, loser, "FACEBOOK").get("status"), "a decision's pause outlives the campaign's");
            MetaSandbox.graphGet(loserAd, tokens[0], Map.of("fields", "status")).then().body("status", equalTo("PAUSED"));

            TestKafka.publish(Fixtures.budgetChanged(w.businessId(), campaign, 2000, 4000));
            Map<String, Object> scaled = awaitPost(campaign, ad, "FACEBOOK", p -> ((Number) p.get("budgetDailyMinor")).longValue() == 2000);
            MetaSandbox.graphGet((String) scaled.get("adSetId"), tokens[0], Map.of("fields", "daily_budget")).then().body("daily_budget", equalTo("2000"));
            tail.await(AdBudgetChanged.class, e -> e.getContentId() != null && e.getContentId().equals(ad) && e.getBudgetDaily().getAmountMinor() == 2000);

            TestKafka.publish(Fixtures.campaignCompleted(w.businessId(), campaign));
            awaitPost(campaign, ad, "FACEBOOK", p -> "PAUSED".equals(p.get("status")));
            MetaSandbox.graphGet(adId, tokens[0], Map.of("fields", "status")).then().body("status", equalTo("PAUSED"));
            awaitPost(campaign, organic, "FACEBOOK", p -> "CANCELLED".equals(p.get("status")));
        }
    }

    @Test
    void theInstagramQuotaIsReadBeforePublishingAndAFullQuotaWaits() {
        World.Connected w = World.connect("melissa", TestTokens.BOB); // its own Instagram account (quota 3 per 24 h)
        String[] tokens = World.tokens(cipher, w.connectionId());
        UUID campaign = UUID.randomUUID();
        List<UUID> pieces = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.INSTAGRAM), null));
        for (UUID c : pieces) {
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, c, ContentType.ORGANIC_POST, "tia_seeker", "Quota " + c, MetaSandbox.sampleImage()));
        }
        TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, pieces));
        await().atMost(Duration.ofSeconds(40)).until(() -> posts(campaign).getInt("totalItems") == 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(campaignStatus(campaign)));
        for (int i = 0; i < 3; i++) {
            UUID c = pieces.get(i);
            TestTokens.as(TestTokens.BOB).post("/api/posts/" + post(campaign, c, "INSTAGRAM").get("id") + "/publish-now").then().statusCode(200);
            awaitPost(campaign, c, "INSTAGRAM", p -> "POSTED".equals(p.get("status")));
        }
        MetaSandbox.graphGet(w.igId() + "/content_publishing_limit", tokens[0], Map.of("fields", "quota_usage,config"))
                .then().statusCode(200).body("data[0].quota_usage", equalTo(3)).body("data[0].config.quota_total", equalTo(3));
        UUID fourth = pieces.get(3);
        Instant asked = Instant.now();
        TestTokens.as(TestTokens.BOB).post("/api/posts/" + post(campaign, fourth, "INSTAGRAM").get("id") + "/publish-now").then().statusCode(200);
        Map<String, Object> waiting = awaitPost(campaign, fourth, "INSTAGRAM", p -> p.get("nextAttemptAt") != null
                && Instant.parse((String) p.get("nextAttemptAt")).isAfter(asked.plus(Duration.ofMinutes(50))));
        assertEquals("SCHEDULED", waiting.get("status"));
        assertEquals(null, waiting.get("containerId"), "no container made while the quota is full");
        assertEquals(0, ((Number) waiting.get("attempts")).intValue(), "waiting for the quota is not a failure");
    }

    @Test
    void crashesDuringInstagramPublishAndAdCreationAreReconciled() {
        World.Connected w = shared();
        String[] tokens = World.tokens(cipher, w.connectionId());
        UUID campaign = UUID.randomUUID();
        UUID ig = UUID.randomUUID(), ad = UUID.randomUUID();
        TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.INSTAGRAM), 1000L));
        TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, ig, ContentType.ORGANIC_POST, "tia_seeker", "Crash ig " + ig, MetaSandbox.sampleImage()));
        TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, ad, ContentType.AD, "tia_seeker", "Crash ad " + ad, MetaSandbox.sampleImage()));
        TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, List.of(ig, ad)));
        await().atMost(Duration.ofSeconds(40)).until(() -> posts(campaign).getInt("totalItems") == 2);
        TestTokens.as(TestTokens.BOB).post("/api/posts/" + post(campaign, ig, "INSTAGRAM").get("id") + "/publish-now").then().statusCode(200);
        Map<String, Object> media = awaitPost(campaign, ig, "INSTAGRAM", p -> "POSTED".equals(p.get("status")));
        Map<String, Object> live = awaitPost(campaign, ad, "INSTAGRAM", p -> "POSTED".equals(p.get("status")));

        // the runs died after Meta answered media_publish / the ad creation, before the ids were recorded
        World.sql("update post set status = 'PUBLISHING', platform_post_id = null, attempt_step = 'ig_publish', attempt_key = ?,"
                + " attempt_started_at = now(), claimed_until = now() - interval '1 second' where id = ?", UUID.randomUUID(), UUID.fromString((String) media.get("id")));
        World.sql("update post set status = 'PUBLISHING', platform_post_id = null, ad_id = null, attempt_step = 'ad', attempt_key = ?,"
                + " attempt_started_at = now(), claimed_until = now() - interval '1 second' where id = ?", UUID.randomUUID(), UUID.fromString((String) live.get("id")));

        Map<String, Object> media2 = awaitPost(campaign, ig, "INSTAGRAM", p -> "POSTED".equals(p.get("status")) && p.get("platformPostId") != null);
        assertEquals(media.get("platformPostId"), media2.get("platformPostId"), "the published media was found, not published again");
        List<String> captions = MetaSandbox.graphGet(w.igId() + "/media", tokens[0], Map.of("fields", "id,caption", "limit", "100"))
                .then().statusCode(200).extract().jsonPath().getList("data.caption");
        assertEquals(1, captions.stream().filter(c -> c != null && c.startsWith("Crash ig " + ig)).count());

        Map<String, Object> live2 = awaitPost(campaign, ad, "INSTAGRAM", p -> "POSTED".equals(p.get("status")) && p.get("adId") != null);
        assertEquals(live.get("adId"), live2.get("adId"), "the ad made before the crash was found by its name");
        MetaSandbox.graphGet(live.get("adSetId") + "/ads", tokens[0], Map.of("fields", "id,name")).then().statusCode(200)
                .body("data.size()", equalTo(1));
    }
}
