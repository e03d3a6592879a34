package io.campaignengine.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway under test routes to:
 * <ul>
 * <li>the REAL playbook-service, started from its built jar (services/playbook-service/target/quarkus-app) in its
 * test profile against the test stack, on a free port;</li>
 * <li>an "echo" upstream (a JDK HTTP server in this JVM) that shows what the gateway forwards (headers, body digest)
 * and writes a Server-Sent-Events stream with pauses, to prove the gateway does not buffer;</li>
 * <li>a route to a port nobody listens on (502) .</li>
 * </ul>
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {
    static final Path PLAYBOOK_JAR = Path.of("../playbook-service/target/quarkus-app/quarkus-run.jar");
    static final long SSE_PAUSE_MS = 1500;

    private Process playbook;
    private HttpServer echo;
    private ServerSocket oneShot;
    /** Connections the "oneshot" upstream accepted. */
    static final AtomicInteger ONE_SHOT_CONNECTIONS = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        try {
            startEcho();
            startOneShot();
            int playbookPort = freePort();
            startPlaybook(playbookPort);
            return Map.of(
                    "campaign-engine.gateway.upstreams.playbook-service.url", "http://127.0.0.1:" + playbookPort,
                    "campaign-engine.gateway.upstreams.echo.url", "http://127.0.0.1:" + echo.getAddress().getPort(),
                    "campaign-engine.gateway.upstreams.echo.routes", "/api/echo",
                    "campaign-engine.gateway.upstreams.nowhere.url", "http://127.0.0.1:" + freePort(),
                    "campaign-engine.gateway.upstreams.nowhere.routes", "/api/nowhere",
                    "campaign-engine.gateway.upstreams.oneshot.url", "http://127.0.0.1:" + oneShot.getLocalPort(),
                    "campaign-engine.gateway.upstreams.oneshot.routes", "/api/oneshot",
                    "campaign-engine.gateway.response-timeout", "5s");
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot start the gateway's upstreams: " + e.getMessage(), e);
        }
    }

    void startPlaybook(int port) throws Exception {
        if (!Files.isRegularFile(PLAYBOOK_JAR)) {
            throw new IllegalStateException(PLAYBOOK_JAR.toAbsolutePath().normalize()
                    + " is missing: build services/playbook-service first (the root pom lists it before the gateway)");
        }
        Path log = Path.of("target/playbook-service.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.profile=test", "-Dquarkus.http.port=" + port,
                "-jar", PLAYBOOK_JAR.toString()));
        playbook = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!playbook.isAlive()) {
                throw new IllegalStateException("playbook-service exited with " + playbook.exitValue() + "; see " + log.toAbsolutePath());
            }
            if (status("http://127.0.0.1:" + port + "/q/health/ready") == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("playbook-service not ready after 90 s; see " + log.toAbsolutePath());
    }

    void startEcho() throws IOException {
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.setExecutor(Executors.newCachedThreadPool());
        com.sun.net.httpserver.HttpHandler echoHeaders = ex -> {
            ex.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach(headers::put);
            StringBuilder json = new StringBuilder("{\"method\":\"" + ex.getRequestMethod() + "\",\"uri\":\""
                    + ex.getRequestURI() + "\",\"headers\":{");
            String sep = "";
            for (var h : headers.entrySet()) {
                json.append(sep).append('"').append(h.getKey().toLowerCase()).append("\":\"")
                        .append(String.join(",", h.getValue()).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                sep = ",";
            }
            json.append("}}");
            ex.getResponseHeaders().add("Set-Cookie", "upstream=must-not-reach-the-browser");
            ex.getResponseHeaders().add("X-Upstream", "echo");
            send(ex, 200, "application/json", json.toString());
        };
        echo.createContext("/api/echo/headers", echoHeaders);
        echo.createContext("/api/echo/public", echoHeaders);
        echo.createContext("/api/echo/body", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[65536];
                long n = 0;
                for (int r; (r = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, r);
                    n += r;
                }
                send(ex, 200, "application/json", "{\"bytes\":" + n + ",\"sha256\":\"" + HexFormat.of().formatHex(sha.digest()) + "\"}");
            } catch (Exception e) {
                send(ex, 500, "text/plain", e.toString());
            }
        });
        echo.createContext("/api/echo/sse", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 1; i <= 3; i++) {
                    out.write(("id: " + i + "\nevent: progress\ndata: {\"generated\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (i < 3) {
                        Thread.sleep(SSE_PAUSE_MS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        echo.createContext("/api/echo/slow", ex -> {
            try {
                Thread.sleep(7000);
                send(ex, 200, "text/plain", "late");
            } catch (InterruptedException | IOException e) {
                ex.close();
            }
        });
        echo.start();
    }

    /**
     * An upstream that answers the first request of each connection (keep-alive, nothing said about closing) and closes
     * the connection when the second one arrives, unanswered — a server whose idle timeout closed a kept connection just
     * as a request crossed it.
     */
    void startOneShot() throws IOException {
        oneShot = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!oneShot.isClosed()) {
                try {
                    Socket s = oneShot.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            InputStream in = s.getInputStream();
                            OutputStream out = s.getOutputStream();
                            if (!readHead(in).startsWith("GET /api/oneshot")) { // the OpenAPI merge, health checks: not counted
                                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                                return;
                            }
                            int n = ONE_SHOT_CONNECTIONS.incrementAndGet();
                            byte[] body = ("{\"connection\":" + n + "}").getBytes(StandardCharsets.UTF_8);
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.write(body);
                            out.flush();
                            readHead(in); // the next request: dropped with the connection
                        } catch (IOException ignored) {
                            // the gateway went away first
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        }, "oneshot-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A request head, read up to its empty line (no body: GETs only). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int c; !head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0; ) {
            head.append((char) c);
        }
        return head.toString();
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            int s = c.getResponseCode();
            c.disconnect();
            return s;
        } catch (IOException e) {
            return -1;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (oneShot != null) {
            try {
                oneShot.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }
        if (echo != null) {
            echo.stop(0);
        }
        if (playbook != null) {
            playbook.destroy();
            try {
                if (!playbook.waitFor(20, TimeUnit.SECONDS)) {
                    playbook.destroyForcibly();
                }
            } catch (InterruptedException e) {
                playbook.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
