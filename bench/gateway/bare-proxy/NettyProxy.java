import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor of proxying with Netty alone (bench only, `BENCH_BARE_PROXY=netty`): Netty's HTTP/1.1 codecs on both sides,
 * each request head forwarded upstream over a keep-alive connection of the serving event loop's own pool, the answer's
 * head and body pieces relayed as they arrive — no Vert.x, no Quarkus, no security. Compared with {@code BareProxy}
 * (Vert.x) it shows what Vert.x' HTTP layer costs per proxied request.
 * <p>
 * Run as a source file: {@code java -cp "services/gateway/target/quarkus-app/lib/main/*" NettyProxy.java <port> <upstream port>}.
 */
public class NettyProxy {
    static int upstreamPort;
    static final Map<EventLoop, ArrayDeque<Channel>> IDLE = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        upstreamPort = Integer.parseInt(args[1]);
        int loops = Runtime.getRuntime().availableProcessors();
        EpollEventLoopGroup group = new EpollEventLoopGroup(loops);
        new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new Frontend());
                    }
                }).bind(port).sync();
        System.out.printf("netty proxy on %d -> %d, %d event loops%n", port, upstreamPort, loops);
    }

    /** RFC 9110 §7.6.1 (and an h2c upgrade offer, which this HTTP/1.1 relay does not take up). */
    static void stripHopByHop(HttpHeaders headers) {
        for (String h : List.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "http2-settings")) {
            headers.remove(h);
        }
    }

    /** One client connection: one request at a time (no pipelining), relayed over a pooled upstream connection. */
    static final class Frontend extends SimpleChannelInboundHandler<HttpObject> {
        Channel upstream;
        boolean connecting;
        boolean keepAlive;
        final List<HttpObject> pending = new ArrayList<>();

        Frontend() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest req) {
                keepAlive = HttpUtil.isKeepAlive(req);
                stripHopByHop(req.headers());
                ArrayDeque<Channel> idle = IDLE.computeIfAbsent(ctx.channel().eventLoop(), l -> new ArrayDeque<>());
                Channel ch;
                while ((ch = idle.poll()) != null && !ch.isActive()) {
                    // closed while idle
                }
                if (ch != null) {
                    bind(ctx, ch);
                } else {
                    connecting = true;
                    pending.add(msg);
                    new Bootstrap().group(ctx.channel().eventLoop()).channel(EpollSocketChannel.class)
                            .option(ChannelOption.TCP_NODELAY, true)
                            .handler(new ChannelInitializer<SocketChannel>() {
                                @Override
                                protected void initChannel(SocketChannel c) {
                                    c.pipeline().addLast(new HttpClientCodec(), new Backend());
                                }
                            }).connect("127.0.0.1", upstreamPort).addListener((ChannelFuture f) -> {
                                connecting = false;
                                if (!f.isSuccess()) {
                                    pending.forEach(ReferenceCountUtil::release);
                                    pending.clear();
                                    ctx.close();
                                    return;
                                }
                                bind(ctx, f.channel());
                                pending.forEach(m -> upstream.write(m));
                                pending.clear();
                                upstream.flush();
                            });
                    return;
                }
            }
            if (connecting) {
                pending.add(msg);
            } else if (msg instanceof LastHttpContent) {
                upstream.writeAndFlush(msg);
            } else {
                upstream.write(msg);
            }
        }

        private void bind(ChannelHandlerContext ctx, Channel ch) {
            upstream = ch;
            ch.pipeline().get(Backend.class).client = ctx.channel();
            ch.pipeline().get(Backend.class).front = this;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    /** The upstream side: relays the answer to the client, and goes back to its loop's pool at the answer's end. */
    static final class Backend extends SimpleChannelInboundHandler<HttpObject> {
        Channel client;
        Frontend front;

        Backend() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse res) {
                stripHopByHop(res.headers());
            }
            if (msg instanceof LastHttpContent) {
                Channel c = client;
                Frontend f = front;
                client = null;
                front = null;
                f.upstream = null;
                IDLE.get(ctx.channel().eventLoop()).push(ctx.channel());
                if (f.keepAlive) {
                    c.writeAndFlush(msg);
                } else {
                    c.writeAndFlush(msg).addListener(x -> c.close());
                }
            } else {
                client.write(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // what arrived in this read is passed on now (a stream is not held back until its end)
            if (client != null) {
                client.flush();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (client != null) {
                client.close();
            }
        }
    }
}
