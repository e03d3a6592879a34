package io.campaignengine.testkit;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.campaignengine.events.EventCatalog;
import io.campaignengine.kit.avro.EventSerde;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        return withRegistry("decode", () -> deserializer().deserialize(topic, payload));
    }

    /**
     * The registry client on a Vert.x of its own, created once and never closed (as service-kit's EventSerde does): a
     * client left to pick or create a Vert.x per serializer was seen hanging forever on a registry call in a test.
     */
    private static final io.vertx.core.Vertx REGISTRY_VERTX = io.vertx.core.Vertx.vertx(
            new io.vertx.core.VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));

    static java.util.Map<String, Object> serdeConfig() {
        java.util.Map<String, Object> config = EventSerde.serdeConfig(registry());
        config.put(io.apicurio.registry.resolver.config.SchemaResolverConfig.VERTX_INSTANCE, REGISTRY_VERTX);
        return config;
    }

    public static byte[] encode(String topic, SpecificRecord event) {
        return withRegistry("encode", () -> serializer().serialize(topic, event));
    }

    // One serializer and one deserializer for the JVM: they cache the schemas they resolved, so a test's events cost a
    // registry call per schema, not per event. A registry call was seen never completing (a lost response on a pooled
    // connection, no timeout in the client): the call is bounded, and retried once on a fresh serde.
    private static AvroKafkaSerializer<SpecificRecord> serializer;
    private static AvroKafkaDeserializer<SpecificRecord> deserializer;
    private static final ExecutorService REGISTRY_CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-kafka-registry");
        t.setDaemon(true);
        return t;
    });
    private static final Duration REGISTRY_CALL_TIMEOUT = Duration.ofSeconds(30);

    private static synchronized AvroKafkaSerializer<SpecificRecord> serializer() {
        if (serializer == null) {
            AvroKafkaSerializer<SpecificRecord> s = new AvroKafkaSerializer<>();
            s.configure(serdeConfig(), false);
            serializer = s;
        }
        return serializer;
    }

    private static synchronized AvroKafkaDeserializer<SpecificRecord> deserializer() {
        if (deserializer == null) {
            AvroKafkaDeserializer<SpecificRecord> d = new AvroKafkaDeserializer<>();
            d.configure(serdeConfig(), false);
            deserializer = d;
        }
        return deserializer;
    }

    private static synchronized void dropSerdes() {
        serializer = null; // not closed: a hung call may still hold it
        deserializer = null;
    }

    private static <T> T withRegistry(String what, Callable<T> call) {
        for (int attempt = 1; ; attempt++) {
            Future<T> f = REGISTRY_CALLS.submit(call);
            try {
                return f.get(REGISTRY_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                dropSerdes();
                if (attempt == 2) {
                    throw new IllegalStateException(what + ": the registry did not answer within " + REGISTRY_CALL_TIMEOUT + ", twice", e);
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(what, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + " interrupted", e);
            }
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
