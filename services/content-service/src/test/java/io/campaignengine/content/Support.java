package io.campaignengine.content;

import io.campaignengine.testkit.TestTokens;
import io.restassured.specification.RequestSpecification;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** Test helpers over the REST API (real Keycloak tokens of the demo users). */
public final class Support {
    public static final String ALICE = TestTokens.ALICE; // admin; melissa, vaquero
    public static final String BOB = TestTokens.BOB;     // marketer; melissa
    public static final String CAROL = TestTokens.CAROL; // viewer; vaquero
    public static final Duration WAIT = Duration.ofSeconds(45);

    private Support() {
    }

    public static RequestSpecification as(String user) {
        return TestTokens.as(user);
    }

    /** Waits until the campaign has {@code count} finished generation jobs (seen by alice); returns the jobs, or fails showing them. */
    public static List<Map<String, Object>> awaitJobs(String campaignId, int count) {
        AtomicReference<Object> last = new AtomicReference<>("no answer");
        try {
            return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                var r = as(ALICE).queryParam("campaignId", campaignId).get("/api/content/generation-jobs");
                if (r.statusCode() != 200) {
                    last.set(r.statusCode() + " " + r.asString());
                    return null;
                }
                List<Map<String, Object>> items = r.jsonPath().getList("items");
                last.set(items);
                long done = items.stream().filter(j -> "completed".equals(j.get("status")) || "failed".equals(j.get("status"))).count();
                return done >= count ? items : null;
            }, x -> x != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(count + " finished generation jobs of campaign " + campaignId + " expected within " + WAIT
                    + "; the last answer: " + last.get(), e);
        }
    }

    public static Map<String, Object> awaitJob(String jobId) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Object> j = as(ALICE).get("/api/content/generation-jobs/" + jobId).then().statusCode(200).extract().jsonPath().getMap("");
            return "completed".equals(j.get("status")) || "failed".equals(j.get("status")) ? j : null;
        }, x -> x != null);
    }
}
