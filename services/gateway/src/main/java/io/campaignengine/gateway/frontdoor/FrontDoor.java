package io.campaignengine.gateway.frontdoor;

import io.campaignengine.gateway.config.GatewayConfig;
import io.campaignengine.gateway.service.RouteTable;
import io.campaignengine.tokencache.RememberedBearerMechanism;
import io.campaignengine.tokencache.VerifiedTokens;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's port. A request to a routed {@code /api} path whose bearer token the gateway verified before (and that
 * has not expired) is forwarded here, in Netty alone, to its upstream; every other request — the first of a token, a
 * browser with its session cookie, login, logout, {@code /api/me}, the OpenAPI, health — is relayed unchanged to Quarkus
 * on a private domain socket ({@link FrontDoorListener}), which does everything it always did.
 * <p>
 * Why: Vert.x' HTTP server and client in front of Quarkus' router cost the gateway ~0.13 ms of CPU per proxied 30 KB
 * answer, Netty's codecs ~0.06 (bench/RESULTS.md) — on two shared cores the difference is the throughput of the path.
 * What the forwarding keeps of the full way is written out in {@link Exchange}: the same headers out and back, the
 * correlation id, the access-log line, the 502/504 problems, streams flushed as they arrive.
 */
@Singleton
public class FrontDoor {
    private static final Logger LOG = Logger.getLogger(FrontDoor.class);

    final RouteTable table;
    final VerifiedTokens verified;
    final GatewayConfig config;
    final UpstreamPools pools;
    private final Vertx vertx;
    private final boolean enabled;
    private final String host;
    private final int port;
    private final Duration idleTimeout;
    final Path controlSocket;
    final LongAdder forwarded = new LongAdder();
    final LongAdder relayed = new LongAdder();
    private Channel server;

    public FrontDoor(RouteTable table, VerifiedTokens verified, GatewayConfig config, Vertx vertx, MeterRegistry registry) {
        this.table = table;
        this.verified = verified;
        this.config = config;
        this.vertx = vertx;
        Config c = ConfigProvider.getConfig();
        boolean test = LaunchMode.current() == LaunchMode.TEST;
        this.enabled = c.getOptionalValue("quarkus.http.domain-socket-enabled", Boolean.class).orElse(false)
                && !c.getOptionalValue("quarkus.http.host-enabled", Boolean.class).orElse(true)
                && c.getOptionalValue(FrontDoorListener.ENABLED, Boolean.class).orElse(true);
        this.controlSocket = Path.of(c.getOptionalValue("quarkus.http.domain-socket", String.class).orElse(FrontDoorListener.SOCKET.toString()));
        this.host = (test ? c.getOptionalValue("quarkus.http.test-host", String.class) : java.util.Optional.<String>empty())
                .or(() -> c.getOptionalValue("quarkus.http.host", String.class)).orElse("0.0.0.0");
        this.port = test ? c.getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081)
                : c.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        this.idleTimeout = c.getOptionalValue("quarkus.http.idle-timeout", Duration.class).orElse(Duration.ofMinutes(30));
        this.pools = new UpstreamPools(config, new DomainSocketAddress(controlSocket.toFile()));
        FunctionCounter.builder("gateway.front.door.requests", forwarded, LongAdder::doubleValue).tag("way", "forwarded")
                .description("requests the front door forwarded itself (a bearer token verified before)").register(registry);
        FunctionCounter.builder("gateway.front.door.requests", relayed, LongAdder::doubleValue).tag("way", "relayed")
                .description("requests the front door relayed to Quarkus").register(registry);
    }

    @SuppressWarnings("deprecation") // Vertx.nettyEventLoopGroup(): deprecated in Vert.x 4.5, still the public way to its loops
    void start(@Observes StartupEvent event) throws InterruptedException {
        if (!enabled) {
            return;
        }
        // the event loops of Vert.x (epoll, see FrontDoorListener): no threads of its own, and each connection's
        // upstream exchanges run on the loop that serves it
        EventLoopGroup loops = vertx.nettyEventLoopGroup();
        server = new ServerBootstrap().group(loops, loops).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // request line 4 KB, headers 20 KB: Quarkus' own limits (quarkus.http.limits.*)
                        ch.pipeline().addLast(new IdleStateHandler(idleTimeout.toSeconds(), 0, 0, TimeUnit.SECONDS),
                                new HttpServerCodec(4096, 20 * 1024, 8192), new HttpServerExpectContinueHandler(),
                                new ClientConnection(FrontDoor.this));
                    }
                }).bind(host, port).sync().channel();
        LOG.infof("front door on %s:%d; the rest to Quarkus on %s", host, ((InetSocketAddress) server.localAddress()).getPort(),
                controlSocket);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        try {
            Files.deleteIfExists(controlSocket);
        } catch (Exception e) {
            LOG.debugf("socket %s not deleted: %s", controlSocket, e);
        }
    }

    /** Whether the front door serves the gateway's port (off: Quarkus does, and nothing here runs). */
    public boolean enabled() {
        return enabled;
    }

    /** Requests forwarded by the front door itself (a bearer token verified before), since start. */
    public long forwarded() {
        return forwarded.sum();
    }

    /** Requests relayed to Quarkus, since start. */
    public long relayed() {
        return relayed.sum();
    }

    /**
     * The upstream to forward this request to with its bearer token, or null: Quarkus decides. Only a path that is already
     * normal (no dot segments, doubled slashes, escapes or parameters) is decided here — the router and Quarkus'
     * permission checks match the normalized path, and so must anything that skips them. HTTP/1.0 goes to Quarkus too.
     */
    RouteTable.Upstream forwardable(HttpRequest req, String token) {
        if (token == null || req.protocolVersion() != HttpVersion.HTTP_1_1) {
            return null;
        }
        String uri = req.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!isNormal(path)) {
            return null;
        }
        RouteTable.Upstream upstream = table.resolve(path).orElse(null);
        if (upstream == null || upstream.tls() || table.isPublic(path) || verified.serve(token) == null) {
            return null;
        }
        return upstream;
    }

    static String bearerToken(HttpRequest req) {
        return RememberedBearerMechanism.bearerToken(req.headers().get(HttpHeaderNames.AUTHORIZATION));
    }

    static boolean isNormal(String path) {
        if (!path.startsWith("/api/")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == '%' || ch == ';' || ch == '\\' || ch < 0x21 || ch > 0x7e) {
                return false;
            }
            if (ch == '/' && i + 1 < path.length()) {
                char next = path.charAt(i + 1);
                if (next == '/') {
                    return false;
                }
                if (next == '.') {
                    int end = path.indexOf('/', i + 1);
                    String segment = path.substring(i + 1, end < 0 ? path.length() : end);
                    if (segment.equals(".") || segment.equals("..")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
