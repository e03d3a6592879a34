package io.campaignengine.metasandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.campaignengine.metasandbox.Sbx.graphGet;
import static io.campaignengine.metasandbox.Sbx.graphPost;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Same seed, same calls: the same ids, the same hidden rates, the same insights. */
@QuarkusTest
class DeterminismTest {

    private static void reset(long seed) {
        given().contentType(ContentType.JSON).body(Map.of("seed", seed, "frozen", true, "start", "2026-03-02T09:00:00Z"))
                .post("/_sandbox/reset").then().statusCode(200);
    }

    /** A fixed script: two variations as ads, one organic post, three days; returns what a reader would see. */
    private static String run(long seed) {
        reset(seed);
        Sbx.TestUser u = Sbx.user();
        String a = Sbx.adStack(u, 5000, "https://example.com/?utm_source=facebook&utm_campaign=c&utm_content=a&utm_term=seekers",
                "Save ten hours a week. Here is how", "https://img.example.com/clock.jpg")[3];
        String b = Sbx.adStack(u, 5000, "https://example.com/?utm_source=facebook&utm_campaign=c&utm_content=b&utm_term=seekers",
                "Your competitors already do this. Don't fall behind", "https://img.example.com/race.jpg")[3];
        String post = graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "What would you do with ten more hours?").then()
                .statusCode(200).extract().path("id");
        Sbx.advance(Duration.ofHours(30));
        Sbx.advance(Duration.ofHours(42));
        StringBuilder out = new StringBuilder(u.id()).append('|').append(a).append('|').append(b).append('|').append(post).append('\n');
        for (String ad : List.of(a, b)) {
            out.append(graphGet("/" + ad + "/insights", u.token(), "fields", "impressions,clicks,spend,actions", "date_preset", "maximum",
                    "time_increment", 1).then().statusCode(200).extract().jsonPath().getList("data")).append('\n');
        }
        out.append(graphGet("/" + post + "/insights", u.token(), "metric", "post_impressions,post_clicks,post_reactions_by_type_total")
                .then().statusCode(200).extract().jsonPath().getList("data.values")).append('\n');
        out.append(given().get("/_sandbox/truth").then().extract().jsonPath().getList("true_ctr"));
        return out.toString();
    }

    @Test
    void sameSeedSameMarket() {
        try {
            String first = run(7);
            String second = run(7);
            assertEquals(first, second);
            String other = run(8);
            assertNotEquals(first.substring(first.indexOf('\n')), other.substring(other.indexOf('\n')));
        } finally {
            // leave the configured world to the other test classes of this boot
            given().contentType(ContentType.JSON).body(Map.of("seed", 42, "frozen", true, "start", "2026-06-01T08:00:00Z"))
                    .post("/_sandbox/reset").then().statusCode(200);
        }
    }
}
