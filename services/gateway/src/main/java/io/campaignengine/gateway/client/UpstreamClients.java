package io.campaignengine.gateway.client;

import io.campaignengine.gateway.config.GatewayConfig;
import io.campaignengine.gateway.service.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * One pooled keep-alive HTTP/1.1 client per upstream, on the gateway's own Vert.x event loops (no blocking anywhere
 * on the request path).
 */
@ApplicationScoped
public class UpstreamClients {
    private final Map<String, HttpClient> clients = new HashMap<>();

    public UpstreamClients(Vertx vertx, RouteTable table, GatewayConfig config) {
        for (RouteTable.Upstream u : table.upstreams()) {
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
            clients.put(u.name(), vertx.createHttpClient(options, pool));
        }
    }

    public HttpClient of(RouteTable.Upstream upstream) {
        return clients.get(upstream.name());
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }
}
