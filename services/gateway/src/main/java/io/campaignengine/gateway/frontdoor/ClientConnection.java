package io.campaignengine.gateway.frontdoor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * One client connection: its requests one exchange at a time, in order (a request that arrives while one is still
 * being answered waits, reads paused, as HTTP/1.1 pipelining requires).
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    final FrontDoor door;
    ChannelHandlerContext ctx;
    private Exchange current;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private boolean pausedForOrder;
    private boolean pausedForUpstream;

    ClientConnection(FrontDoor door) {
        this.door = door;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (current != null && current.requestEnded() || !queued.isEmpty()) {
            queued.add(msg); // the next request: after this answer
            pausedForOrder = true;
            updateReads();
            return;
        }
        handle(msg);
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest req) {
            if (req.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                boolean tooLong = req.decoderResult().cause() instanceof TooLongFrameException;
                Exchange.refuse(this, req, tooLong ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST,
                        tooLong ? "the request line or headers are too long" : "malformed HTTP request");
                return;
            }
            current = Exchange.start(this, req);
            current.begin();
        }
        if (msg instanceof HttpContent content) {
            if (current == null) {
                content.release(); // the rest of a request already answered (and its connection closing)
                return;
            }
            current.fromClient(content);
        }
    }

    /** The exchange answered; {@code keepOpen}: the connection serves the next request. */
    void exchangeDone(Exchange done, boolean keepOpen) {
        if (current != done) {
            return;
        }
        current = null;
        pausedForUpstream = false;
        if (!keepOpen) {
            dropQueued();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        while (!queued.isEmpty() && (current == null || !current.requestEnded())) {
            handle(queued.poll());
        }
        pausedForOrder = !queued.isEmpty();
        updateReads();
    }

    /** Reads from the client wait while the upstream cannot take its body as fast. */
    void pauseForUpstream(boolean pause) {
        pausedForUpstream = pause;
        updateReads();
    }

    private void updateReads() {
        ctx.channel().config().setAutoRead(!pausedForOrder && !pausedForUpstream);
    }

    private void dropQueued() {
        Object m;
        while ((m = queued.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropQueued();
        if (current != null) {
            current.clientClosed();
            current = null;
        }
    }

    /** Quarkus' idle timeout ({@code quarkus.http.idle-timeout}): a connection that sent nothing for that long, between requests. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && current == null && queued.isEmpty()) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset by the peer, mostly; the exchange is cut in channelInactive
    }
}
