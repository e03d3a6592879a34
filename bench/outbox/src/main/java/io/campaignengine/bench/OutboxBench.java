package io.campaignengine.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the event backbone against a running devstack:
 * <ul>
 *   <li>latency from the commit of an outbox row to a Kafka consumer receiving the routed event
 *       (Debezium pgoutput + EventRouter), side by side with a direct Kafka produce of the same bytes;</li>
 *   <li>sustained outbox-to-Kafka throughput.</li>
 * </ul>
 * Each outbox row is inserted and deleted in one transaction, as the service-kit writer does. The payload
 * starts with the row id so the consumer can match what it receives to the commit time.
 */
public final class OutboxBench {

    private static final String TOPIC = "content.events";
    private static final String DIRECT_TOPIC = "bench.direct";
    private static final int PAYLOAD_BYTES = 300; // about the size of a ContentGenerated event

    private final String jdbcUrl;
    private final String bootstrap;

    private OutboxBench(String jdbcUrl, String bootstrap) {
        this.jdbcUrl = jdbcUrl;
        this.bootstrap = bootstrap;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        int pgPort = Integer.parseInt(opts.getOrDefault("pg-port", "25432"));
        String bootstrap = opts.getOrDefault("kafka", "127.0.0.1:29092");
        int latencyEvents = Integer.parseInt(opts.getOrDefault("latency-events", "10000"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "500"));
        int throughputEvents = Integer.parseInt(opts.getOrDefault("throughput-events", "50000"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "100"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int writers = Integer.parseInt(opts.getOrDefault("writers", "4"));

        var bench = new OutboxBench("jdbc:postgresql://127.0.0.1:" + pgPort + "/content?user=content&password=content",
                bootstrap);
        bench.ensureDirectTopic();
        bench.warmUp();

        List<double[]> outboxRuns = new ArrayList<>();
        List<double[]> directRuns = new ArrayList<>();
        List<Double> throughputRuns = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            // side by side: the two latency measurements alternate within each round
            double[] outbox = bench.outboxLatency(latencyEvents, rate);
            double[] direct = bench.directLatency(latencyEvents, rate);
            double tput = bench.outboxThroughput(throughputEvents, batch, writers);
            outboxRuns.add(outbox);
            directRuns.add(direct);
            throughputRuns.add(tput);
            System.out.printf("round %d: outbox p50 %.1f ms p99 %.1f ms | direct p50 %.1f ms p99 %.1f ms | outbox throughput %.0f events/s%n",
                    r, outbox[0], outbox[1], direct[0], direct[1], tput);
        }
        double outboxP50 = median(outboxRuns.stream().mapToDouble(a -> a[0]).toArray());
        double outboxP99 = median(outboxRuns.stream().mapToDouble(a -> a[1]).toArray());
        double directP50 = median(directRuns.stream().mapToDouble(a -> a[0]).toArray());
        double directP99 = median(directRuns.stream().mapToDouble(a -> a[1]).toArray());
        double tput = median(throughputRuns.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf("RESULT events=%d rate=%d/s rounds=%d%n", latencyEvents, rate, rounds);
        System.out.printf("RESULT outbox->consumer latency: median p50 %.1f ms, median p99 %.1f ms (target p99 <= 250 ms)%n",
                outboxP50, outboxP99);
        System.out.printf("RESULT direct produce->consumer latency: median p50 %.1f ms, median p99 %.1f ms%n",
                directP50, directP99);
        System.out.printf("RESULT ratio outbox/direct: p50 %.1fx, p99 %.1fx%n", outboxP50 / directP50, outboxP99 / directP99);
        System.out.printf("RESULT outbox->Kafka throughput: median %.0f events/s over %d events, %d per transaction, %d writers (target >= 5000)%n",
                tput, throughputEvents, batch, writers);
    }

    /** One tiny round trip so the connector, the consumer group machinery and the JIT are warm. */
    private void warmUp() throws Exception {
        outboxLatency(200, 200);
        directLatency(200, 200);
    }

    private double[] outboxLatency(int events, int rate) throws Exception {
        Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
        Map<UUID, Long> receivedAt = new ConcurrentHashMap<>();
        try (var receiver = new Receiver(bootstrap, TOPIC, receivedAt, events);
             Connection db = DriverManager.getConnection(jdbcUrl)) {
            receiver.start();
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into messaging.outbox_event(id, aggregatetype, aggregateid, type, payload) values (?, 'content', ?, 'BenchEvent', ?)");
                 PreparedStatement delete = db.prepareStatement("delete from messaging.outbox_event where id = ?")) {
                long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
                long next = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    UUID id = UUID.randomUUID();
                    insert.setObject(1, id);
                    insert.setString(2, "campaign-" + (i % 16));
                    insert.setBytes(3, payload(id));
                    insert.executeUpdate();
                    delete.setObject(1, id);
                    delete.executeUpdate();
                    db.commit();
                    committedAt.put(id, System.nanoTime());
                    next += intervalNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            receiver.awaitAll(Duration.ofSeconds(60));
        }
        return percentiles(committedAt, receivedAt);
    }

    private double[] directLatency(int events, int rate) throws Exception {
        Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
        Map<UUID, Long> receivedAt = new ConcurrentHashMap<>();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (var receiver = new Receiver(bootstrap, DIRECT_TOPIC, receivedAt, events);
             var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            receiver.start();
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            for (int i = 0; i < events; i++) {
                UUID id = UUID.randomUUID();
                // a synchronous send: the event "exists" once the broker acknowledged it, as a commit does
                producer.send(new ProducerRecord<>(DIRECT_TOPIC, "campaign-" + (i % 16), payload(id))).get();
                sentAt.put(id, System.nanoTime());
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) TimeUnit.NANOSECONDS.sleep(sleep);
            }
            receiver.awaitAll(Duration.ofSeconds(60));
        }
        return percentiles(sentAt, receivedAt);
    }

    /**
     * Inserts {@code events} rows as fast as {@code writers} connections can (as several service instances
     * would), {@code batch} rows per transaction, and measures until the last one is consumed.
     */
    private double outboxThroughput(int events, int batch, int writers) throws Exception {
        Map<UUID, Long> receivedAt = new ConcurrentHashMap<>();
        long start;
        try (var receiver = new Receiver(bootstrap, TOPIC, receivedAt, events)) {
            receiver.start();
            start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int w = 0; w < writers; w++) {
                int share = events / writers + (w < events % writers ? 1 : 0);
                Thread t = new Thread(() -> {
                    try {
                        writeBatches(share, batch);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }, "writer-" + w);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) t.join();
            if (!failures.isEmpty()) throw failures.get(0);
            double insertSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  throughput run: %d rows committed in %.1f s by %d connections (%.0f rows/s)%n",
                    events, insertSeconds, writers, events / insertSeconds);
            if (!receiver.awaitAll(Duration.ofSeconds(120))) {
                throw new IllegalStateException("throughput run: only " + receivedAt.size() + " of " + events + " events arrived");
            }
        }
        long last = receivedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        return events / ((last - start) / 1e9);
    }

