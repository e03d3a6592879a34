package io.campaignengine.gateway.api;

import io.campaignengine.gateway.client.UpstreamClients;
import io.campaignengine.gateway.config.GatewayConfig;
import io.campaignengine.gateway.service.RouteTable;
import io.campaignengine.tokencache.RememberedBearerMechanism;
import io.campaignengine.tokencache.VerifiedTokens;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code /api/**} to the upstream that the route table names. The caller's access token goes on as a bearer token
 * (from the Authorization header, or from the browser's server-side session); bodies are streamed both ways without
 * buffering, so Server-Sent Events pass through as they are written. Hop-by-hop headers and cookies stay here.
 * <p>
 * A bearer token verified before is forwarded from a filter in front of Quarkus' security handlers (see
 * {@link GatewayConfig#rememberedBearerFastPath()}): authentication, the permission policy and the routing to this
 * handler were about a third of the gateway's CPU for a request whose token was already known (bench/RESULTS.md).
 */
@ApplicationScoped
public class ApiProxy {
    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    /** RFC 9110 §7.6.1 hop-by-hop headers, plus what the gateway sets itself (the front door's forwarding too). */
    public static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "cookie", "authorization", "x-correlation-id", "x-forwarded-for",
            "x-forwarded-host", "x-forwarded-proto", "forwarded");
    public static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "set-cookie", "x-correlation-id");

    private final RouteTable table;
    private final UpstreamClients clients;
    private final VerifiedTokens verified;
    private final boolean fastPath;
    private final LongAdder rememberedForwards = new LongAdder();
    private final long responseTimeoutMs;

    public ApiProxy(RouteTable table, UpstreamClients clients, VerifiedTokens verified, GatewayConfig config) {
        this.table = table;
        this.clients = clients;
        this.verified = verified;
        this.fastPath = config.rememberedBearerFastPath();
        this.responseTimeoutMs = config.responseTimeout().toMillis();
    }

    void filters(@Observes Filters filters) {
        // after Correlation (1000) and CredentialGuard (900), before Quarkus' authentication (200) and authorization (100)
        filters.register(this::rememberedBearer, 800);
    }

    /**
     * A routed, non-public path with a bearer token verified before: forwarded now; anything else goes the full way. Only
     * a path that is already normal (no dot segments, no doubled slashes) is decided here: the router and Quarkus'
     * permission checks match the normalized path, and so must anything that skips them.
     */
    void rememberedBearer(RoutingContext ctx) {
        if (fastPath) {
            String token = RememberedBearerMechanism.bearerToken(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
            String path = ctx.request().path();
            if (token != null && path != null && path.equals(ctx.normalizedPath())) {
                RouteTable.Upstream upstream = table.resolve(path).orElse(null);
                if (upstream != null && !table.isPublic(path) && verified.serve(token) != null) {
                    rememberedForwards.increment();
                    forward(ctx, upstream, token);
                    return;
                }
            }
        }
        ctx.next();
    }

    void routes(@Observes Router router) {
        // failures on /api (a token the identity provider rejects, a bug of ours): problems, never an empty 401 or a trace
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 1).failureHandler(this::failed);
        // after authentication (which runs in front of every route), before Quarkus REST's own resources
        for (String prefix : table.prefixes()) {
            prefix = vertxPath(prefix);
            router.route(prefix).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
            router.route(prefix + "/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
        }
    }

    /** {@code *} segments as Vert.x path parameters; which upstream serves a request is decided by the route table. */
    static String vertxPath(String prefix) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (String segment : prefix.substring(1).split("/")) {
            b.append('/').append(segment.equals("*") ? ":any" + (n++) : segment);
        }
        return b.toString();
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        RouteTable.Upstream upstream = table.resolve(req.path()).orElse(null);
        if (upstream == null) {
            ctx.next();
            return;
        }
        String token = accessToken(ctx);
        if (token == null && !table.isPublic(req.path())) {
            Problems.send(ctx, 401, "unauthorized", "Unauthorized", "no valid credentials");
            return;
        }
        forward(ctx, upstream, token);
    }

    /** How many requests the fast path forwarded (a token verified before, not asked again). */
    public long rememberedForwards() {
        return rememberedForwards.sum();
    }

    /** To {@code upstream} with {@code token} as the bearer token (null: a public route, forwarded without one). */
    void forward(RoutingContext ctx, RouteTable.Upstream upstream, String token) {
        HttpServerRequest req = ctx.request();
        boolean streaming = accepts(req, "text/event-stream");
        boolean hasBody = hasBody(req);
        if (hasBody && !ctx.body().available()) {
            req.pause(); // until the upstream connection is there to receive the body
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyRequestHeaders(req, headers);
        if (token != null) {
            headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        headers.set(Correlation.HEADER, Correlation.of(ctx))
                .set("X-Forwarded-For", forwardedFor(req))
                .set("X-Forwarded-Proto", req.scheme())
                .set("X-Forwarded-Host", req.authority() == null ? "" : req.authority().toString());
        RequestOptions options = new RequestOptions()
                .setMethod(req.method())
                .setURI(req.uri())
                .setHeaders(headers)
                .setIdleTimeout(streaming ? 0 : responseTimeoutMs);

        clients.of(upstream).request(options).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, upstream, ar.cause());
                return;
            }
            HttpClientRequest out = ar.result();
            out.response().onSuccess(in -> relay(ctx, in)).onFailure(e -> fail(ctx, upstream, e));
            if (ctx.body().available() && ctx.body().buffer() != null) {
                out.end(ctx.body().buffer());
            } else if (hasBody && !req.isEnded()) {
                if (!req.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                    out.setChunked(true);
                }
                req.pipeTo(out); // resumes the request; ends `out` when the body is complete
            } else {
                out.end();
            }
        });
    }

    private void relay(RoutingContext ctx, HttpClientResponse in) {
        HttpServerResponse out = ctx.response();
        if (out.closed()) {
            in.request().reset();
            return;
        }
        out.setStatusCode(in.statusCode());
        out.setStatusMessage(in.statusMessage());
        in.headers().forEach(h -> {
            if (!NOT_RETURNED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.headers().add(h.getKey(), h.getValue());
            }
        });
        if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(ctx.request(), in.statusCode())) {
            out.setChunked(true);
        }
        // the client went away: stop the upstream exchange too (e.g. an SSE stream nobody reads any more)
        out.closeHandler(v -> in.request().reset());
        in.pipeTo(out);
    }

    /** A failure on an /api route: rejected credentials are a 401, anything else a 500 problem without details. */
    void failed(RoutingContext ctx) {
        Throwable f = ctx.failure();
        if (f instanceof AuthenticationFailedException || f instanceof AuthenticationCompletionException
                || f instanceof UnauthorizedException || ctx.statusCode() == 401) {
            LOG.debugf("credentials rejected on %s: %s", ctx.request().path(), f);
            Problems.send(ctx, 401, "unauthorized", "Unauthorized", "the token is invalid or expired");
            return;
        }
        if (f instanceof ForbiddenException || ctx.statusCode() == 403) {
            Problems.send(ctx, 403, "forbidden", "Forbidden", "not allowed");
            return;
        }
        LOG.errorf(f, "%s %s failed", ctx.request().method(), ctx.request().path());
        Problems.send(ctx, 500, "internal-error", "Internal Server Error",
                "unexpected error; quote correlation id " + Correlation.of(ctx));
        if (!ctx.response().ended()) {
            ctx.response().reset();
        }
    }

    private void fail(RoutingContext ctx, RouteTable.Upstream upstream, Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConnectException) && !(cause instanceof TimeoutException)) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            LOG.warnf("%s did not answer %s %s in time", upstream.name(), ctx.request().method(), ctx.request().path());
            Problems.send(ctx, 504, "upstream-timeout", "Gateway Timeout", upstream.name() + " did not answer in time");
        } else {
            LOG.warnf("%s unavailable for %s %s: %s", upstream.name(), ctx.request().method(), ctx.request().path(), e.toString());
            Problems.send(ctx, 502, "upstream-unavailable", "Bad Gateway", upstream.name() + " is not reachable");
        }
        if (!ctx.response().ended()) {
            ctx.response().reset(); // the response had started: all we can do is cut it
        }
    }

    static void copyRequestHeaders(HttpServerRequest req, MultiMap target) {
        req.headers().forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                target.add(h.getKey(), h.getValue());
            }
        });
    }

    /** HTTP/1.1 announces a body (RFC 9112 §6.3); HTTP/2 (h2c upgrade) does not have to: there, a stream not ended yet has one. */
    static boolean hasBody(HttpServerRequest req) {
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return req.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || (req.version() == io.vertx.core.http.HttpVersion.HTTP_2 && !req.isEnded());
    }

    /** RFC 9110 §6.4.1: no content in answers to HEAD, in 1xx, 204 and 304 (a 304 revalidating an ETag passes through as it is). */
    static boolean mayHaveBody(HttpServerRequest req, int status) {
        return req.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    static String forwardedFor(HttpServerRequest req) {
        String previous = req.getHeader("X-Forwarded-For");
        if (req.remoteAddress() != null && req.remoteAddress().isDomainSocket() && previous != null) {
            return previous; // relayed by the front door, which added the caller's address already
        }
        String remote = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        return previous == null ? remote : previous + ", " + remote;
    }

    static boolean accepts(HttpServerRequest req, String mediaType) {
        String accept = req.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(mediaType);
    }

    /** The caller's access token: the bearer token it sent, or the one held in its session (code flow). */
    static String accessToken(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user)) {
            return null;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? null : credential.getToken();
    }
}
