package io.campaignengine.kit.support;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.campaignengine.events.Envelope;
import io.campaignengine.events.kittest.WidgetCreated;
import io.campaignengine.kit.avro.EventSerde;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Test-side Avro through the real registry, with serdes of its own (configured like the contract, independent of the
 * application's EventSerde): what a foreign producer/consumer of the topic would do.
 */
public final class Events {

    private static final AvroKafkaSerializer<SpecificRecord> SERIALIZER = new AvroKafkaSerializer<>();
    private static final AvroKafkaDeserializer<SpecificRecord> DESERIALIZER = new AvroKafkaDeserializer<>();

    static {
        SERIALIZER.configure(EventSerde.serdeConfig(TestStack.REGISTRY), false);
        DESERIALIZER.configure(EventSerde.serdeConfig(TestStack.REGISTRY), false);
    }

    private Events() {
    }

    public static synchronized byte[] serialize(SpecificRecord event) {
        return withLoader(() -> SERIALIZER.serialize(TestStack.TOPIC, event));
    }

    public static synchronized SpecificRecord deserialize(byte[] bytes) {
        return withLoader(() -> DESERIALIZER.deserialize(TestStack.TOPIC, bytes));
    }

    /** A WidgetCreated with a fresh envelope. */
    public static WidgetCreated widgetCreated(String businessId, String name, String correlationId) {
        return WidgetCreated.newBuilder()
                .setEnvelope(Envelope.newBuilder()
                        .setEventId(UUID.randomUUID())
                        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                        .setBusinessId(businessId)
                        .setCampaignId(null)
                        .setCorrelationId(correlationId)
                        .setCausationId(null)
                        .build())
                .setWidgetId(UUID.randomUUID())
                .setName(name)
                .setQuantity(1)
                .build();
    }

    private static <T> T withLoader(java.util.function.Supplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(Events.class.getClassLoader());
        try {
            return work.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
