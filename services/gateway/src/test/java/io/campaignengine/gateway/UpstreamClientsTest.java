package io.campaignengine.gateway;

import io.campaignengine.gateway.client.UpstreamClients;
import io.campaignengine.gateway.service.RouteTable;
import io.netty.channel.EventLoop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.impl.ContextInternal;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upstream exchange of a request stays on the event loop that serves the caller: each loop's client only has
 * connections that loop opened. With one pool shared by the loops, the second loop below is handed the first loop's
 * idle connection.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class UpstreamClientsTest {

    @Inject
    UpstreamClients clients;

    @Inject
    RouteTable table;

    @Inject
    Vertx vertx;

    record Exchange(HttpClient client, boolean connectionOnThisLoop, int status) {
    }

    @Test
    void eachEventLoopProxiesOverConnectionsOfItsOwn() throws Exception {
        RouteTable.Upstream echo = table.resolve("/api/echo/headers").orElseThrow();
        List<Context> loops = twoEventLoops();

        // one after the other: the first loop's connection is idle in its pool when the second loop asks
        Exchange first = exchange(loops.get(0), echo);
        Exchange second = exchange(loops.get(1), echo);
        Exchange firstAgain = exchange(loops.get(0), echo);

        assertEquals(200, first.status());
        assertEquals(200, second.status());
        assertTrue(first.connectionOnThisLoop(), "the first loop's request went over a connection of another loop");
        assertTrue(second.connectionOnThisLoop(), "the second loop was handed a connection of another loop");
        assertTrue(firstAgain.connectionOnThisLoop());
        assertNotSame(first.client(), second.client());
        assertSame(first.client(), firstAgain.client());
        // off the event loops (health checks, the OpenAPI merge): the shared client
        HttpClient offLoop = clients.of(echo);
        assertNotSame(first.client(), offLoop);
        assertNotSame(second.client(), offLoop);
        assertSame(offLoop, clients.of(echo));
    }

    private Exchange exchange(Context loop, RouteTable.Upstream upstream) throws Exception {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            HttpClient client = clients.of(upstream);
            client.request(HttpMethod.GET, "/api/echo/headers")
                    .compose(req -> {
                        boolean onThisLoop = ((io.vertx.core.http.impl.HttpClientConnection) req.connection())
                                .channelHandlerContext().executor().inEventLoop();
                        return req.send().compose(res -> res.body().map(body -> new Exchange(client, onThisLoop, res.statusCode())));
                    })
                    .onSuccess(done::complete)
                    .onFailure(done::completeExceptionally);
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    /** Contexts made off Vert.x threads are spread over the event loops in turn: take the first two on different loops. */
    private List<Context> twoEventLoops() {
        List<Context> found = new ArrayList<>();
        List<EventLoop> seen = new ArrayList<>();
        for (int i = 0; i < 16 && found.size() < 2; i++) {
            ContextInternal ctx = ((io.vertx.core.impl.VertxInternal) vertx).createEventLoopContext();
            if (!seen.contains(ctx.nettyEventLoop())) {
                seen.add(ctx.nettyEventLoop());
                found.add(ctx);
            }
        }
        assertEquals(2, found.size(), "Vert.x runs fewer than two event loops here");
        return found;
    }
}
