package io.campaignengine.publishing.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.publishing.client.GraphError;
import io.campaignengine.publishing.client.Usage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Meta's usage headers, slowing down before the limit, and classifying Graph errors. */
class UsageGovernorTest {
    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void parsesTheThreeUsageHeadersAsMetaSendsThem() {
        Usage u = Usage.parse(mapper, "{\"call_count\":28,\"total_cputime\":25,\"total_time\":25}",
                "{\"1020000000001\":[{\"type\":\"pages\",\"call_count\":91,\"total_cputime\":54,\"total_time\":72,\"estimated_time_to_regain_access\":7}]}",
                null);
        assertEquals(28, u.appPercent());
        assertEquals(91, u.businessPercent());
        assertEquals(7, u.regainMinutes());
        Usage ads = Usage.parse(mapper, null, null, "{\"acc_id_util_pct\":80,\"reset_time_duration\":90,\"ads_api_access_tier\":\"standard_access\"}");
        assertEquals(80, ads.businessPercent());
        assertEquals(2, ads.regainMinutes());
        assertEquals(Usage.NONE, Usage.parse(mapper, null, "not json", ""));
    }

    @Test
    void slowsDownFromTheThresholdAndStopsWhenThrottled() {
        UsageGovernor g = new UsageGovernor(75, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(30));
        g.record("page:1", new Usage(10, 50, 0));
        assertTrue(g.waitFor("page:1").isZero(), "50 %: full speed");
        assertTrue(g.pace(74).isZero());
        assertTrue(g.pace(80).compareTo(g.pace(90)) < 0, "more usage, more spacing");
        assertEquals(Duration.ofSeconds(60), g.pace(100));
        g.record("page:1", new Usage(10, 95, 0));
        g.calling("page:1");
        assertFalse(g.waitFor("page:1").isZero(), "95 %: calls are spaced");
        assertTrue(g.waitFor("page:2").isZero(), "another page is not affected");
        Instant until = g.throttled("ads:1", 2);
        assertTrue(until.isAfter(Instant.now().plus(Duration.ofSeconds(80))), "Meta's estimated time to regain access, with jitter");
        assertTrue(g.waitFor("ads:1").compareTo(Duration.ofSeconds(80)) > 0);
        g.record("app", new Usage(100, -1, 0));
        g.calling("app");
        assertFalse(g.waitFor("page:9").isZero(), "the app's own usage holds every key back");
    }

    @Test
    void aSmallLimitIsSpacedSoItsHeadroomLastsTheWindow() {
        UsageGovernor g = new UsageGovernor(75, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30));
        g.usageWindow = Duration.ofSeconds(60);
        // a small limit: 12 calls moved the usage from 75 to 80 %, i.e. 2.4 calls per percent (a limit of ~240)
        g.record("page:small", new Usage(-1, 75, 0));
        for (int i = 0; i < 12; i++) g.calling("page:small");
        g.record("page:small", new Usage(-1, 80, 0));
        // 20 % left = 48 calls to spend over 60 s: 1.25 s apart, longer than the linear 0.23 s at 80 %
        Duration small = g.pace("page:small", 80);
        assertTrue(small.toMillis() >= 1200 && small.toMillis() <= 1300, "spacing " + small);
        assertTrue(g.pace(80).compareTo(small) < 0);
        // a large limit (24 calls per percent, ~2,400): the headroom lasts anyway, the linear spacing applies
        g.record("page:large", new Usage(-1, 75, 0));
        for (int i = 0; i < 120; i++) g.calling("page:large");
        g.record("page:large", new Usage(-1, 80, 0));
        assertEquals(g.pace(80), g.pace("page:large", 80));
        // below the threshold nothing waits, whatever the estimate
        assertTrue(g.pace("page:small", 60).isZero());
        // a throttled answer (headers at 100) or a jump is no measure of the limit: the estimate stays unknown
        g.record("page:forced", new Usage(-1, 2, 0));
        g.calling("page:forced");
        g.record("page:forced", new Usage(-1, 100, 0));
        g.record("page:forced", new Usage(-1, 90, 0));
        assertEquals(g.pace(90), g.pace("page:forced", 90));
    }

    @Test
    void acquireLetsOneCallThroughAPacedGap() {
        UsageGovernor g = new UsageGovernor(75, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(30));
        g.record("page:1", new Usage(10, 90, 0));
        g.calling("page:1");
        assertFalse(g.acquire("page:1").isZero(), "90 %: the next call waits");
        g.record("page:2", new Usage(10, 50, 0));
        assertTrue(g.acquire("page:2").isZero(), "50 %: no pacing");
        assertTrue(g.acquire("page:2").isZero(), "50 %: still none");
        g.record("page:3", new Usage(10, 80, 0));
        // the gap after the last call has passed: exactly one of two concurrent posts goes, the other waits its turn
        g.states.computeIfPresent("page:3", (k, s) -> new UsageGovernor.State(s.percent(), s.seenAt(), null, Instant.now().minusSeconds(120), 0));
        assertTrue(g.acquire("page:3").isZero());
        assertFalse(g.acquire("page:3").isZero());
    }

    @Test
    void backoffDoublesUpToTheCap() {
        UsageGovernor g = new UsageGovernor(75, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(1), g.backoff(1));
        assertEquals(Duration.ofSeconds(2), g.backoff(2));
        assertEquals(Duration.ofSeconds(4), g.backoff(3));
        assertEquals(Duration.ofSeconds(5), g.backoff(9));
        Duration j = UsageGovernor.jitter(Duration.ofSeconds(10));
        assertTrue(j.toMillis() >= 7500 && j.toMillis() <= 12500);
    }

    static GraphError err(int code, Integer sub) {
        return new GraphError(400, code, sub, "OAuthException", "m", null, "t", false, 0);
    }

    @Test
    void graphErrorClasses() {
        for (int code : new int[]{4, 17, 32, 613, 80004}) {
            assertTrue(err(code, null).throttled(), "throttling " + code);
            assertTrue(err(code, null).retryable());
        }
        assertTrue(err(9, 2207042).throttled(), "Instagram publishing limit");
        assertTrue(err(190, 463).invalidToken());
        assertFalse(err(190, 463).retryable(), "an expired token does not heal");
        assertTrue(err(10, null).permission());
        assertTrue(err(200, null).permission());
        assertFalse(err(200, null).retryable());
        assertFalse(err(100, null).retryable(), "an invalid parameter is permanent");
        assertTrue(err(2, null).retryable(), "service error");
        assertTrue(GraphError.transport("connection refused").retryable());
        assertEquals("190/463", err(190, 463).codeText());
    }
}
