package io.campaignengine.kit.consumer;

import io.campaignengine.events.Envelope;
import io.campaignengine.events.EventCatalog;
import io.campaignengine.kit.avro.EventSerde;
import io.campaignengine.kit.avro.UndecodableEventException;
import io.campaignengine.kit.correlation.CorrelationContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Idempotent, poison-safe consumption of events, for SmallRye Kafka incoming channels that receive raw bytes:
 *
 * <pre>{@code
 * @Incoming("campaign-events")
 * public Uni<Void> onCampaignEvent(Message<byte[]> message) {
 *     return consumer.consume(message, (event, ctx) -> switch (event) {
 *         case CampaignApproved approved -> service.onApproved(approved);
 *         default -> Uni.createFrom().voidItem();          // not interested
 *     });
 * }
 * }</pre>
 * with the channel configured as
 * <pre>
 * mp.messaging.incoming.campaign-events.connector=smallrye-kafka
 * mp.messaging.incoming.campaign-events.topic=campaign.events
 * mp.messaging.incoming.campaign-events.group.id=content-service
 * mp.messaging.incoming.campaign-events.key.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer
 * mp.messaging.incoming.campaign-events.value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer
 * mp.messaging.incoming.campaign-events.failure-strategy=dead-letter-queue   (the kit's default for every channel)
 * </pre>
 *
 * For each record:
 * <ol>
 * <li>decode the value with the registry's Avro deserializer into the generated class (on a worker thread if the
 * schema id is new: see {@link EventSerde});</li>
 * <li>make the envelope's correlationId current and its eventId the causation id (log MDC, {@link CorrelationContext},
 * so events the handler publishes are chained to it);</li>
 * <li>in ONE transaction: {@code insert into messaging.processed_event(event_id, consumer) ... on conflict do nothing};
 * when a row was inserted run the handler (its writes join the transaction); when not, the event was already applied:
 * nothing happens;</li>
 * <li>transient failures (connection loss, serialization failure, deadlock, {@link TransientEventException}) are
 * retried with exponential back-off on the record's own Vert.x context, up to
 * {@code campaign-engine.consumer.max-attempts};</li>
 * <li>poison (undecodable bytes, no envelope, a handler failure that is not transient, or retries exhausted) is nacked
 * with the DLQ topic {@code <topic>.dlq} in the nack metadata: SmallRye's dead-letter-queue strategy writes the
 * original key and value bytes and headers there, plus {@code dead-letter-reason}, {@code dead-letter-exception-class-name},
 * {@code dead-letter-cause(-class-name)}, {@code dead-letter-topic/partition/offset}, and ours: {@code dead-letter-consumer},
 * {@code dead-letter-stage} (decode|handle), {@code dead-letter-transient}; consumption goes on;</li>
 * <li>ack, and one log line: {@code consumed CampaignApproved <eventId> campaign.events-3@42 by content-service: applied (12 ms)}.</li>
 * </ol>
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    public static final String HEADER_CONSUMER = "dead-letter-consumer";
    public static final String HEADER_STAGE = "dead-letter-stage";
    public static final String HEADER_TRANSIENT = "dead-letter-transient";
    public static final String DLQ_SUFFIX = ".dlq";

    static final String MARK_PROCESSED = "insert into messaging.processed_event (event_id, consumer) values (:eventId, :consumer)"
            + " on conflict do nothing";

    enum Outcome {
        APPLIED, DUPLICATE, DEAD_LETTERED
    }

    private final EventSerde serde;
    private final String defaultConsumer;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile boolean shuttingDown;

    public IdempotentConsumer(EventSerde serde,
            @ConfigProperty(name = "campaign-engine.consumer.name") String defaultConsumer,
            @ConfigProperty(name = "campaign-engine.consumer.max-attempts", defaultValue = "8") int maxAttempts,
            @ConfigProperty(name = "campaign-engine.consumer.initial-backoff", defaultValue = "PT0.2S") Duration initialBackoff,
            @ConfigProperty(name = "campaign-engine.consumer.max-backoff", defaultValue = "PT10S") Duration maxBackoff) {
        this.serde = serde;
        this.defaultConsumer = defaultConsumer;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Consumes {@code message} as consumer {@code campaign-engine.consumer.name} (default: the application name). */
    public Uni<Void> consume(Message<byte[]> message, EventHandler handler) {
        return consume(message, defaultConsumer, handler);
    }

    /**
     * Consumes {@code message} when its {@code eventType} header is one of {@code eventTypes}; any other event of the
     * topic is acknowledged without being decoded (a topic carries many event types, a service handles a few). A record
     * without the header is consumed (and dead-lettered if it cannot be decoded).
     */
    public Uni<Void> consume(Message<byte[]> message, Set<String> eventTypes, EventHandler handler) {
        String type = eventType(message);
        if (type != null && !eventTypes.contains(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return consume(message, defaultConsumer, handler);
    }

    /** The {@code eventType} header the outbox router puts on every record (the event's simple name), or null. */
    public static String eventType(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader("eventType"))
                .map(h -> h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8))
                .orElse(null);
    }

    /**
     * Consumes {@code message} under the consumer name {@code consumer} (the processed_event key: use one name per
     * handler when a service handles the same topic in several places).
     */
    public Uni<Void> consume(Message<byte[]> message, String consumer, EventHandler handler) {
        long start = System.nanoTime();
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String topic = kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse("?");
        int partition = kafka.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1);
        long offset = kafka.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        String key = kafka.map(m -> keyText(m.getKey())).orElse(null);
        String where = topic + "-" + partition + "@" + offset;
        byte[] payload = message.getPayload();
        Context context = Vertx.currentContext();

        return decode(topic, payload, context)
                .onItemOrFailure().transformToUni((event, decodeFailure) -> {
                    if (decodeFailure != null) {
                        CorrelationContext.begin(headerText(kafka, "correlationId"), headerText(kafka, "id"));
                        return deadLetter(message, topic, consumer, "decode", decodeFailure)
                                .invoke(() -> logLine(start, "undecodable", null, where, consumer, Outcome.DEAD_LETTERED, decodeFailure));
                    }
                    Envelope envelope;
                    try {
                        envelope = EventCatalog.envelopeOf(event);
                        if (envelope.getEventId() == null) {
                            throw new IllegalArgumentException("envelope without eventId");
                        }
                    } catch (RuntimeException e) {
                        return deadLetter(message, topic, consumer, "decode", new UndecodableEventException(e.getMessage(), e))
                                .invoke(() -> logLine(start, event.getSchema().getName(), null, where, consumer, Outcome.DEAD_LETTERED, e));
                    }
                    CorrelationContext.begin(envelope.getCorrelationId(), envelope.getEventId().toString());
                    ConsumedEvent consumed = new ConsumedEvent(topic, partition, offset, key, event.getSchema().getName(),
                            envelope, consumer);
                    return attempt(event, consumed, handler, context, 1)
                            .onItemOrFailure().transformToUni((outcome, failure) -> {
                                if (failure == null) {
                                    return Uni.createFrom().completionStage(message.ack())
                                            .invoke(() -> logLine(start, consumed.eventType(), envelope.getEventId(), where, consumer, outcome, null));
                                }
                                return deadLetter(message, topic, consumer, "handle", failure)
                                        .invoke(() -> logLine(start, consumed.eventType(), envelope.getEventId(), where, consumer,
                                                Outcome.DEAD_LETTERED, failure));
                            });
                });
    }

    /** Decodes; a registry that is briefly unavailable is retried, anything else is poison. Emits on {@code context}. */
    private Uni<SpecificRecord> decode(String topic, byte[] payload, Context context) {
        Uni<SpecificRecord> decoded = Uni.createFrom().deferred(() -> serde.deserializeAsync(topic, payload))
                .onFailure().transform(e -> e instanceof UndecodableEventException || Failures.isTransient(e) ? e
                        : new UndecodableEventException("cannot decode: " + e, e));
        if (maxAttempts > 1) {
            decoded = decoded.onFailure(Failures::isTransient).retry().withBackOff(initialBackoff, maxBackoff).atMost(maxAttempts - 1);
        }
        return decoded.emitOn(command -> runOn(context, command));
    }

    /** One transaction: mark processed (or find it was), then apply. Transient failures are retried. */
    private Uni<Outcome> attempt(SpecificRecord event, ConsumedEvent consumed, EventHandler handler, Context context, int attempt) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK_PROCESSED)
                        .setParameter("eventId", consumed.envelope().getEventId())
                        .setParameter("consumer", consumed.consumer())
                        .executeUpdate())
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(Outcome.DUPLICATE)
                        : Uni.createFrom().deferred(() -> {
                            Uni<?> writes = handler.handle(event, consumed);
                            return writes == null ? Uni.createFrom().voidItem() : writes;
                        }).replaceWith(Outcome.APPLIED))))
                .onFailure(failure -> Failures.isTransient(failure) && attempt < maxAttempts)
                .recoverWithUni(failure -> {
                    Duration delay = backoff(attempt);
                    LOG.warnf("transient failure applying %s %s (attempt %d of %d), retrying in %d ms: %s",
                            consumed.eventType(), consumed.envelope().getEventId(), attempt, maxAttempts, delay.toMillis(), failure.toString());
                    return delay(context, delay).chain(() -> attempt(event, consumed, handler, context, attempt + 1));
                });
    }

    void onShutdown(@Observes ShutdownEvent ignored) {
        shuttingDown = true;
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String topic, String consumer, String stage, Throwable failure) {
        if (shuttingDown && Failures.isTransient(failure)) {
            // the pool/connection went away because we are stopping: neither ack nor dead-letter; the record is
            // redelivered to the next instance (its offset is not committed) and processed_event keeps that idempotent
            LOG.warnf("not acknowledging %s-%s: shutting down (%s)", topic, consumer, failure.toString());
            return Uni.createFrom().nothing();
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_STAGE, stage.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_TRANSIENT, Boolean.toString(Failures.isTransient(failure)).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<?> dlq = OutgoingKafkaRecordMetadata.builder()
                .withTopic(topic + DLQ_SUFFIX)
                .withHeaders(headers)
                .build();
        return Uni.createFrom().completionStage(() -> message.nack(failure, Metadata.of(dlq)));
    }

    private Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    private static Uni<Void> delay(Context context, Duration delay) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(Math.max(1, delay.toMillis()),
                id -> context.runOnContext(v -> emitter.complete(null))));
    }

    private static void runOn(Context context, Runnable command) {
        if (context == null || Vertx.currentContext() == context) {
            command.run();
        } else {
            context.runOnContext(v -> command.run());
        }
    }

    private static void logLine(long start, String type, UUID eventId, String where, String consumer, Outcome outcome, Throwable failure) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        String outcomeText = outcome.name().toLowerCase().replace('_', '-');
        if (failure == null) {
            LOG.infof("consumed %s %s %s by %s: %s (%d ms)", type, eventId == null ? "-" : eventId, where, consumer, outcomeText, millis);
        } else {
            LOG.errorf("consumed %s %s %s by %s: %s (%d ms): %s", type, eventId == null ? "-" : eventId, where, consumer, outcomeText, millis,
                    failure.toString());
            LOG.debug("dead-lettered because of", failure);
        }
    }

    private static String keyText(Object key) {
        if (key == null) {
            return null;
        }
        return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key.toString();
    }

    private static String headerText(Optional<IncomingKafkaRecordMetadata> kafka, String name) {
        return kafka.map(m -> m.getHeaders().lastHeader(name))
                .map(h -> h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8))
                .map(CorrelationContext::sanitize)
                .orElse(null);
    }
}
