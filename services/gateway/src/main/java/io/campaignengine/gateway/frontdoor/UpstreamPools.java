package io.campaignengine.gateway.frontdoor;

import io.campaignengine.gateway.config.GatewayConfig;
import io.campaignengine.gateway.service.RouteTable;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keep-alive connections to the upstreams and to Quarkus, per event loop: an exchange runs on the loop of its client
 * connection and takes a connection opened from that loop, so nothing crosses threads (bench/RESULTS.md: a shared pool
 * handed every request between loops four times). Touched only from its own loop: no locks.
 */
final class UpstreamPools {
    static final String QUARKUS = "quarkus";

    private final GatewayConfig config;
    private final DomainSocketAddress quarkus;
    private final FastThreadLocal<Map<String, Pool>> byLoop = new FastThreadLocal<>() {
        @Override
        protected Map<String, Pool> initialValue() {
            return new HashMap<>();
        }
    };

    UpstreamPools(GatewayConfig config, DomainSocketAddress quarkus) {
        this.config = config;
        this.quarkus = quarkus;
    }

    /** The pool of {@code upstream} (null: Quarkus behind the front door) for the calling event loop. */
    Pool of(EventLoop loop, RouteTable.Upstream upstream) {
        Map<String, Pool> pools = byLoop.get();
        String key = upstream == null ? QUARKUS : upstream.name();
        Pool pool = pools.get(key);
        if (pool == null) {
            pool = upstream == null
                    ? new Pool(loop, quarkus, Integer.MAX_VALUE)
                    : new Pool(loop, new InetSocketAddress(upstream.host(), upstream.port()), config.maxConnectionsPerUpstream());
            pools.put(key, pool);
        }
        return pool;
    }

    final class Pool {
        private final EventLoop loop;
        private final SocketAddress address;
        private final int max;
        private final ArrayDeque<Channel> idle = new ArrayDeque<>();
        private final ArrayDeque<Consumer<Channel>> waiting = new ArrayDeque<>();
        private int open;

        Pool(EventLoop loop, SocketAddress address, int max) {
            this.loop = loop;
            this.address = address;
            this.max = max;
        }

        /**
         * A connection for one exchange (null to {@code then}: it could not be opened). At the limit, the exchange waits
         * for the next connection given back.
         */
        void acquire(Consumer<Channel> then) {
            Channel ch;
            while ((ch = idle.pollFirst()) != null) { // the most recently used first: the warmest, the least likely closed
                if (ch.isActive()) {
                    then.accept(ch);
                    return;
                }
            }
            if (open >= max) {
                waiting.add(then);
                return;
            }
            open++;
            Bootstrap b = new Bootstrap().group(loop)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast(new HttpClientCodec(4096, 20 * 1024, 8192), new UpstreamHandler());
                        }
                    });
            if (address instanceof DomainSocketAddress) {
                b.channel(EpollDomainSocketChannel.class);
            } else {
                b.channel(EpollSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
            }
            b.connect(address).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    open--;
                    then.accept(null);
                    return;
                }
                f.channel().closeFuture().addListener(x -> {
                    open--;
                    idle.remove(f.channel());
                    Consumer<Channel> next = waiting.poll();
                    if (next != null) {
                        acquire(next);
                    }
                });
                then.accept(f.channel());
            });
        }

        /** The exchange on {@code ch} is complete both ways and the connection may be reused. */
        void release(Channel ch) {
            ch.pipeline().get(UpstreamHandler.class).exchange = null;
            if (!ch.isActive()) {
                return;
            }
            ch.config().setAutoRead(true); // an exchange may have paused it for a slow client, and ended
            Consumer<Channel> next = waiting.poll();
            if (next != null) {
                next.accept(ch);
            } else {
                idle.addFirst(ch);
            }
        }

        /** The exchange on {@code ch} ended in a state that cannot be reused (cut, timed out): the connection is closed. */
        void discard(Channel ch) {
            ch.pipeline().get(UpstreamHandler.class).exchange = null;
            ch.close();
        }
    }

    /** The end of an upstream connection: what arrives goes to the exchange it serves. */
    static final class UpstreamHandler extends ChannelInboundHandlerAdapter {
        Exchange exchange;
        /** Exchanges this connection carried (more than one: it was kept, and may have been closed meanwhile). */
        int served;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (exchange != null && msg instanceof HttpObject o) {
                exchange.fromUpstream(o);
            } else {
                ReferenceCountUtil.release(msg); // nothing asked for it (an idle connection): drop
                ctx.close();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (exchange != null) {
                exchange.upstreamReadComplete();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (exchange != null) {
                exchange.upstreamWritabilityChanged(ctx.channel().isWritable());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Exchange x = exchange;
            exchange = null;
            if (x != null) {
                x.upstreamClosed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
