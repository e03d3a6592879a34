package io.campaignengine.publishing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The REAL meta-sandbox (services/meta-sandbox, built before this module), started from its jar on a free port for the
 * test JVM: publishing-service talks to it over HTTP exactly as it would to graph.facebook.com. Its clock follows wall
 * time (not frozen) and an Instagram container takes 1 s to process. Also a small client of its control API.
 */
public class MetaSandbox implements QuarkusTestResourceLifecycleManager {
    static final Path JAR = Path.of("../meta-sandbox/target/quarkus-app/quarkus-run.jar");
    static volatile String url;
    private Process process;

    @Override
    public Map<String, String> start() {
        try {
            if (!Files.isRegularFile(JAR)) {
                throw new IllegalStateException(JAR.toAbsolutePath().normalize() + " is missing: build services/meta-sandbox first");
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            url = "http://127.0.0.1:" + port;
            Path log = Path.of("target/meta-sandbox.log");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-Dsandbox.clock.frozen=false", "-Dsandbox.instagram.processing=1s",
                    "-Dsandbox.instagram.quota=3", // Instagram's 50 per 24 h, smaller: InstagramQuota fills it "-Dsandbox.public-url=" + url,
                    "-jar", JAR.toString()));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new IllegalStateException("meta-sandbox exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
                if (status(url + "/_sandbox/clock") == 200) {
                    return Map.of("campaign-engine.publishing.meta.graph-url", url,
                            "campaign-engine.publishing.meta.dialog-url", url,
                            "campaign-engine.publishing.meta.redirect-uri", "http://127.0.0.1:28080/api/meta/oauth/callback");
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("meta-sandbox not ready after 60 s; see " + log.toAbsolutePath());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int status(String u) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(u).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int s = c.getResponseCode();
            c.disconnect();
            return s;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ client

    static RequestSpecification sbx() {
        return RestAssured.given().baseUri(url).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A fresh sandbox user with one Page (and its Instagram account) and an ad account. */
    static Response newUser(String name) {
        return sbx().body(Map.of("name", name, "pages", 1)).post("/_sandbox/users").then().statusCode(200).extract().response();
    }

    /** The next {@code times} calls whose path contains {@code path} fail with this Graph error code. */
    static void forceError(String method, String path, int code, int times) {
        sbx().body(Map.of("method", method, "path", path, "code", code, "times", times)).post("/_sandbox/errors").then().statusCode(200);
    }

    static void clearErrors() {
        sbx().delete("/_sandbox/errors").then().statusCode(200);
    }

    /** A Graph API GET with a token (what Meta's own UI would show). */
    static Response graphGet(String path, String token, Map<String, String> query) {
        return RestAssured.given().baseUri(url).header("Authorization", "Bearer " + token).queryParams(query).get("/v21.0/" + path);
    }

    static String sampleImage() {
        return url + "/_sandbox/images/sample.jpg";
    }
}
