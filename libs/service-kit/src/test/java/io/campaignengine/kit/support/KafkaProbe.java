package io.campaignengine.kit.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads a topic of the real broker from its beginning, in the background, and keeps every record (raw bytes). */
public final class KafkaProbe implements AutoCloseable {

    private final List<ConsumerRecord<byte[], byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaProbe(String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.KAFKA,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
            }
        }, "kafka-probe-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    public List<ConsumerRecord<byte[], byte[]>> records() {
        return new ArrayList<>(records);
    }

    public List<ConsumerRecord<byte[], byte[]>> matching(Predicate<ConsumerRecord<byte[], byte[]>> filter) {
        return records.stream().filter(filter).toList();
    }

    public Optional<ConsumerRecord<byte[], byte[]>> first(Predicate<ConsumerRecord<byte[], byte[]>> filter) {
        return records.stream().filter(filter).findFirst();
    }

    /** Records whose header {@code name} has the text {@code value}. */
    public static Predicate<ConsumerRecord<byte[], byte[]>> header(String name, String value) {
        return r -> value.equals(header(r, name));
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Produces raw bytes (and waits for the broker's ack). */
    public static void produce(String topic, byte[] key, byte[] value) {
        produce(topic, key, value, null);
    }

    /** Produces raw bytes with these headers (and waits for the broker's ack). */
    public static void produce(String topic, byte[] key, byte[] value, Iterable<Header> headers) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.KAFKA,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
