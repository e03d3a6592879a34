package io.campaignengine.publishing.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.publishing.config.PublishingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The Graph API over HTTP, exactly as graph.facebook.com speaks it: {@code <graph-url>/<version>/<path>}, GET with query
 * parameters, POST form-encoded, the access token in an {@code Authorization: Bearer} header (so it never appears in
 * a URL, a log line or an access log). Only the base URLs differ between Meta and the sandbox.
 * Every response's usage headers are reported to the listener (the scheduler slows down on them).
 */
@ApplicationScoped
public class GraphClient {
    private final WebClient web;
    private final ObjectMapper mapper;
    private final PublishingConfig.Meta meta;
    private volatile BiConsumer<String, Usage> usageListener = (k, u) -> {
    };

    public GraphClient(Vertx vertx, ObjectMapper mapper, PublishingConfig config) {
        this.mapper = mapper;
        this.meta = config.meta();
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, meta.timeout().toMillis()))
                .setIdleTimeout(60).setKeepAlive(true).setMaxPoolSize(16).setFollowRedirects(false)
                .setUserAgent("campaign-engine-publishing/1"));
    }

    @PreDestroy
    void close() {
        web.close();
    }

    public void onUsage(BiConsumer<String, Usage> listener) {
        this.usageListener = listener;
    }

    /** The OAuth dialog (www.facebook.com/<version>/dialog/oauth on Meta). */
    public String dialogUrl(String state) {
        return trim(meta.dialogUrl()) + "/" + meta.apiVersion() + "/dialog/oauth?client_id=" + enc(meta.appId())
                + "&redirect_uri=" + enc(meta.redirectUri()) + "&state=" + enc(state)
                + "&response_type=code&scope=" + enc(String.join(",", meta.scopes()));
    }

    public Uni<JsonNode> get(String usageKey, String path, Map<String, String> query, String token) {
        HttpRequest<Buffer> req = web.requestAbs(HttpMethod.GET, url(path)).timeout(meta.timeout().toMillis());
        query.forEach(req::addQueryParam);
        if (token != null) req.putHeader("Authorization", "Bearer " + token);
        return req.send().onFailure().transform(e -> GraphError.transport(e.getClass().getSimpleName() + ": " + e.getMessage()))
                .map(r -> handle(usageKey, r));
    }

    public Uni<JsonNode> post(String usageKey, String path, Map<String, String> form, String token) {
        HttpRequest<Buffer> req = web.requestAbs(HttpMethod.POST, url(path)).timeout(meta.timeout().toMillis());
        if (token != null) req.putHeader("Authorization", "Bearer " + token);
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        return req.sendForm(body).onFailure().transform(e -> GraphError.transport(e.getClass().getSimpleName() + ": " + e.getMessage()))
                .map(r -> handle(usageKey, r));
    }

    public Uni<JsonNode> delete(String usageKey, String path, String token) {
        HttpRequest<Buffer> req = web.requestAbs(HttpMethod.DELETE, url(path)).timeout(meta.timeout().toMillis());
        if (token != null) req.putHeader("Authorization", "Bearer " + token);
        return req.send().onFailure().transform(e -> GraphError.transport(e.getClass().getSimpleName() + ": " + e.getMessage()))
                .map(r -> handle(usageKey, r));
    }

    // ------------------------------------------------------------------ OAuth (app credentials in the query, as Meta documents)

    public Uni<JsonNode> exchangeCode(String code) {
        return get("app", "oauth/access_token", Map.of("client_id", meta.appId(), "client_secret", meta.appSecret(),
                "redirect_uri", meta.redirectUri(), "code", code), null);
    }

    public Uni<JsonNode> longLived(String shortLivedToken) {
        return get("app", "oauth/access_token", Map.of("grant_type", "fb_exchange_token", "client_id", meta.appId(),
                "client_secret", meta.appSecret(), "fb_exchange_token", shortLivedToken), null);
    }

    private JsonNode handle(String usageKey, HttpResponse<Buffer> r) {
        Usage usage = Usage.parse(mapper, r.getHeader("X-App-Usage"), r.getHeader("X-Business-Use-Case-Usage"), r.getHeader("X-Ad-Account-Usage"));
        if (usage != Usage.NONE) usageListener.accept(usageKey, usage);
        JsonNode body;
        try {
            Buffer b = r.body();
            body = b == null || b.length() == 0 ? mapper.createObjectNode() : mapper.readTree(b.getBytes());
        } catch (Exception e) {
            body = null;
        }
        JsonNode err = body == null ? null : body.get("error");
        if (err != null && err.isObject()) {
            throw new GraphError(r.statusCode(), err.path("code").asInt(1), err.hasNonNull("error_subcode") ? err.path("error_subcode").asInt() : null,
                    err.path("type").asText(null), err.path("message").asText("Graph API error"), err.path("error_user_msg").asText(null),
                    err.path("fbtrace_id").asText(null), err.path("is_transient").asBoolean(false), usage.regainMinutes());
        }
        if (r.statusCode() >= 400 || body == null) {
            throw new GraphError(r.statusCode(), r.statusCode() >= 500 ? 2 : 1, null, "Http", "HTTP " + r.statusCode() + " from the Graph API",
                    null, null, r.statusCode() >= 500, usage.regainMinutes());
        }
        return body;
    }

    private String url(String path) {
        return trim(meta.graphUrl()) + "/" + meta.apiVersion() + "/" + (path.startsWith("/") ? path.substring(1) : path);
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static List<JsonNode> data(JsonNode page) {
        List<JsonNode> out = new java.util.ArrayList<>();
        page.path("data").forEach(out::add);
        return out;
    }
}
