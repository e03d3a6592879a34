package io.campaignengine.gateway.client;

import io.campaignengine.gateway.config.GatewayConfig;
import io.campaignengine.gateway.service.RouteTable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pooled keep-alive HTTP/1.1 clients per upstream, on the gateway's own Vert.x event loops (no blocking anywhere on the
 * request path).
 * <p>
 * A request handled on an event loop gets that loop's own client: its connections were all opened from that loop, so
 * the upstream exchange runs on the thread that serves the caller. One client shared by every loop hands out whichever
 * connection is free, and then each request crosses to another loop and back four times (stream creation, head written,
 * answer, end) — a task queue and a wake-up of the other thread each (a quarter of the gateway's profile ran in those
 * tasks; bench/RESULTS.md). Callers off the event loops (health checks, the OpenAPI merge) share one more client.
 */
@Singleton // injected as it is (no client proxy in front of a lookup made for every request)
public class UpstreamClients {
    private final Vertx vertx;
    private final GatewayConfig config;
    private final Map<String, HttpClient> shared = new HashMap<>();
    private final Map<Thread, Map<String, HttpClient>> byEventLoop = new ConcurrentHashMap<>();
    private final boolean perEventLoop;

    public UpstreamClients(Vertx vertx, RouteTable table, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.perEventLoop = config.clientPerEventLoop();
        for (RouteTable.Upstream u : table.upstreams()) {
            shared.put(u.name(), create(u));
        }
    }

    public HttpClient of(RouteTable.Upstream upstream) {
        if (!perEventLoop || !Context.isOnEventLoopThread()) {
            return shared.get(upstream.name());
        }
        return byEventLoop.computeIfAbsent(Thread.currentThread(), t -> new ConcurrentHashMap<>())
                .computeIfAbsent(upstream.name(), name -> create(upstream));
    }

    private HttpClient create(RouteTable.Upstream u) {
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(u.host())
                .setDefaultPort(u.port())
                .setSsl(u.tls())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                // responses are passed on as they come; never decompress or re-encode them
                .setDecompressionSupported(false)
                .setName("gateway-" + u.name());
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerUpstream()).setMaxWaitQueueSize(10_000);
        return vertx.createHttpClient(options, pool);
    }

    @PreDestroy
    void close() {
        shared.values().forEach(HttpClient::close);
        byEventLoop.values().forEach(m -> m.values().forEach(HttpClient::close));
    }
}
