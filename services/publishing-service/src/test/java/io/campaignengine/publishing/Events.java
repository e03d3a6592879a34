package io.campaignengine.publishing;

import io.campaignengine.testkit.TestKafka;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** publishing.events as the service writes them (outbox → Debezium → Kafka), read from the end; keeps what it saw. */
final class Events implements AutoCloseable {
    record Seen(ConsumerRecord<String, byte[]> record, SpecificRecord event) {
    }

    private final KafkaConsumer<String, byte[]> consumer = TestKafka.tail("publishing.events");
    private final List<Seen> seen = new ArrayList<>();

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new Seen(r, TestKafka.decode("publishing.events", r.value())));
        }
    }

    <T extends SpecificRecord> List<T> all(Class<T> type, Predicate<T> match) {
        List<T> out = new ArrayList<>();
        for (Seen s : seen) if (type.isInstance(s.event()) && match.test(type.cast(s.event()))) out.add(type.cast(s.event()));
        return out;
    }

    /** The first event of this type matching, waiting up to 40 s. */
    <T extends SpecificRecord> T await(Class<T> type, Predicate<T> match) {
        return awaitCount(type, match, 1).get(0);
    }

    <T extends SpecificRecord> List<T> awaitCount(Class<T> type, Predicate<T> match, int n) {
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (true) {
            List<T> found = all(type, match);
            if (found.size() >= n) return found;
            if (System.nanoTime() > end) throw new AssertionError("only " + found.size() + " of " + n + " " + type.getSimpleName() + " within 40 s");
            poll();
        }
    }

    ConsumerRecord<String, byte[]> recordOf(SpecificRecord event) {
        for (Seen s : seen) if (s.event().equals(event)) return s.record();
        return null;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
