package io.campaignengine.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fault the platform must survive: Kafka stops while a service keeps writing. The writer commits one
 * outbox row every 20 ms (one aggregate, so one partition and one order); halfway the broker is stopped
 * (SIGTERM to the pid devstack recorded), the writer carries on, then the broker is started again with
 * {@code bin/devstack up} (which starts only what is missing). Afterwards every event must have arrived,
 * in commit order; redeliveries (Debezium is at-least-once) are counted and must collapse to "once" when
 * deduplicated by event id, as the idempotent consumers do.
 */
public final class KafkaOutageDemo {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String profile = args.length > 1 ? args[1] : "test";
        // the ports of the stack in use: its stack.env (written by bin/devstack up)
        Properties env = new Properties();
        try (var in = Files.newBufferedReader(root.resolve(".devstack/" + profile + "/stack.env"))) {
            env.load(in);
        }
        int pgPort = Integer.parseInt(env.getProperty("CE_PG_PORT"));
        String bootstrap = env.getProperty("CE_KAFKA_BOOTSTRAP");
        String topic = "content.events";
        String key = "campaign-outage-" + UUID.randomUUID();

        List<long[]> received = new CopyOnWriteArrayList<>(); // {seq, arrival nanos}
        AtomicBoolean running = new AtomicBoolean(true);
        Thread consumerThread = startConsumer(bootstrap, topic, key, received, running);

        int before = 150, during = 500, after = 150; // 3 s, 10 s, 3 s at 50 events/s
        long t0 = System.nanoTime();
        try (Connection db = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/content?user=content&password=content")) {
            db.setAutoCommit(false);
            int seq = 0;
            seq = write(db, key, seq, before);
            log(t0, "wrote %d events; stopping the Kafka broker", seq);
            stopBroker(root, profile);
            log(t0, "broker stopped; writing while it is down");
            seq = write(db, key, seq, during);
            log(t0, "wrote %d events in all; %d received so far; starting the broker again", seq, received.size());
            long restart = System.nanoTime();
            Process up = new ProcessBuilder(root.resolve("bin/devstack").toString(), "up", "--profile", profile, "--no-services")
                    .directory(root.toFile()).inheritIO().start();
            if (up.waitFor() != 0) throw new IllegalStateException("bin/devstack up failed");
            log(t0, "broker back after %.1f s", (System.nanoTime() - restart) / 1e9);
            seq = write(db, key, seq, after);
            int total = seq;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (distinct(received) < total && System.nanoTime() < deadline) Thread.sleep(100);
            log(t0, "all written: %d; received %d deliveries, %d distinct", total, received.size(), distinct(received));
            running.set(false);
            consumerThread.join();
            report(received, total);
        }
    }

    private static int write(Connection db, String key, int seq, int count) throws Exception {
        try (PreparedStatement insert = db.prepareStatement(
                "insert into messaging.outbox_event(id, aggregatetype, aggregateid, type, payload) values (?, 'content', ?, 'OutageDemo', ?)");
             PreparedStatement delete = db.prepareStatement("delete from messaging.outbox_event where id = ?")) {
            for (int i = 0; i < count; i++, seq++) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, key);
                insert.setBytes(3, ByteBuffer.allocate(8).putLong(seq).array());
                insert.executeUpdate();
                delete.setObject(1, id);
                delete.executeUpdate();
                db.commit();
                Thread.sleep(20);
            }
        }
        return seq;
    }

    private static void stopBroker(Path root, String profile) throws Exception {
        long pid = Long.parseLong(Files.readString(root.resolve(".devstack/" + profile + "/pids/kafka.pid")).trim());
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("broker pid " + pid + " not running"));
        broker.destroy();
        broker.onExit().get(60, TimeUnit.SECONDS);
    }

    private static Thread startConsumer(String bootstrap, String topic, String key, List<long[]> received, AtomicBoolean running)
            throws InterruptedException {
        var ready = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = new ArrayList<>();
                consumer.partitionsFor(topic).forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
                consumer.assign(parts);
                consumer.seekToEnd(parts);
                parts.forEach(consumer::position);
                ready.countDown();
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        if (key.equals(r.key())) received.add(new long[] {ByteBuffer.wrap(r.value()).getLong(), System.nanoTime()});
                    }
                }
            }
        }, "outage-consumer");
        t.start();
        ready.await();
        return t;
    }

    private static long distinct(List<long[]> received) {
        return received.stream().mapToLong(r -> r[0]).distinct().count();
    }

    private static void report(List<long[]> received, int total) {
        Set<Long> seen = new HashSet<>();
        List<Long> applied = new ArrayList<>(); // what an idempotent consumer applies: first delivery of each id
        for (long[] r : received) if (seen.add(r[0])) applied.add(r[0]);
        boolean inOrder = true;
        for (int i = 0; i < applied.size(); i++) if (applied.get(i) != i) { inOrder = false; break; }
        int duplicates = received.size() - applied.size();
        System.out.printf("RESULT written %d, delivered %d, distinct %d, redelivered %d, missing %d, applied in commit order: %s%n",
                total, received.size(), applied.size(), duplicates, total - applied.size(), inOrder ? "yes" : "NO");
        if (applied.size() != total || !inOrder) {
            System.out.println("RESULT FAILED");
            System.exit(1);
        }
        System.out.println("RESULT OK: every event arrived, in order, once after deduplication by id");
    }

    private static void log(long t0, String fmt, Object... args) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, String.format(fmt, args));
    }
}
