package io.campaignengine.testkit;

import io.campaignengine.events.EventCatalog;
import io.campaignengine.kit.avro.EventSerde;
import io.campaignengine.kit.avro.RegistryCallTimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * Real Kafka for the tests: a consumer positioned at the end of a topic (to see what the service's outbox emits
 * through Debezium), and a producer that writes events the way Debezium's EventRouter does (key, Avro bytes with the
 * registry's schema id, headers id / eventType / correlationId) for the service's consumers.
 */
public final class TestKafka {
    private TestKafka() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static String registry() {
        return ConfigProvider.getConfig().getValue("campaign-engine.registry.url", String.class);
    }

    /** A consumer of every partition of {@code topic}, at its current end. */
    public static KafkaConsumer<String, byte[]> tail(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before the action under test
        return consumer;
    }

    /** Records polled by a consumer but not matched yet: the next await sees them (one poll can bring several events). */
    private static final Map<KafkaConsumer<String, byte[]>, Deque<ConsumerRecord<String, byte[]>>> UNSEEN =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The first record, in order, that matches — among those an earlier await polled but did not take, then new ones;
     * fails after {@code timeout}. Records that do not match stay for the next await on the same consumer.
     */
    public static ConsumerRecord<String, byte[]> await(KafkaConsumer<String, byte[]> consumer, Duration timeout,
                                               Predicate<ConsumerRecord<String, byte[]>> match) {
        Deque<ConsumerRecord<String, byte[]>> unseen = UNSEEN.computeIfAbsent(consumer, c -> new ArrayDeque<>());
        long end = System.nanoTime() + timeout.toNanos();
        do {
            ConsumerRecord<String, byte[]> r = take(unseen, match);
            if (r != null) {
                return r;
            }
            consumer.poll(Duration.ofMillis(200)).forEach(unseen::add);
        } while (System.nanoTime() < end);
        ConsumerRecord<String, byte[]> r = take(unseen, match);
        if (r == null) {
            throw new AssertionError("no matching record within " + timeout + "; seen but not matched: " + summary(unseen));
        }
        return r;
    }

    /** What a timed-out await saw instead (the last 20, as eventType key@partition:offset), so a CI failure tells its story. */
    static String summary(Deque<ConsumerRecord<String, byte[]>> unseen) {
        List<String> seen = new ArrayList<>();
        unseen.forEach(x -> seen.add(header(x, "eventType") + " " + x.key() + "@" + x.partition() + ":" + x.offset()));
        return seen.isEmpty() ? "nothing" : seen.size() + " records " + seen.subList(Math.max(0, seen.size() - 20), seen.size());
    }

    private static ConsumerRecord<String, byte[]> take(Deque<ConsumerRecord<String, byte[]>> unseen,
                                                       Predicate<ConsumerRecord<String, byte[]>> match) {
        for (Iterator<ConsumerRecord<String, byte[]>> it = unseen.iterator(); it.hasNext(); ) {
            ConsumerRecord<String, byte[]> r = it.next();
            if (match.test(r)) {
                it.remove();
                return r;
            }
        }
        return null;
    }

    public static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Decodes through the registry (the deserializer reads the schema id in the payload). */
    public static SpecificRecord decode(String topic, byte[] payload) {
        return withRegistry(() -> Serde.INSTANCE.deserialize(topic, payload));
    }

    public static byte[] encode(String topic, SpecificRecord event) {
        return withRegistry(() -> Serde.INSTANCE.serialize(topic, event));
    }

    /**
     * One service-kit EventSerde for the JVM, created on first use (it captures the test's class loader): it caches the
     * schemas it resolved, so a test's events cost a registry call per schema, not per event, and its registry calls
     * are bounded (an unanswered one replaces its registry client and fails with RegistryCallTimeoutException).
     */
    private static final class Serde {
        static final EventSerde INSTANCE = new EventSerde(
                io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)),
                registry(), Duration.ofSeconds(20));
    }

    /** A registry call that timed out is tried once more, on the fresh registry client. */
    private static <T> T withRegistry(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RegistryCallTimeoutException e) {
            return call.get();
        }
    }

    /** Publishes like the outbox connector: key = campaignId/businessId, headers id, eventType, correlationId. */
    public static void publish(SpecificRecord event) {
        String topic = EventCatalog.topicOf(event);
        publishRaw(topic, EventCatalog.aggregateKeyOf(event), EventCatalog.eventNameOf(event),
                EventCatalog.envelopeOf(event).getEventId().toString(), encode(topic, event));
    }

    public static void publishRaw(String topic, String key, String eventType, String id, byte[] value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("id", id.getBytes(StandardCharsets.UTF_8));
            headers.add("eventType", eventType.getBytes(StandardCharsets.UTF_8));
            headers.add("correlationId", "test-correlation".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }
}
