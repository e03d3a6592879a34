package io.campaignengine.gateway;

import io.campaignengine.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.campaignengine.testkit.TestTokens.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front door closes a client connection that sends nothing for {@code quarkus.http.idle-timeout} — but not one
 * whose request is still being answered (a slow upstream, a stream): idle is a connection with no exchange on it.
 */
@QuarkusTest
@TestProfile(FrontDoorIdleTimeoutTest.ShortIdleTimeout.class)
@QuarkusTestResource(Upstreams.class)
class FrontDoorIdleTimeoutTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s");
        }
    }

    @Test
    void anIdleConnectionClosesButOneWaitingForItsAnswerDoesNot() throws Exception {
        String token = TestTokens.token(BOB);
        RestAssured.given().auth().oauth2(token).get("/api/echo/headers").then().statusCode(200); // forwarded from here on
        try (Socket s = new Socket("127.0.0.1", RestAssured.port)) {
            s.setSoTimeout(15_000);
            // the echo upstream's slow answer takes 7 s; the tests' response timeout (5 s) answers it with a 504 first
            s.getOutputStream().write(("GET /api/echo/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            FrontDoorTest.Response r = FrontDoorTest.Response.read(s.getInputStream());
            assertEquals(504, r.status(), "answered after 5 s, not cut by the 1 s idle timeout: " + r.body());
            long answered = System.nanoTime();
            assertEquals(-1, s.getInputStream().read(), "then idle, and closed");
            long closedAfterMillis = (System.nanoTime() - answered) / 1_000_000;
            assertTrue(closedAfterMillis < 3_000, "closed " + closedAfterMillis + " ms after the answer");
        }
    }
}
