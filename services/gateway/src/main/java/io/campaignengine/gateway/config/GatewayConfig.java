package io.campaignengine.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The route table and the proxy's limits ({@code campaign-engine.gateway.*}). */
@ConfigMapping(prefix = "campaign-engine.gateway")
public interface GatewayConfig {

    /** Upstream services by name (e.g. {@code playbook-service}). */
    Map<String, Upstream> upstreams();

    /**
     * Routed paths (exact paths, {@code *} segments allowed) that need no login at the gateway because their protocol
     * protects them (an OAuth callback's state, a webhook's signature); they are forwarded without a token.
     */
    @WithDefault("none")
    List<String> publicRoutes();

    /** Kept connections per upstream, for each event loop's client (see {@link #clientPerEventLoop()}). */
    @WithDefault("128")
    int maxConnectionsPerUpstream();

    /**
     * Each event loop proxies over connections of its own (off: one pool shared by all loops, whose connections hand
     * every request from loop to loop; see {@code UpstreamClients}).
     */
    @WithDefault("true")
    boolean clientPerEventLoop();

    @WithDefault("2s")
    Duration connectTimeout();

    /** How long an upstream may take to start answering (streams, once started, have no limit). */
    @WithDefault("60s")
    Duration responseTimeout();

    /**
     * A bearer token the gateway verified before (and that has not expired) is forwarded at once, before Quarkus'
     * authentication and authorization handlers run for the request (for /api routes their only rule is "authenticated",
     * which such a token already proved). Off: every request takes the full security chain.
     */
    @WithDefault("true")
    boolean rememberedBearerFastPath();

    interface Upstream {
        /** Base URL, e.g. {@code http://127.0.0.1:8101}. */
        String url();

        /** Path prefixes served by this upstream, e.g. {@code /api/campaigns}. */
        List<String> routes();

        @WithDefault("true")
        boolean enabled();
    }
}
