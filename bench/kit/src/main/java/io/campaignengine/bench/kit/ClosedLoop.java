package io.campaignengine.bench.kit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code clients} virtual threads for {@code seconds}, each sending its next request when the previous answer is read
 * (closed loop); latency per answered request, throughput over the whole run. A request that fails (IOException, or
 * {@link Call#send} false) counts as an error and not in the latencies.
 */
public final class ClosedLoop {
    private ClosedLoop() {
    }

    /** Sends one prepared request; true when the answer is the expected one. */
    @FunctionalInterface
    public interface Call<T> {
        boolean send(T prepared) throws Exception;
    }

    public record Result(double rps, double p50, double p99, long requests, long errors) {
        @Override
        public String toString() {
            return String.format("%7.1f req/s  p50 %7.2f ms  p99 %7.2f ms  (%d requests, %d errors)", rps, p50, p99, requests, errors);
        }

        /** The median of each figure over rounds; requests and errors summed. */
        public static Result median(List<Result> rs) {
            return new Result(medianOf(rs.stream().map(Result::rps).toList()), medianOf(rs.stream().map(Result::p50).toList()),
                    medianOf(rs.stream().map(Result::p99).toList()), rs.stream().mapToLong(Result::requests).sum(),
                    rs.stream().mapToLong(Result::errors).sum());
        }

        public static double medianOf(List<Double> xs) {
            double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return a.length == 0 ? 0 : a[a.length / 2];
        }
    }

    /** {@code prepare} runs before each request's clock starts (e.g. building a 1 MB upload body). Virtual threads. */
    public static <T> Result run(int clients, int seconds, Supplier<T> prepare, Call<T> call) throws Exception {
        return loop(clients, seconds, Executors.newVirtualThreadPerTaskExecutor(), () -> new Client() {
            T prepared;

            @Override
            public void prepare() {
                prepared = prepare.get();
            }

            @Override
            public boolean send() throws Exception {
                return call.send(prepared);
            }

            @Override
            public void close() {
            }
        });
    }

    /**
     * One connection per client, each client a platform thread of its own (as wrk's connections: the kernel wakes the
     * thread that reads, no hand-off in between); the connection is closed at the end.
     */
    public static <C extends AutoCloseable> Result runConnections(int clients, int seconds, Supplier<C> connection, Call<C> call) throws Exception {
        return loop(clients, seconds, Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("load-", 0).factory()), () -> {
            C c = connection.get();
            return new Client() {
                @Override
                public boolean send() throws Exception {
                    return call.send(c);
                }

                @Override
                public void close() throws Exception {
                    c.close();
                }
            };
        });
    }

    /** One closed-loop client: {@link #prepare} before the clock starts, {@link #send} timed. */
    private interface Client extends AutoCloseable {
        default void prepare() {
        }

        boolean send() throws Exception;
    }

    private static Result loop(int clients, int seconds, ExecutorService executor, Supplier<Client> newClient) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        List<long[]> perClient = new ArrayList<>();
        try (ExecutorService pool = executor) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1 << 14];
                    int n = 0;
                    try (Client client = newClient.get()) {
                        while (System.nanoTime() < end) {
                            client.prepare();
                            long t0 = System.nanoTime();
                            try {
                                if (!client.send()) {
                                    errors.incrementAndGet();
                                    continue;
                                }
                            } catch (IOException e) {
                                errors.incrementAndGet();
                                continue;
                            }
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = System.nanoTime() - t0;
                        }
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            for (Future<long[]> f : futures) {
                perClient.add(f.get());
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            return new Result(0, 0, 0, 0, errors.get());
        }
        return new Result(all.length / elapsed, all[(int) (all.length * 0.50)] / 1e6,
                all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6, all.length, errors.get());
    }
}
