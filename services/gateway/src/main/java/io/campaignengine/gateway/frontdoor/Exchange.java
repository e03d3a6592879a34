package io.campaignengine.gateway.frontdoor;

import io.campaignengine.gateway.api.ApiProxy;
import io.campaignengine.gateway.api.Correlation;
import io.campaignengine.gateway.api.Problems;
import io.campaignengine.gateway.service.RouteTable;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One request and its answer, between a client connection and an upstream connection on the same event loop.
 * <p>
 * <b>Forwarded</b> (a bearer token verified before, to the route table's upstream) exactly as {@code ApiProxy} does it
 * on the full way: the hop-by-hop headers, cookies and the caller's own forwarding headers stay here; the token goes on
 * as the bearer token with {@code X-Correlation-Id} (the caller's when well formed) and {@code X-Forwarded-*}; the
 * answer comes back without hop-by-hop headers and cookies, with the correlation id; an upstream that cannot be reached
 * is a 502 problem, one that does not start answering within {@code response-timeout} a 504 (streams: no limit); one
 * access-log line. <b>Relayed</b> (everything else, to Quarkus): as it came, minus the hop-by-hop headers, plus the
 * caller's address in {@code X-Forwarded-For}.
 * <p>
 * Bodies stream both ways as they arrive (Server-Sent Events are flushed per read), with back-pressure: a side that
 * cannot write pauses reading from the other. Netty's codecs frame each side: a chunked body stays chunked.
 */
final class Exchange {
    private static final Logger LOG = Logger.getLogger(Exchange.class);
    /** Hop-by-hop (RFC 9110 §7.6.1), and an h2c upgrade offer, which this HTTP/1.1 front door does not take up. */
    static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade",
            "http2-settings");
    /**
     * ApiProxy's rules (Transfer-Encoding excepted: here the codecs frame each side by it), less the headers set in
     * their place: set() replaces a header anyway, and the caller's Authorization stays when it already reads
     * "Bearer &lt;token&gt;" — a JWT is ~1 KB, and every header set is validated again char by char (the profile of the
     * forwarded path: ~5 % of the gateway's CPU).
     */
    static final Set<String> REMOVED_BEFORE_SET = without(ApiProxy.NOT_FORWARDED, "transfer-encoding", "host", "authorization",
            "x-correlation-id", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host");
    /** ApiProxy's rules; Transfer-Encoding excepted, as above. */
    static final Set<String> NOT_RETURNED = without(ApiProxy.NOT_RETURNED, "transfer-encoding");

    private final ClientConnection conn;
    private final ChannelHandlerContext client;
    private final HttpRequest request;
    private final RouteTable.Upstream upstream; // null: relayed to Quarkus
    private final boolean keepAlive;
    private final long started = System.nanoTime();
    private final String method;
    private final String path;
    private final boolean streaming;
    private String correlationId;
    private UpstreamPools.Pool pool;
    private Channel ch;
    private final ArrayDeque<HttpContent> body = new ArrayDeque<>(); // until the upstream connection is there
    private boolean requestEnded;
    private boolean responseStarted;
    private boolean upstreamKeepAlive;
    private boolean informational;
    private boolean done;
    private boolean reused;
    private boolean retried;
    private boolean bodyHadBytes;
    private int status;
    private ScheduledFuture<?> timer;

    private Exchange(ClientConnection conn, HttpRequest request, RouteTable.Upstream upstream) {
        this.conn = conn;
        this.client = conn.ctx;
        this.request = request;
        this.upstream = upstream;
        // HTTP/1.0 (always relayed): one request per connection
        this.keepAlive = request.protocolVersion() == HttpVersion.HTTP_1_1 && HttpUtil.isKeepAlive(request);
        this.method = request.method().name();
        String uri = request.uri();
        int q = uri.indexOf('?');
        this.path = q < 0 ? uri : uri.substring(0, q);
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        this.streaming = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    static Exchange start(ClientConnection conn, HttpRequest request) {
        String token = FrontDoor.bearerToken(request);
        RouteTable.Upstream upstream = conn.door.forwardable(request, token);
        Exchange x = new Exchange(conn, request, upstream);
        String caller = ((InetSocketAddress) conn.ctx.channel().remoteAddress()).getAddress().getHostAddress();
        HttpHeaders h = request.headers();
        String forwardedFor = h.get("x-forwarded-for");
        forwardedFor = forwardedFor == null ? caller : forwardedFor + ", " + caller;
        stripConnectionListed(h);
        if (upstream != null) {
            conn.door.forwarded.increment();
            x.correlationId = Correlation.idFor(h.get(Correlation.HEADER));
            String host = h.get(HttpHeaderNames.HOST);
            String authorization = h.get(HttpHeaderNames.AUTHORIZATION);
            REMOVED_BEFORE_SET.forEach(h::remove); // header names are case-insensitive here
            // exactly one header, exactly "Bearer <token>": else one is set (a second Authorization must not go on)
            if (h.getAll(HttpHeaderNames.AUTHORIZATION).size() != 1 || !isBearer(authorization, token)) {
                h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
            }
            h.set(HttpHeaderNames.HOST, upstream.authority())
                    .set(Correlation.HEADER, x.correlationId)
                    .set("X-Forwarded-For", forwardedFor)
                    .set("X-Forwarded-Proto", "http")
                    .set("X-Forwarded-Host", host == null ? "" : host);
        } else {
            conn.door.relayed.increment();
            HOP_BY_HOP.forEach(h::remove);
            h.set("X-Forwarded-For", forwardedFor);
        }
        x.pool = conn.door.pools.of(conn.ctx.channel().eventLoop(), upstream);
        return x;
    }

    /** Asks the pool for a connection: once the client connection knows this exchange (the answer may come at once). */
    void begin() {
        pool.acquire(this::connected);
    }

    /** A request that cannot be parsed: answered, and the connection closed (where the next request starts is unknown). */
    static void refuse(ClientConnection conn, HttpRequest request, HttpResponseStatus status, String detail) {
        String path = request.uri() == null ? "" : request.uri().split("\\?", 2)[0];
        String id = Correlation.idFor(null);
        conn.ctx.writeAndFlush(problem(status.code(), "bad-request", status.reasonPhrase(), detail, path, id, false))
                .addListener(ChannelFutureListener.CLOSE);
    }

    boolean requestEnded() {
        return requestEnded;
    }

    private void connected(Channel c) {
        if (done) { // the client went away meanwhile
            if (c != null) {
                pool.release(c);
            }
            return;
        }
        if (c == null) {
            unavailable();
            return;
        }
        ch = c;
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s %s %s over %s", upstream == null ? "relay" : "forward", method, path, c);
        }
        UpstreamPools.UpstreamHandler handler = ch.pipeline().get(UpstreamPools.UpstreamHandler.class);
        handler.exchange = this;
        reused = handler.served++ > 0;
        ch.write(request);
        if (retried) {
            ch.write(LastHttpContent.EMPTY_LAST_CONTENT); // a request without a body (mayRetry), sent again
        }
        HttpContent piece;
        while ((piece = body.poll()) != null) {
            ch.write(piece);
        }
        ch.flush();
        if (requestEnded) {
            armTimer();
        }
        conn.pauseForUpstream(!ch.isWritable());
    }

    void fromClient(HttpContent content) {
        if (content instanceof LastHttpContent) {
            requestEnded = true;
        }
        bodyHadBytes |= content.content().isReadable();
        if (done) {
            content.release();
            return;
        }
        if (ch == null) {
            body.add(content);
            return;
        }
        ch.writeAndFlush(content);
        if (requestEnded) {
            armTimer();
        }
        if (!ch.isWritable()) {
            conn.pauseForUpstream(true);
        }
    }

    void fromUpstream(HttpObject o) {
        if (done) {
            ReferenceCountUtil.release(o);
            return;
        }
        if (o instanceof HttpResponse res) {
            if (res.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                informational = true; // 100 Continue (answered here already), 103 Early Hints: not passed on
                ReferenceCountUtil.release(o);
                return;
            }
            cancelTimer();
            responseStarted = true;
            status = res.status().code();
            upstreamKeepAlive = HttpUtil.isKeepAlive(res);
            HttpHeaders h = res.headers();
            stripConnectionListed(h);
            if (upstream != null) {
                NOT_RETURNED.forEach(h::remove);
                h.set(Correlation.HEADER, correlationId);
            } else {
                HOP_BY_HOP.forEach(h::remove);
            }
            if (!keepAlive) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        } else if (informational) {
            if (o instanceof LastHttpContent) {
                informational = false;
            }
            ReferenceCountUtil.release(o);
            return;
        }
        if (o instanceof LastHttpContent) {
            done = true;
            client.writeAndFlush(o);
            // reused only when both ways ended cleanly
            if (requestEnded && upstreamKeepAlive) {
                pool.release(ch);
            } else {
                pool.discard(ch);
            }
            finished(keepAlive && requestEnded);
            return;
        }
        client.write(o);
        if (!client.channel().isWritable()) {
            ch.config().setAutoRead(false); // until the client has taken what is buffered
        }
    }

    void upstreamReadComplete() {
        if (!done) {
            client.flush(); // what arrived goes on now: a stream is not held back
        }
    }

    void upstreamWritabilityChanged(boolean writable) {
        if (!done) {
            conn.pauseForUpstream(!writable);
        }
    }

    void clientWritabilityChanged(boolean writable) {
        if (!done && ch != null) {
            ch.config().setAutoRead(writable);
        }
    }

    /** The upstream closed before the answer's end. */
    void upstreamClosed() {
        if (done) {
            return;
        }
        if (!responseStarted && mayRetry()) {
            // a kept connection the upstream closed as the request crossed it (its idle timeout, a restart): once more,
            // on another connection — only a request without a body whose method is safe to repeat (RFC 9110 §9.2.2)
            retried = true;
            cancelTimer();
            LOG.debugf("%s closed a kept connection under %s %s: sent again", name(), method, path);
            ch = null;
            pool.acquire(this::connected);
            return;
        }
        if (!responseStarted) {
            unavailable();
            return;
        }
        done = true; // the answer had started: all there is to do is to cut it
        cancelTimer();
        dropBody();
        LOG.warnf("%s closed the connection during the answer to %s %s", name(), method, path);
        client.close();
    }

    private boolean mayRetry() {
        return reused && !retried && requestEnded && !bodyHadBytes
                && (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    void clientClosed() {
        if (done) {
            return;
        }
        done = true;
        cancelTimer();
        dropBody();
        if (ch != null) {
            pool.discard(ch); // e.g. an SSE stream nobody reads any more: the upstream exchange ends too
        }
    }

    private void armTimer() {
        if (upstream != null && !streaming && timer == null && !responseStarted) {
            timer = ch.eventLoop().schedule(this::timedOut, conn.door.config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void timedOut() {
        timer = null;
        if (done || responseStarted) {
            return;
        }
        LOG.warnf("%s did not answer %s %s in time", name(), method, path);
        failWith(504, "upstream-timeout", "Gateway Timeout", name() + " did not answer in time");
    }

    private void unavailable() {
        LOG.warnf("%s unavailable for %s %s", name(), method, path);
        failWith(502, "upstream-unavailable", "Bad Gateway", name() + " is not reachable");
    }

    private void failWith(int code, String type, String title, String detail) {
        done = true;
        cancelTimer();
        dropBody();
        if (ch != null) {
            pool.discard(ch);
        }
        status = code;
        String id = correlationId != null ? correlationId : Correlation.idFor(request.headers().get(Correlation.HEADER));
        boolean keepOpen = keepAlive && requestEnded;
        client.writeAndFlush(problem(code, type, title, detail, path, id, keepOpen));
        finished(keepOpen);
    }

    private void finished(boolean keepOpen) {
        if (upstream != null || status >= 500) {
            // forwarded exchanges are logged here (Quarkus logs what it serves), and so are failures to reach it
            Correlation.logAccess(method, path, status, started, correlationId != null ? correlationId : "none");
        }
        conn.exchangeDone(this, keepOpen);
    }

    private String name() {
        return upstream == null ? "the gateway's Quarkus" : upstream.name();
    }

    private void dropBody() {
        HttpContent piece;
        while ((piece = body.poll()) != null) {
            piece.release();
        }
    }

    static FullHttpResponse problem(int code, String type, String title, String detail, String path, String id, boolean keepOpen) {
        byte[] json = Problems.body(code, type, title, detail, path, id).encode().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                Unpooled.wrappedBuffer(json));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
                .set(Correlation.HEADER, id);
        if (!keepOpen) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return res;
    }

    /** Headers the Connection header names are hop-by-hop too (RFC 9110 §7.6.1). */
    private static void stripConnectionListed(HttpHeaders h) {
        for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : value.split(",")) {
                String n = name.trim();
                if (!n.isEmpty() && !n.equalsIgnoreCase("close") && !n.equalsIgnoreCase("keep-alive")
                        && !n.equalsIgnoreCase("transfer-encoding")) {
                    h.remove(n);
                }
            }
        }
    }

    /** Whether {@code authorization} (where {@code token} was read from) is exactly "Bearer " and the token. */
    static boolean isBearer(String authorization, String token) {
        return authorization != null && authorization.length() == 7 + token.length() && authorization.startsWith("Bearer ");
    }

    private static Set<String> without(Set<String> names, String... removed) {
        HashSet<String> s = new HashSet<>(names);
        List.of(removed).forEach(s::remove);
        return Set.copyOf(s);
    }
}
