package io.campaignengine.metasandbox.service;

import io.campaignengine.metasandbox.config.SandboxConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbound HTTP of the sandbox: signed webhooks (as Meta signs them) and conversions. Asynchronous, retried with
 * exponential backoff, failures logged and counted, never thrown at the simulation.
 */
@Singleton
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final SandboxConfig config;
    private final HttpClient http;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-delivery-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile String webhookUrl;
    private volatile String conversionUrl;
    private final String appSecret;

    public final AtomicLong delivered = new AtomicLong();
    public final AtomicLong failedAttempts = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong pending = new AtomicLong();

    public Deliveries(SandboxConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.delivery().timeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.webhookUrl = config.delivery().webhookUrl().orElse(null);
        this.conversionUrl = config.delivery().conversionUrl().orElse(null);
        this.appSecret = config.app().secret();
    }

    public void configure(Optional<String> webhook, Optional<String> conversion) {
        webhook.ifPresent(u -> webhookUrl = u.isBlank() ? null : u);
        conversion.ifPresent(u -> conversionUrl = u.isBlank() ? null : u);
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public String conversionUrl() {
        return conversionUrl;
    }

    /** X-Hub-Signature-256 value: {@code sha256=} + hex HMAC-SHA256 of the raw body with the app secret. */
    public static String sign(String algorithm, String secret, byte[] body) {
        try {
            String jca = algorithm.equals("sha1") ? "HmacSHA1" : "HmacSHA256";
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jca));
            return algorithm + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void webhook(String json) {
        String url = webhookUrl;
        if (url == null) return;
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        // Meta signs the exact bytes it sends, with both the legacy SHA-1 and the SHA-256 header
        send(url, body, Map.of(
                "X-Hub-Signature-256", sign("sha256", appSecret, body),
                "X-Hub-Signature", sign("sha1", appSecret, body),
                "User-Agent", "facebookexternalua"), 1);
    }

    public void conversion(String json) {
        String url = conversionUrl;
        if (url == null) return;
        send(url, json.getBytes(StandardCharsets.UTF_8), Map.of("User-Agent", "meta-sandbox/conversions"), 1);
    }

    private void send(String url, byte[] body, Map<String, String> headers, int attempt) {
        if (attempt == 1) pending.incrementAndGet();
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(config.delivery().timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } catch (IllegalArgumentException e) {
            LOG.warnf("delivery dropped: invalid URL %s", url);
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        headers.forEach(b::header);
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
            if (err == null && resp.statusCode() / 100 == 2) {
                pending.decrementAndGet();
                delivered.incrementAndGet();
                return;
            }
            failedAttempts.incrementAndGet();
            String why = err != null ? err.getClass().getSimpleName() + ": " + err.getMessage() : "HTTP " + resp.statusCode();
            if (attempt >= config.delivery().maxAttempts()) {
                pending.decrementAndGet();
                dropped.incrementAndGet();
                LOG.warnf("delivery to %s dropped after %d attempts (%s)", url, attempt, why);
                return;
            }
            long delay = config.delivery().retryBackoff().toMillis() << (attempt - 1);
            LOG.debugf("delivery to %s failed (attempt %d: %s), retrying in %d ms", url, attempt, why, delay);
            try {
                retries.schedule(() -> send(url, body, headers, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                pending.decrementAndGet();
                dropped.incrementAndGet();
            }
        });
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }

}
