package io.campaignengine.publishing;

import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.publishing.service.Publisher;
import io.campaignengine.testkit.TestKafka;
import io.campaignengine.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several instances on one schedule: besides the service's own timer, two more claim loops of the real
 * {@link Publisher} run concurrently against the same database (as two more instances would: {@code for update skip
 * locked} is all that keeps them apart), while a batch of posts becomes due at the same instant. Every post reaches the
 * sandbox exactly once — counted on the sandbox's side — and none is left behind.
 */
@QuarkusTest
@QuarkusTestResource(MetaSandbox.class)
class SeveralInstancesTest {
    static final int POSTS = 80;

    @Inject
    Publisher publisher;

    @Test
    void concurrentClaimLoopsPublishEveryDuePostExactlyOnce() throws Exception {
        // a fresh business (random id) in the demo scope, with a sandbox user and Page of its own
        World.Connected w = World.connect("melissa", TestTokens.BOB);
        UUID campaign = UUID.randomUUID();
        List<UUID> contents = new ArrayList<>();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TestKafka.publish(Fixtures.campaignApproved(w.businessId(), campaign, List.of(Platform.FACEBOOK), null));
        for (int i = 0; i < POSTS; i++) {
            UUID c = UUID.randomUUID();
            contents.add(c);
            TestKafka.publish(Fixtures.contentApproved(w.businessId(), campaign, c, ContentType.ORGANIC_POST, "tia_seeker",
                    "Several instances " + tag + " #" + i, null));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> count(campaign, "SCHEDULED") == POSTS);
        TestKafka.publish(Fixtures.campaignLaunched(w.businessId(), campaign, contents));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> campaignStatus(campaign).equals("ACTIVE"));

        // two more instances' claim loops, running before, while and after the batch becomes due
        Map<String, Set<UUID>> claimed = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(2);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (String name : List.of("instance-b", "instance-c")) {
            Set<UUID> mine = ConcurrentHashMap.newKeySet();
            claimed.put(name, mine);
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        List<UUID> ids = publisher.claimAndPublishOnNewContext().await().atMost(Duration.ofSeconds(60));
                        for (UUID id : ids) {
                            if (!mine.add(id)) errors.add(new AssertionError(name + " claimed " + id + " twice"));
                        }
                        if (ids.isEmpty()) Thread.sleep(20);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            }, name);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(300);
        // the whole batch due now, at the same instant (their slots were days ahead)
        World.sql("update post set scheduled_for = now() where campaign_id = ?", campaign);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> count(campaign, "POSTED") == POSTS);
        } finally {
            stop.set(true);
            assertTrue(done.await(60, TimeUnit.SECONDS), "claim loops stopped");
        }
        assertTrue(errors.isEmpty(), "claim loops: " + errors);

        // the Meta side: each post's message exactly once on the Page, nothing else
        var pub = MetaSandbox.sbx().queryParam("page_id", w.pageId()).get("/_sandbox/publications").then().statusCode(200).extract().jsonPath();
        assertEquals(POSTS, pub.getInt("page.posts"), "posts on the Page: " + pub.getMap("page"));
        assertEquals(POSTS, pub.getInt("page.distinct_messages"), "distinct messages: " + pub.getMap("page"));
        assertEquals(0, pub.getInt("page.duplicated"), "double posts: " + pub.getList("page.duplicates"));
        // and each post row points at its own platform post, one attempt each
        Set<String> platformIds = new HashSet<>();
        try (Connection c = World.db(); PreparedStatement ps = c.prepareStatement(
                "select platform_post_id, attempts from post where campaign_id = ?")) {
            ps.setObject(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertTrue(platformIds.add(rs.getString(1)), "platform id recorded twice: " + rs.getString(1));
                    assertEquals(1, rs.getInt(2), "one attempt per post");
                }
            }
        }
        assertEquals(POSTS, platformIds.size());
        // the two extra loops really competed for the batch (and never for the same post)
        Set<UUID> b = claimed.get("instance-b"), c = claimed.get("instance-c");
        assertTrue(!b.isEmpty() && !c.isEmpty(), "both loops claimed posts: " + b.size() + ", " + c.size());
        Set<UUID> both = new HashSet<>(b);
        both.retainAll(c);
        assertTrue(both.isEmpty(), "claimed by both loops: " + both);
    }

    static int count(UUID campaign, String status) {
        try (Connection c = World.db(); PreparedStatement ps = c.prepareStatement("select count(*) from post where campaign_id = ? and status = ?")) {
            ps.setObject(1, campaign);
            ps.setString(2, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String campaignStatus(UUID campaign) {
        try (Connection c = World.db(); PreparedStatement ps = c.prepareStatement("select status from campaign where id = ?")) {
            ps.setObject(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
