package io.campaignengine.kit.avro;

import io.campaignengine.events.kittest.WidgetCreated;
import io.campaignengine.kit.consumer.Failures;
import io.campaignengine.kit.support.TestStack;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry call that is never answered (the failure seen at service start-up: a consumer stuck on its first record)
 * fails after the call timeout with a transient error, and the next call goes through on a fresh registry client.
 * The registry is the real one of the test stack, behind a proxy that swallows the first connection.
 */
class RegistryCallWatchdogTest {

    @Test
    void anUnansweredCallFailsTransientlyAndTheNextOneGoesThrough() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (SwallowFirstConnection proxy = new SwallowFirstConnection(URI.create(TestStack.REGISTRY))) {
            EventSerde serde = new EventSerde(vertx, proxy.url(), Duration.ofSeconds(1));
            try {
                WidgetCreated event = (WidgetCreated) SampleRecords.sample(WidgetCreated.class);

                RegistryCallTimeoutException timeout = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(RegistryCallTimeoutException.class, () -> serde.serialize(TestStack.TOPIC, event)),
                        "the unanswered call must end (after about the 1 s call timeout), not wait forever");
                assertTrue(Failures.isTransient(timeout), "consumers retry it: " + timeout);
                assertEquals(2, serde.registryClientGeneration(), "the registry client was replaced once");
                assertTrue(!serde.isWarm(TestStack.TOPIC, WidgetCreated.class));

                byte[] bytes = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> serde.serialize(TestStack.TOPIC, event));
                assertEquals(event, serde.deserialize(TestStack.TOPIC, bytes));
                assertTrue(serde.isWarm(TestStack.TOPIC, WidgetCreated.class));
                assertEquals(2, serde.registryClientGeneration(), "answered calls do not reset anything");
                assertTrue(proxy.connections() >= 2, "the second call came over a new connection");
            } finally {
                serde.close();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** A TCP proxy to the registry that accepts its first connection and never answers on it; later ones are piped. */
    static final class SwallowFirstConnection implements AutoCloseable {
        private final URI target;
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();

        SwallowFirstConnection(URI target) throws IOException {
            this.target = target;
            Thread acceptor = new Thread(this::acceptLoop, "swallowing-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + target.getRawPath();
        }

        int connections() {
            return accepted.get();
        }

        private void acceptLoop() {
            try {
                while (!server.isClosed()) {
                    Socket in = server.accept();
                    sockets.add(in);
                    if (accepted.incrementAndGet() == 1) {
                        continue; // swallowed: read by nobody, answered never
                    }
                    Socket out = new Socket(target.getHost(), target.getPort());
                    sockets.add(out);
                    pipe(in.getInputStream(), out.getOutputStream());
                    pipe(out.getInputStream(), in.getOutputStream());
                }
            } catch (IOException closed) {
                // the proxy is closed
            }
        }

        private static void pipe(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                try {
                    from.transferTo(to);
                } catch (IOException closed) {
                    // either side closed
                }
            }, "swallowing-proxy-pipe");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
