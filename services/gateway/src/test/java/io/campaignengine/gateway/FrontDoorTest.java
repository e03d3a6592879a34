package io.campaignengine.gateway;

import io.campaignengine.gateway.api.ApiProxy;
import io.campaignengine.gateway.frontdoor.FrontDoor;
import io.campaignengine.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.netty.channel.MultithreadEventLoopGroup;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.campaignengine.testkit.TestTokens.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front door on the gateway's port, at the level of the bytes a client sends: requests it forwards itself and
 * requests it relays to Quarkus, on one connection, in order; the connection rules of HTTP/1.0 and 1.1; what it cannot
 * parse. (The rest of the gateway's tests go through it too: every request of the module's tests does.)
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class FrontDoorTest {

    @Inject
    FrontDoor frontDoor;

    @Inject
    ApiProxy proxy;

    @Inject
    Vertx vertx;

    @Test
    void aRememberedTokenIsForwardedWithoutQuarkusAndAnUnknownOneIsRelayedToIt() {
        assertTrue(frontDoor.enabled(), "the front door serves the gateway's port (epoll available, not switched off)");
        String token = TestTokens.fresh(BOB);
        long forwarded = frontDoor.forwarded();
        long relayed = frontDoor.relayed();
        long quarkusForwards = proxy.rememberedForwards();
        RestAssured.given().auth().oauth2(token).get("/api/echo/headers").then().statusCode(200);
        assertEquals(forwarded, frontDoor.forwarded(), "a token never seen goes to Quarkus, which verifies it");
        assertEquals(relayed + 1, frontDoor.relayed());
        RestAssured.given().auth().oauth2(token).get("/api/echo/headers").then().statusCode(200);
        assertEquals(forwarded + 1, frontDoor.forwarded(), "then the front door forwards it");
        assertEquals(quarkusForwards, proxy.rememberedForwards(), "and Quarkus does not see it");
    }

    @Test
    @SuppressWarnings("deprecation") // Vertx.nettyEventLoopGroup(), as the front door uses it
    void aConfiguredNumberOfEventLoopsIsKept() {
        // %test.quarkus.vertx.event-loops-pool-size=2, not the default of one per two cores (FrontDoorListenerTest)
        assertEquals(2, ((MultithreadEventLoopGroup) vertx.nettyEventLoopGroup()).executorCount());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWhicheverWayEachGoes() throws Exception {
        String token = TestTokens.token(BOB);
        RestAssured.given().auth().oauth2(token).get("/api/echo/headers").then().statusCode(200); // remembered from here on
        try (Socket s = socket()) {
            String forwarded = "GET /api/echo/headers?n=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
            String relayed = "GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            String forwardedAgain = forwarded.replace("n=1", "n=3");
            s.getOutputStream().write((forwarded + relayed + forwardedAgain).getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            Response first = Response.read(in);
            Response second = Response.read(in);
            Response third = Response.read(in);
            assertEquals(200, first.status);
            assertTrue(first.body.contains("\"uri\":\"/api/echo/headers?n=1\""), first.body);
            assertEquals("echo", first.headers.get("x-upstream"));
            assertEquals(200, second.status);
            assertTrue(second.body.contains("\"UP\""), second.body);
            assertTrue(third.body.contains("\"uri\":\"/api/echo/headers?n=3\""), third.body);
        }
    }

    @Test
    void aKeptConnectionTheUpstreamClosedUnderARequestIsRetriedOnceOnAnother() throws Exception {
        String token = TestTokens.token(BOB);
        RestAssured.given().auth().oauth2(token).get("/api/echo/headers").then().statusCode(200);
        try (Socket s = socket()) { // one client connection: one event loop, one pool
            String get = "GET /api/oneshot HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
            s.getOutputStream().write(get.getBytes(StandardCharsets.US_ASCII));
            Response first = Response.read(s.getInputStream());
            int afterFirst = Upstreams.ONE_SHOT_CONNECTIONS.get();
            s.getOutputStream().write(get.getBytes(StandardCharsets.US_ASCII));
            Response second = Response.read(s.getInputStream());
            assertEquals(200, first.status, first.body);
            assertEquals(200, second.status, "sent again on a new connection, not a 502: " + second.body);
            assertEquals("{\"connection\":" + (afterFirst + 1) + "}", second.body, "answered on the connection opened for the retry");
        }
    }

    @Test
    void connectionCloseAndHttp10EndTheConnectionAfterTheAnswer() throws Exception {
        String token = TestTokens.token(BOB);
        RestAssured.given().auth().oauth2(token).get("/api/echo/headers").then().statusCode(200);
        try (Socket s = socket()) {
            s.getOutputStream().write(("GET /api/echo/headers HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                    + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Response r = Response.read(s.getInputStream());
            assertEquals(200, r.status);
            assertEquals("close", r.headers.get("connection"));
            assertEquals(-1, s.getInputStream().read(), "closed after the answer");
        }
        try (Socket s = socket()) {
            s.getOutputStream().write("GET /q/health/live HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Response r = Response.read(s.getInputStream());
            assertEquals(200, r.status);
            assertTrue(r.body.contains("\"UP\""), r.body);
            assertEquals(-1, s.getInputStream().read(), "HTTP/1.0: one request per connection");
        }
    }

    @Test
    void whatCannotBeParsedIsA400ProblemAndTheConnectionCloses() throws Exception {
        try (Socket s = socket()) {
            s.getOutputStream().write("GET /api/echo/headers HTTP/1.1\r\nHost: 127.0.0.1\r\nBroken header line\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            Response r = Response.read(s.getInputStream());
            assertEquals(400, r.status);
            assertEquals("application/problem+json", r.headers.get("content-type"));
            assertTrue(r.body.contains("\"status\":400"), r.body);
            assertEquals(-1, s.getInputStream().read());
        }
    }

    private static Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", RestAssured.port);
        s.setSoTimeout(10_000);
        return s;
    }

    /** One HTTP/1.1 answer read off the wire: Content-Length, chunked, or until the connection closes. */
    record Response(int status, Map<String, String> headers, String body) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (String h; !(h = line(in)).isEmpty(); ) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in); // the empty trailer
            } else {
                body.write(in.readAllBytes());
            }
            return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("connection closed mid-line: " + b);
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.US_ASCII);
        }
    }
}
