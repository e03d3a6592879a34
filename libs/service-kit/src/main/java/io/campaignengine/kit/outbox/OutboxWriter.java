package io.campaignengine.kit.outbox;

import io.campaignengine.events.Envelope;
import io.campaignengine.events.EventCatalog;
import io.campaignengine.kit.avro.EventSerde;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Publishes events through the transactional outbox: the event, Avro-serialized through the registry, is inserted into
 * {@code messaging.outbox_event} and deleted again, in the caller's transaction. Debezium reads the insert from the WAL
 * and the outbox EventRouter writes it to Kafka ({@code <aggregatetype>.events}, key = aggregateid, value = the bytes
 * unchanged, headers id / eventType / correlationId). An event exists if and only if the transaction commits.
 *
 * <pre>{@code
 * @WithTransaction
 * public Uni<Campaign> approve(UUID id) {
 *     return campaigns.findById(id)
 *             .invoke(c -> c.status = APPROVED)
 *             .call(c -> outbox.publish(CampaignApproved.newBuilder()
 *                     .setEnvelope(Envelopes.create(c.businessId, c.id)) ... .build()));
 * }
 * }</pre>
 * Must run inside a Hibernate Reactive transaction ({@code Panache.withTransaction} / {@code @WithTransaction}); it
 * fails with IllegalStateException otherwise. With a plain {@code Mutiny.SessionFactory.withTransaction}, pass the
 * session: {@link #publish(Mutiny.Session, SpecificRecord)}.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final Logger LOG = Logger.getLogger(OutboxWriter.class);

    static final String INSERT = "insert into messaging.outbox_event"
            + " (id, aggregatetype, aggregateid, type, payload, correlation_id)"
            + " values (:id, :aggregatetype, :aggregateid, :type, :payload, :correlationId)";
    static final String DELETE = "delete from messaging.outbox_event where id = :id";

    private final EventSerde serde;
    private final boolean allowUncatalogued;

    public OutboxWriter(EventSerde serde,
            @ConfigProperty(name = "campaign-engine.events.allow-uncatalogued", defaultValue = "false") boolean allowUncatalogued) {
        this.serde = serde;
        this.allowUncatalogued = allowUncatalogued;
    }

    /** Publishes {@code event} in the current Panache transaction. */
    public Uni<Void> publish(SpecificRecord event) {
        return Panache.getSession().chain(session -> publish(session, event));
    }

    /** Publishes several events, in order, in the current Panache transaction. */
    public Uni<Void> publishAll(List<? extends SpecificRecord> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SpecificRecord event : events) {
            chain = chain.chain(() -> publish(event));
        }
        return chain;
    }

    /** Publishes {@code event} in the transaction of {@code session}. */
    public Uni<Void> publish(Mutiny.Session session, SpecificRecord event) {
        Envelope envelope;
        EventRoute route;
        try {
            if (session.currentTransaction() == null) {
                throw new IllegalStateException("OutboxWriter.publish must run inside a transaction"
                        + " (Panache.withTransaction / @WithTransaction): an event exists only if its transaction commits");
            }
            envelope = EventCatalog.envelopeOf(event);
            if (envelope.getEventId() == null || envelope.getCorrelationId() == null || envelope.getBusinessId() == null) {
                throw new IllegalArgumentException(event.getSchema().getName()
                        + ": envelope needs eventId, businessId and correlationId (use Envelopes.create)");
            }
            route = EventRoute.of(event, allowUncatalogued);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        UUID id = envelope.getEventId();
        return serde.serializeAsync(route.topic(), event)
                .chain(payload -> session.createNativeQuery(INSERT)
                        .setParameter("id", id)
                        .setParameter("aggregatetype", route.aggregateType())
                        .setParameter("aggregateid", route.aggregateId())
                        .setParameter("type", route.type())
                        .setParameter("payload", payload)
                        .setParameter("correlationId", envelope.getCorrelationId())
                        .executeUpdate())
                .chain(() -> session.createNativeQuery(DELETE).setParameter("id", id).executeUpdate())
                .invoke(() -> LOG.debugf("outbox: %s %s -> %s key %s", route.type(), id, route.topic(), route.aggregateId()))
                .replaceWithVoid();
    }
}
