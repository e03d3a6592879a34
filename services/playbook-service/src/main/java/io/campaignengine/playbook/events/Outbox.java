package io.campaignengine.playbook.events;

import io.campaignengine.events.Envelope;
import io.campaignengine.events.EventCatalog;
import io.campaignengine.kit.avro.EventSerde;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Transactional outbox: serializes the event with service-kit's {@link EventSerde} (Apicurio Avro, schema id in the
 * payload) and inserts it into messaging.outbox_event in the caller's Hibernate Reactive transaction, then deletes
 * it again (Debezium reads the insert from the WAL). Rollback = no event.
 *
 * <p>Same row layout as service-kit's {@code OutboxWriter}; the difference is that serialization always runs on a
 * worker thread (result back on the caller's Vert.x context): {@code OutboxWriter} serializes "warm" events inline on
 * the event loop, and when the serde's schema cache misses there the registry call deadlocks the event loop (seen with
 * Quarkus 3.34.2 / apicurio serde 3.1.7: the first POST after the start-up warm-up hung). Replace with
 * {@code OutboxWriter.publish} once that is fixed.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = "insert into messaging.outbox_event"
            + " (id, aggregatetype, aggregateid, type, payload, correlation_id, occurred_at)"
            + " values (:id, :aggregatetype, :aggregateid, :type, :payload, :correlationId, :occurredAt)";
    private static final String DELETE = "delete from messaging.outbox_event where id = :id";

    private final EventSerde serde;

    public Outbox(EventSerde serde) {
        this.serde = serde;
    }

    /** Must run inside a transaction (Panache.withTransaction / @WithTransaction). */
    public Uni<Void> publish(SpecificRecord event) {
        String topic = EventCatalog.topicOf(event);
        Envelope envelope = EventCatalog.envelopeOf(event);
        UUID id = envelope.getEventId();
        return serialize(topic, event).chain(payload -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", id)
                        .setParameter("aggregatetype", EventCatalog.aggregateOf(topic))
                        .setParameter("aggregateid", EventCatalog.aggregateKeyOf(event))
                        .setParameter("type", EventCatalog.eventNameOf(event))
                        .setParameter("payload", payload)
                        .setParameter("correlationId", envelope.getCorrelationId())
                        .setParameter("occurredAt", OffsetDateTime.ofInstant(envelope.getOccurredAt(), ZoneOffset.UTC))
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(DELETE).setParameter("id", id).executeUpdate())))
                .replaceWithVoid();
    }

    private Uni<byte[]> serialize(String topic, SpecificRecord event) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return Uni.createFrom().item(() -> serde.serialize(topic, event));
        }
        return Uni.createFrom().emitter(emitter -> context.<byte[]>executeBlocking(() -> serde.serialize(topic, event), false)
                .onComplete(r -> {
                    if (r.succeeded()) {
                        emitter.complete(r.result());
                    } else {
                        emitter.fail(r.cause());
                    }
                }));
    }
}
