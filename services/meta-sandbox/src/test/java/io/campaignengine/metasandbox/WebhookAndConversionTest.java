package io.campaignengine.metasandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.campaignengine.metasandbox.Sbx.graphPost;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receiver the way a Meta webhook endpoint is written: it checks X-Hub-Signature-256 against the raw body with the
 * app secret (constant-time) and rejects anything else; a second endpoint takes conversions and fails once.
 */
@QuarkusTest
class WebhookAndConversionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Received(String signature, byte[] body, boolean valid) {
    }

    HttpServer server;
    final List<Received> webhooks = new CopyOnWriteArrayList<>();
    final List<JsonNode> conversions = new CopyOnWriteArrayList<>();
    final AtomicInteger conversionAttempts = new AtomicInteger();

    static boolean verify(String header, byte[] body, String secret) throws Exception {
        if (header == null || !header.startsWith("sha256=")) return false;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.substring(7).getBytes(StandardCharsets.US_ASCII));
    }

    @BeforeEach
    void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/meta", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String sig = ex.getRequestHeaders().getFirst("X-Hub-Signature-256");
            boolean ok;
            try {
                ok = verify(sig, body, Sbx.APP_SECRET);
            } catch (Exception e) {
                ok = false;
            }
            webhooks.add(new Received(sig, body, ok));
            ex.sendResponseHeaders(ok ? 200 : 403, -1);
            ex.close();
        });
        server.createContext("/conversions", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            // the first delivery fails: the sandbox must retry, not lose it
            if (conversionAttempts.getAndIncrement() == 0) {
                ex.sendResponseHeaders(503, -1);
            } else {
                conversions.add(JSON.readTree(body));
                ex.sendResponseHeaders(202, -1);
            }
            ex.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        given().contentType(ContentType.JSON).body(Map.of("webhook_url", base + "/webhooks/meta", "conversion_url", base + "/conversions"))
                .put("/_sandbox/config").then().statusCode(200);
    }

    @AfterEach
    void stop() {
        given().contentType(ContentType.JSON).body(Map.of("webhook_url", "", "conversion_url", "")).put("/_sandbox/config");
        server.stop(0);
    }

    private List<JsonNode> changes(String pageId) {
        List<JsonNode> out = new ArrayList<>();
        for (Received r : webhooks) {
            try {
                JsonNode n = JSON.readTree(r.body());
                if (!n.path("object").asText().equals("page")) continue;
                for (JsonNode e : n.path("entry")) {
                    if (!e.path("id").asText().equals(pageId)) continue;
                    assertTrue(e.path("time").asLong() > 0);
                    e.path("changes").forEach(out::add);
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static boolean has(List<JsonNode> changes, String item) {
        return changes.stream().anyMatch(c -> c.path("value").path("item").asText().equals(item));
    }

    @Test
    void signedFeedWebhooksForCommentsAndReactionsAndConversionsWithTheUtmOfTheLink() throws Exception {
        // a big page: plenty of comments and reactions in a few hours
        Sbx.TestUser u = Sbx.user(Map.of("name", "Big Page Owner", "pages", 1, "followers", 200_000));
        String link = "https://example.com/trial?utm_source=facebook&utm_medium=social&utm_campaign=spring&utm_content=var-a&utm_term=tia_seeker";
        String post = graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "Teachers love this. Start your free trial",
                "link", link).then().statusCode(200).extract().path("id");
        Sbx.advance(Duration.ofHours(12));

        Sbx.await(Duration.ofSeconds(10), () -> has(changes(u.pageId()), "comment") && has(changes(u.pageId()), "reaction"),
                "webhooks with comments and reactions on our page");
        for (Received r : webhooks) assertTrue(r.valid(), "signature " + r.signature() + " over " + new String(r.body(), StandardCharsets.UTF_8));
        List<JsonNode> changes = changes(u.pageId());
        boolean comment = false, reaction = false;
        for (JsonNode c : changes) {
            assertEquals("feed", c.path("field").asText());
            JsonNode v = c.path("value");
            assertEquals(post, v.path("post_id").asText());
            assertEquals("add", v.path("verb").asText());
            assertTrue(v.path("from").has("id"));
            if (v.path("item").asText().equals("comment")) {
                comment = true;
                assertTrue(v.path("comment_id").asText().length() > 5);
                assertFalse(v.path("message").asText().isEmpty());
                // the comment can be read back through the Graph API
                Sbx.graphGet("/" + v.path("comment_id").asText(), u.pageToken()).then().statusCode(200);
            }
            if (v.path("item").asText().equals("reaction")) {
                reaction = true;
                assertFalse(v.path("reaction_type").asText().isEmpty());
            }
        }
        assertTrue(comment && reaction, "comments and reactions: " + changes.size());

        // a tampered body does not verify with the signature the sandbox sent
        Received first = webhooks.get(0);
        byte[] tampered = new String(first.body(), StandardCharsets.UTF_8).replace("\"verb\":\"add\"", "\"verb\":\"remove\"").getBytes(StandardCharsets.UTF_8);
        assertFalse(verify(first.signature(), tampered, Sbx.APP_SECRET));

        // conversions: clicks on the link convert; the payload carries the link's UTM parameters; a failure was retried
        String ad = Sbx.adStack(u, 20_000, link, "Teachers love this. Start your free trial", "https://img.example.com/t.jpg")[3];
        Sbx.advance(Duration.ofDays(1));
        Sbx.await(Duration.ofSeconds(15), () -> conversions.stream().anyMatch(c -> ad.equals(c.path("ad_id").asText())), "a conversion of our ad");
        JsonNode c = conversions.stream().filter(x -> ad.equals(x.path("ad_id").asText())).findFirst().orElseThrow();
        assertEquals("spring", c.path("utm_campaign").asText());
        assertEquals("var-a", c.path("utm_content").asText());
        assertEquals("tia_seeker", c.path("utm_term").asText());
        assertEquals("facebook", c.path("platform").asText());
        assertEquals(link, c.path("url").asText());
        assertTrue(c.path("occurred_at").asText().startsWith("20"));
        assertTrue(List.of("signup", "trial", "purchase").contains(c.path("type").asText()));
        assertTrue(conversionAttempts.get() > conversions.size(), "the failed first attempt was retried");
    }

    @Test
    void aDeadReceiverIsRetriedThenDroppedWithoutBreakingTheSandbox() {
        given().contentType(ContentType.JSON).body(Map.of("webhook_url", "http://127.0.0.1:1/nowhere")).put("/_sandbox/config").then().statusCode(200);
        long droppedBefore = given().get("/_sandbox/state").then().extract().jsonPath().getLong("deliveries.dropped");
        Sbx.TestUser u = Sbx.user();
        graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "Nobody listens. Still fine").then().statusCode(200);
        Sbx.advance(Duration.ofHours(12));
        Sbx.await(Duration.ofSeconds(15), () -> given().get("/_sandbox/state").then().extract().jsonPath().getLong("deliveries.dropped") > droppedBefore,
                "the undeliverable webhook to be dropped after its retries");
        Sbx.graphGet("/me", u.token()).then().statusCode(200);
    }
}
