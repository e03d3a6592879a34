package io.campaignengine.kit.correlation;

import io.campaignengine.kit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * X-Correlation-Id: request header -> MDC (in the endpoint and on the access log line) -> the envelope of the event the
 * request publishes -> response header. (Its trip on to Kafka and through a consumer: BackboneTest.)
 */
@QuarkusTest
class CorrelationTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final List<ExtLogRecord> accessLog = new CopyOnWriteArrayList<>();
    private final ExtHandler capture = new ExtHandler() {
        @Override
        protected void doPublish(ExtLogRecord record) {
            record.copyMdc();
            accessLog.add(record);
        }
    };

    @BeforeEach
    void captureAccessLog() {
        Logger.getLogger(HttpCorrelationFilter.ACCESS_LOG_CATEGORY).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(HttpCorrelationFilter.ACCESS_LOG_CATEGORY).removeHandler(capture);
    }

    @Test
    void headerTravelsToMdcEnvelopeResponseAndAccessLog() {
        String correlationId = "corr-" + UUID.randomUUID();
        Map<String, String> body = given().auth().oauth2(Tokens.marketer("melissa")).header(CorrelationContext.HEADER, correlationId)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "corr-" + UUID.randomUUID(), "qty", 1, "budget", Map.of("amount", 1, "currency", "EUR")))
                .when().post("/api/businesses/melissa/widgets")
                .then().statusCode(201)
                .header(CorrelationContext.HEADER, equalTo(correlationId))
                .extract().as(Map.class);
        assertEquals(correlationId, body.get("mdcCorrelationId"), "MDC inside the endpoint");
        assertEquals(correlationId, body.get("correlationId"), "envelope of the published event");

        ExtLogRecord line = await().atMost(Duration.ofSeconds(10))
                .until(() -> accessLog.stream().filter(r -> r.getFormattedMessage().contains(correlationId)).findFirst().orElse(null),
                        r -> r != null);
        assertEquals(correlationId, line.getMdc(CorrelationContext.MDC_CORRELATION_ID), "MDC of the access log line");
        String message = line.getFormattedMessage();
        assertTrue(message.matches("POST /api/businesses/melissa/widgets 201 \\d+ms correlationId=" + correlationId), message);
    }

    @Test
    void absentHeader_getsAFreshUuid_echoedAndUsed() {
        String generated = given().when().get("/api/probe/items?page=1")
                .then().statusCode(200)
                .header(CorrelationContext.HEADER, matchesPattern(UUID_PATTERN))
                .extract().header(CorrelationContext.HEADER);
        String other = given().when().get("/api/probe/items?page=1").then().extract().header(CorrelationContext.HEADER);
        assertTrue(!generated.equals(other), "each request gets its own id");
    }

    @Test
    void unacceptableHeader_isReplaced() {
        given().header(CorrelationContext.HEADER, "bad id with spaces\" and quotes")
                .when().get("/api/probe/items?page=1")
                .then().statusCode(200)
                .header(CorrelationContext.HEADER, matchesPattern(UUID_PATTERN))
                .header(CorrelationContext.HEADER, not(equalTo("bad")));
    }
}