    private void writeBatches(int events, int batch) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into messaging.outbox_event(id, aggregatetype, aggregateid, type, payload) values (?, 'content', ?, 'BenchEvent', ?)");
                 PreparedStatement delete = db.prepareStatement("delete from messaging.outbox_event where id = any(?)")) {
                List<UUID> ids = new ArrayList<>(batch);
                for (int i = 0; i < events; i++) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    insert.setObject(1, id);
                    insert.setString(2, "campaign-" + (i % 16));
                    insert.setBytes(3, payload(id));
                    insert.addBatch();
                    if (ids.size() == batch || i == events - 1) {
                        insert.executeBatch();
                        delete.setArray(1, db.createArrayOf("uuid", ids.toArray()));
                        delete.executeUpdate();
                        db.commit();
                        ids.clear();
                    }
                }
            }
        }
    }

    private void ensureDirectTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(DIRECT_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(DIRECT_TOPIC, 6, (short) 1))).all().get();
            }
        }
    }

    private static byte[] payload(UUID id) {
        ByteBuffer buf = ByteBuffer.allocate(PAYLOAD_BYTES);
        buf.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return buf.array();
    }

    private static double[] percentiles(Map<UUID, Long> startedAt, Map<UUID, Long> receivedAt) {
        double[] ms = startedAt.entrySet().stream()
                .filter(e -> receivedAt.containsKey(e.getKey()))
                .mapToDouble(e -> (receivedAt.get(e.getKey()) - e.getValue()) / 1e6)
                .sorted().toArray();
        if (ms.length < startedAt.size()) {
            throw new IllegalStateException("only " + ms.length + " of " + startedAt.size() + " events arrived");
        }
        return new double[] {ms[(int) (ms.length * 0.50)], ms[Math.min(ms.length - 1, (int) (ms.length * 0.99))]};
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return m;
    }

    /** Reads a topic from its current end and notes when each payload id arrives. */
    private static final class Receiver extends Thread implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final String topic;
        private final Map<UUID, Long> receivedAt;
        private final CountDownLatch all;
        private final CountDownLatch positioned = new CountDownLatch(1);
        private final AtomicBoolean running = new AtomicBoolean(true);

        Receiver(String bootstrap, String topic, Map<UUID, Long> receivedAt, int expected) {
            super("receiver-" + topic);
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            this.topic = topic;
            this.receivedAt = receivedAt;
            this.all = new CountDownLatch(expected);
        }

        @Override
        public synchronized void start() {
            super.start();
            try {
                positioned.await(); // only send once we are at the end of the topic
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).collect(Collectors.toList());
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position); // resolve the end offsets now
            positioned.countDown();
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    byte[] v = r.value();
                    if (v == null || v.length < 16) continue;
                    ByteBuffer buf = ByteBuffer.wrap(v);
                    UUID id = new UUID(buf.getLong(), buf.getLong());
                    if (receivedAt.putIfAbsent(id, now) == null) all.countDown();
                }
            }
            consumer.close();
        }

        boolean awaitAll(Duration timeout) throws InterruptedException {
            return all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            join();
        }
    }
}
