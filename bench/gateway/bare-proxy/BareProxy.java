import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.Locale;
import java.util.Set;

/**
 * The floor of proxying on this machine (bench only, `BENCH_BARE_PROXY=1`): plain Vert.x, the gateway's own Vert.x and
 * Netty jars, no Quarkus, no security, no metrics, no logging — each request's headers copied minus the hop-by-hop ones,
 * sent upstream over the serving event loop's own keep-alive pool, the answer piped back. What the gateway costs above
 * this is what its features cost.
 * <p>
 * Run as a source file: {@code java -cp "services/gateway/target/quarkus-app/lib/main/*" BareProxy.java <port> <upstream port>}.
 */
public class BareProxy extends AbstractVerticle {
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "host");
    static int port;
    static int upstreamPort;

    public static void main(String[] args) {
        port = Integer.parseInt(args[0]);
        upstreamPort = Integer.parseInt(args[1]);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2 * loops));
        vertx.deployVerticle(BareProxy.class.getName(), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.printf("bare proxy on %d -> %d, %d event loops serving, native transport %s%n",
                        port, upstreamPort, loops, vertx.isNativeTransportEnabled()))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start() {
        // one verticle instance per serving event loop, each with its own upstream pool (opened from that loop)
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(upstreamPort)
                .setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(128));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(req -> {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            req.headers().forEach(h -> {
                if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    headers.add(h.getKey(), h.getValue());
                }
            });
            client.request(new RequestOptions().setMethod(req.method()).setURI(req.uri()).setHeaders(headers)).onComplete(ar -> {
                if (ar.failed()) {
                    req.response().setStatusCode(502).end();
                    return;
                }
                ar.result().send().onComplete(res -> {
                    if (res.failed()) {
                        req.response().setStatusCode(502).end();
                        return;
                    }
                    var in = res.result();
                    var out = req.response().setStatusCode(in.statusCode());
                    in.headers().forEach(h -> {
                        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                            out.headers().add(h.getKey(), h.getValue());
                        }
                    });
                    if (!in.headers().contains("content-length")) {
                        out.setChunked(true);
                    }
                    in.pipeTo(out);
                });
            });
        }).listen(port).onFailure(e -> {
            e.printStackTrace();
            System.exit(1);
        });
    }
}
