package io.campaignengine.metasandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ClockTest {

    @Test
    void frozenAdvanceAndARunningClockAtSpeed() throws Exception {
        long t0 = Sbx.nowMs();
        Thread.sleep(300);
        assertEquals(t0, Sbx.nowMs(), "a frozen clock does not move by itself");
        given().contentType(ContentType.JSON).body(Map.of("duration", "PT90M")).post("/_sandbox/clock/advance").then().statusCode(200)
                .body("advanced_ms", equalTo(5_400_000));
        assertEquals(t0 + 5_400_000, Sbx.nowMs());
        given().contentType(ContentType.JSON).body(Map.of("minutes", -5)).post("/_sandbox/clock/advance").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("speed", 0)).post("/_sandbox/clock").then().statusCode(400);
        try {
            // one wall second = one simulated hour
            given().contentType(ContentType.JSON).body(Map.of("speed", 3600, "frozen", false)).post("/_sandbox/clock").then().statusCode(200)
                    .body("speed", equalTo(3600.0f)).body("frozen", equalTo(false));
            long a = Sbx.nowMs();
            Thread.sleep(1000);
            long moved = Sbx.nowMs() - a;
            assertTrue(moved >= 3_000_000 && moved < 60 * 3_600_000L, "moved " + moved);
        } finally {
            given().contentType(ContentType.JSON).body(Map.of("speed", 1, "frozen", true)).post("/_sandbox/clock").then().statusCode(200)
                    .body("frozen", equalTo(true));
        }
        long f = Sbx.nowMs();
        Thread.sleep(200);
        assertEquals(f, Sbx.nowMs());
    }
}
