package io.campaignengine.gateway;

import io.campaignengine.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static io.campaignengine.testkit.TestTokens.ALICE;
import static io.campaignengine.testkit.TestTokens.BOB;
import static io.campaignengine.testkit.TestTokens.CAROL;
import static io.campaignengine.testkit.TestTokens.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/** through the gateway: authentication, routing to the real playbook-service, headers, bodies, streams, errors. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class GatewayRoutingTest {

    @Test
    void withoutCredentialsEveryApiRouteIsA401ProblemNotALoginRedirect() {
        for (String path : List.of("/api/campaigns", "/api/businesses/melissa", "/api/me", "/api/echo/headers", "/api/nope")) {
            RestAssured.given().redirects().follow(false).get(path).then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401))
                    .body("instance", equalTo(path))
                    .body("correlationId", not(equalTo(null)));
        }
        RestAssured.given().header("Authorization", "Basic YWxpY2U6YWxpY2U=").get("/api/campaigns").then().statusCode(401)
                .contentType("application/problem+json");
        RestAssured.given().auth().oauth2("not-a-token").get("/api/campaigns").then().statusCode(401);
    }

    @Test
    void aPublicRouteNeedsNoLoginAndGetsNoToken() {
        RestAssured.given().redirects().follow(false).get("/api/echo/public?state=s&code=c").then().statusCode(200)
                .body("uri", equalTo("/api/echo/public?state=s&code=c"))
                .body("headers.authorization", equalTo(null));
        // exact paths only: below it, a login is needed again
        RestAssured.given().redirects().follow(false).get("/api/echo/public/more").then().statusCode(401);
        // with a token, the token goes on as everywhere
        as(BOB).get("/api/echo/public").then().statusCode(200).body("headers.authorization", startsWith("Bearer "));
    }

    @Test
    void meShowsTheCallerFromTheToken() {
        as(BOB).get("/api/me").then().statusCode(200)
                .body("userName", equalTo("bob"))
                .body("roles", equalTo(List.of("marketer")))
                .body("businesses", equalTo(List.of("melissa")))
                .body("authenticatedBy", equalTo("bearer"));
        as(ALICE).get("/api/me").then().statusCode(200)
                .body("roles", equalTo(List.of("admin")))
                .body("businesses", equalTo(List.of("melissa", "vaquero")));
    }

    /**
     * The done-when scenario of the issue, through the gateway: bob creates a playbook and a campaign in melissa; approve
     * is refused for bob and accepted for alice; launch is refused while tasks are open, listing them; carol cannot see
     * melissa at all.
     */
    @Test
    void theLifecycleThroughTheGateway() {
        String melissa = businessId("melissa");
        String playbook = as(BOB).body(playbook(melissa)).post("/api/playbooks").then().statusCode(201)
                .extract().path("id");
        as(BOB).post("/api/playbooks/" + playbook + "/activate").then().statusCode(200).body("status", equalTo("active"));
        String campaign = as(BOB).body(Map.of("playbookId", playbook, "name", "Gateway scenario " + UUID.randomUUID(),
                        "targetAudience", "tia_seeker", "budgetDaily", 20, "budgetTotal", 600))
                .post("/api/campaigns").then().statusCode(201).body("status", equalTo("draft")).extract().path("id");
        as(BOB).post("/api/campaigns/" + campaign + "/submit").then().statusCode(200).body("status", equalTo("review"));

        as(BOB).post("/api/campaigns/" + campaign + "/approve").then().statusCode(403).contentType("application/problem+json");
        as(ALICE).post("/api/campaigns/" + campaign + "/approve").then().statusCode(200)
                .body("status", equalTo("setup")).body("approvedBy", equalTo("alice"));

        as(ALICE).post("/api/campaigns/" + campaign + "/launch").then().statusCode(409)
                .contentType("application/problem+json")
                .body("currentStatus", equalTo("setup"))
                .body("openTasks.type", hasItem("generate_content"))
                .body("openTasks.type", hasItem("review_budget"));

        as(CAROL).get("/api/businesses/melissa").then().statusCode(404).contentType("application/problem+json");
        as(CAROL).get("/api/campaigns/" + campaign).then().statusCode(404);
        as(CAROL).get("/api/businesses").then().statusCode(200).body("items.slug", not(hasItem("melissa")));
    }

    @Test
    void upstreamErrorsPassThroughUnchanged() {
        as(BOB).body(Map.of("businessId", businessId("melissa"), "name", "")).post("/api/playbooks").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
        as(BOB).get("/api/campaigns/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as(BOB).contentType(ContentType.JSON).body("{not json").post("/api/campaigns").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theCorrelationIdGoesThroughAndComesBack() {
        String id = "gw-test-" + UUID.randomUUID();
        as(BOB).header("X-Correlation-Id", id).get("/api/echo/headers").then().statusCode(200)
                .header("X-Correlation-Id", id)
                .body("headers.x-correlation-id", equalTo(id));
        String generated = as(BOB).get("/api/echo/headers").then().statusCode(200).extract().header("X-Correlation-Id");
        assertTrue(generated.matches("[0-9a-f-]{36}"), generated);
        as(BOB).header("X-Correlation-Id", "bad id with spaces").get("/api/echo/headers").then()
                .header("X-Correlation-Id", not(equalTo("bad id with spaces")));
    }

    @Test
    void theTokenGoesOnCookiesAndHopByHopHeadersDoNot() {
        Response r = as(BOB).cookie("q_session_other", "x").cookie("tracking", "abc").header("X-Custom", "kept")
                .header("Connection", "keep-alive, X-Custom-Hop").queryParam("a", "1 2").get("/api/echo/headers");
        r.then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + TestTokens.token(BOB)))
                .body("headers.x-custom", equalTo("kept"))
                .body("headers.cookie", equalTo(null))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("uri", equalTo("/api/echo/headers?a=1%202"))
                .header("X-Upstream", "echo")
                .header("Set-Cookie", equalTo(null));
    }

    @Test
    void requestBodiesAreStreamedWhole() throws Exception {
        byte[] body = new byte[6 * 1024 * 1024 + 17];
        new Random(42).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        // fixed length
        as(BOB).contentType("application/octet-stream").body(body).post("/api/echo/body").then().statusCode(200)
                .body("bytes", equalTo(body.length)).body("sha256", equalTo(sha));
        // chunked (no Content-Length): the JDK client streams a publisher of unknown length
        HttpClient client = HttpClient.newHttpClient();
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < body.length; i += 100_000) {
            chunks.add(java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + 100_000)));
        }
        Iterator<byte[]> it = chunks.iterator();
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + "/api/echo/body"))
                .header("Authorization", "Bearer " + TestTokens.token(BOB))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(() -> it)).build();
        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode(), resp.body());
        assertTrue(resp.body().contains("\"bytes\":" + body.length) && resp.body().contains(sha), resp.body());
    }

    @Test
    void serverSentEventsPassThroughUnbuffered() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + "/api/echo/sse"))
                .header("Authorization", "Bearer " + TestTokens.token(BOB)).header("Accept", "text/event-stream").build();
        long start = System.nanoTime();
        HttpResponse<Stream<String>> resp = client.send(req, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Long> arrivals = new ArrayList<>();
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = resp.body()) {
            lines.forEach(line -> {
                if (line.startsWith("data:")) {
                    arrivals.add((System.nanoTime() - start) / 1_000_000);
                    data.add(line);
                }
            });
        }
        assertEquals(List.of("data: {\"generated\":1}", "data: {\"generated\":2}", "data: {\"generated\":3}"), data);
        // the first event arrives before the upstream has written the second one: nothing waits for the stream to end
        assertTrue(arrivals.get(0) < Upstreams.SSE_PAUSE_MS, "first event after " + arrivals);
        assertTrue(arrivals.get(1) - arrivals.get(0) >= Upstreams.SSE_PAUSE_MS - 300, "events spaced like the upstream wrote them " + arrivals);
    }

    /** A 304 (the campaign list revalidated by its ETag) comes through as it is: no body, no chunked framing after it. */
    @Test
    void aNotModifiedAnswerPassesThroughWithoutABody() throws Exception {
        String melissa = businessId("melissa");
        String etag = as(BOB).queryParam("businessId", melissa).get("/api/campaigns").then().statusCode(200).extract().header("ETag");
        assertTrue(etag != null && etag.startsWith("\""), "the list's version as ETag: " + etag);
        URI uri = URI.create(base());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET /api/campaigns?businessId=" + melissa + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nAuthorization: Bearer " + TestTokens.token(BOB) + "\r\nIf-None-Match: " + etag
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 304"), answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("\r\netag: " + etag.toLowerCase(Locale.ROOT) + "\r\n"), answer);
            assertFalse(answer.toLowerCase(Locale.ROOT).contains("transfer-encoding"), answer);
            assertTrue(answer.endsWith("\r\n\r\n"), "nothing after the headers: " + answer);
        }
    }

    @Test
    void anUnreachableUpstreamIsA502AndASlowOneA504() {
        as(BOB).get("/api/nowhere/anything").then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:campaign-engine:problem:upstream-unavailable"))
                .body("detail", containsString("nowhere"));
        as(BOB).get("/api/echo/slow").then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("urn:campaign-engine:problem:upstream-timeout"));
    }

    @Test
    void anUnroutedApiPathIsA404Problem() {
        as(BOB).get("/api/no-such-route").then().statusCode(404).contentType("application/problem+json");
        // a prefix matches whole segments only
        as(BOB).get("/api/campaignsX").then().statusCode(404).contentType("application/problem+json");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    /** The demo business's id (created by alice when the reused test database does not have it yet). */
    static String businessId(String slug) {
        Response r = as(ALICE).get("/api/businesses/" + slug);
        if (r.statusCode() == 200) {
            return r.path("id");
        }
        return as(ALICE).body(Map.of("name", slug + " (gateway test)", "slug", slug, "currency", "USD"))
                .post("/api/businesses").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> playbook(String businessId) {
        return Map.of(
                "businessId", businessId,
                "name", "Gateway playbook " + UUID.randomUUID(),
                "positioning", "For Texas teachers who want their students' growth to count.",
                "audiences", List.of(Map.of("id", "tia_seeker", "name", "TIA seekers")),
                "keyMessages", Map.of("tia_seeker", List.of("Your portfolio in ten minutes a week.")),
                "hooks", List.of(Map.of("text", "What if $99 unlocked your designation?", "segmentIds", List.of("tia_seeker"))));
    }
}
