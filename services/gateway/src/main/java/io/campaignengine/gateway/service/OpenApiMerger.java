package io.campaignengine.gateway.service;

import io.campaignengine.gateway.client.UpstreamClients;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document of the whole platform: each routed service's {@code /q/openapi}, reduced to the paths the
 * gateway routes to it, merged into one document with the gateway as the only server. A service that is down is left
 * out (and named in {@code x-unavailable-services}); the result is cached briefly.
 */
@ApplicationScoped
public class OpenApiMerger {
    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);
    static final Duration CACHE = Duration.ofSeconds(30);

    private final RouteTable table;
    private final UpstreamClients clients;
    private volatile JsonObject cached;
    private volatile long cachedAt;

    public OpenApiMerger(RouteTable table, UpstreamClients clients) {
        this.table = table;
        this.clients = clients;
    }

    public Uni<JsonObject> merged() {
        JsonObject c = cached;
        if (c != null && System.nanoTime() - cachedAt < CACHE.toNanos()) {
            return Uni.createFrom().item(c);
        }
        List<Uni<Map.Entry<RouteTable.Upstream, JsonObject>>> fetches = new ArrayList<>();
        for (RouteTable.Upstream u : table.upstreams()) {
            fetches.add(fetch(u).map(doc -> Map.entry(u, doc))
                    .onFailure().recoverWithItem(e -> {
                        LOG.debugf("no OpenAPI from %s: %s", u.name(), e.toString());
                        return Map.entry(u, new JsonObject());
                    }));
        }
        if (fetches.isEmpty()) {
            return Uni.createFrom().item(merge(List.of()));
        }
        return Uni.join().all(fetches).andFailFast().map(docs -> {
            JsonObject m = merge(docs);
            if (m.getJsonArray("x-unavailable-services").isEmpty()) {
                cached = m;
                cachedAt = System.nanoTime();
            }
            return m;
        });
    }

    Uni<JsonObject> fetch(RouteTable.Upstream u) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/q/openapi?format=json")
                .setIdleTimeout(5000).putHeader("Accept", "application/json");
        Future<JsonObject> f = clients.of(u).request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.statusCode() == 200 ? resp.body()
                        : Future.failedFuture("HTTP " + resp.statusCode()))
                .map(buffer -> buffer.toJsonObject());
        return Uni.createFrom().completionStage(f.toCompletionStage());
    }

    /** Pure merge of (upstream, its document) pairs; an empty document = the upstream was unavailable. */
    JsonObject merge(List<Map.Entry<RouteTable.Upstream, JsonObject>> docs) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonArray tags = new JsonArray();
        JsonArray unavailable = new JsonArray();
        for (var e : docs) {
            RouteTable.Upstream u = e.getKey();
            JsonObject doc = e.getValue();
            if (doc.isEmpty()) {
                unavailable.add(u.name());
                continue;
            }
            JsonObject p = doc.getJsonObject("paths", new JsonObject());
            for (String path : p.fieldNames()) {
                if (table.resolve(path).map(r -> r.name().equals(u.name())).orElse(false)) {
                    paths.put(path, p.getValue(path));
                }
            }
            JsonObject s = doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
            for (String name : s.fieldNames()) {
                Object previous = schemas.getValue(name);
                if (previous != null && !previous.equals(s.getValue(name))) {
                    LOG.warnf("OpenAPI schema %s differs between services; keeping the first (%s is shadowed)", name, u.name());
                    continue;
                }
                schemas.put(name, s.getValue(name));
            }
            JsonArray t = doc.getJsonArray("tags", new JsonArray());
            t.forEach(tag -> {
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            });
        }
        JsonObject bearer = new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "an access token of the realm campaign-engine (browsers: the gateway's session instead)");
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "Campaign Engine API").put("version", "0.1.0")
                        .put("description", "Every route of the platform, through the gateway. Errors are application/problem+json."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("security", new JsonArray().add(new JsonObject().put("bearer", new JsonArray())))
                .put("tags", tags)
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas)
                        .put("securitySchemes", new JsonObject().put("bearer", bearer)))
                .put("x-unavailable-services", unavailable);
    }
}
