package io.campaignengine.kit.testapp;

import io.campaignengine.events.kittest.WidgetCreated;
import io.campaignengine.events.kittest.WidgetRenamed;
import io.campaignengine.kit.consumer.ConsumedEvent;
import io.campaignengine.kit.consumer.IdempotentConsumer;
import io.campaignengine.kit.consumer.TransientEventException;
import io.campaignengine.kit.outbox.Envelopes;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The test app's consumer of kittest.events: records every applied event in kittest.applied_event (no unique key: a
 * second application would show as a second row). Names drive special behaviour:
 * {@code poison-handler*} fails (non-transient), {@code transient-once*} fails transiently on its first attempt,
 * {@code chain-*} publishes a WidgetRenamed from inside the handler.
 */
@ApplicationScoped
public class WidgetEventsConsumer {

    public static final String CONSUMER = "service-kit-test";
    /** Names of {@code transient-once*} widgets whose first attempt already failed. */
    private static final java.util.Set<String> FAILED_ONCE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final IdempotentConsumer consumer;
    private final OutboxWriter outbox;

    public WidgetEventsConsumer(IdempotentConsumer consumer, OutboxWriter outbox) {
        this.consumer = consumer;
        this.outbox = outbox;
    }

    @Incoming("kittest-events")
    public Uni<Void> onMessage(Message<byte[]> message) {
        return consumer.consume(message, CONSUMER, this::apply);
    }

    private Uni<?> apply(SpecificRecord event, ConsumedEvent context) {
        return switch (event) {
            case WidgetCreated created -> {
                if (created.getName().startsWith("poison-handler")) {
                    throw new IllegalArgumentException("cannot apply widget " + created.getName());
                }
                Uni<Integer> record = record(context, created.getWidgetId().toString(), created.getName());
                if (created.getName().startsWith("transient-once") && FAILED_ONCE.add(created.getName())) {
                    // fails AFTER writing: the retry must not see this attempt's row
                    yield record.chain(() -> Uni.createFrom().failure(new TransientEventException("database hiccup")));
                }
                if (created.getName().startsWith("chain-")) {
                    yield record.chain(() -> outbox.publish(WidgetRenamed.newBuilder()
                            .setEnvelope(Envelopes.forBusiness(created.getEnvelope().getBusinessId()))
                            .setWidgetId(created.getWidgetId())
                            .setName("renamed-" + created.getName())
                            .build()));
                }
                yield record;
            }
            case WidgetRenamed renamed -> record(context, renamed.getWidgetId().toString(), renamed.getName());
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Integer> record(ConsumedEvent context, String widgetId, String name) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into kittest.applied_event (event_id, event_type, widget_id, name, correlation_id, causation_id)"
                        + " values (:eventId, :type, cast(:widgetId as uuid), :name, :correlationId, :causationId)")
                .setParameter("eventId", context.envelope().getEventId())
                .setParameter("type", context.eventType())
                .setParameter("widgetId", widgetId)
                .setParameter("name", name)
                .setParameter("correlationId", context.envelope().getCorrelationId())
                .setParameter("causationId", context.envelope().getCausationId())
                .executeUpdate());
    }
}
