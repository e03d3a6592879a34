package io.campaignengine.kit.backbone;

import io.campaignengine.events.kittest.WidgetCreated;
import io.campaignengine.events.kittest.WidgetRenamed;
import io.campaignengine.kit.avro.EventSerde;
import io.campaignengine.kit.consumer.IdempotentConsumer;
import io.campaignengine.kit.support.Db;
import io.campaignengine.kit.support.Events;
import io.campaignengine.kit.support.KafkaProbe;
import io.campaignengine.kit.support.TestStack;
import io.campaignengine.kit.support.Tokens;
import io.campaignengine.kit.testapp.PublishedEvents;
import io.campaignengine.kit.testapp.WidgetEventsConsumer;
import io.campaignengine.kit.testapp.WidgetResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.kit.support.KafkaProbe.header;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backbone, end to end, on the real test stack: a write through a real service path (REST -> Panache transaction
 * -> OutboxWriter) commits an entity and its outbox event in one transaction; Debezium (Kafka Connect, playbook-outbox
 * connector, EventRouter) puts the event on kittest.events; a SmallRye consumer decodes it through the registry and
 * applies it once even when it is delivered twice; a rolled-back transaction publishes nothing; poison lands in
 * kittest.events.dlq and consumption goes on.
 */
@QuarkusTest
class BackboneTest {

    private static final String BUSINESS = "melissa";
    private static final String WIDGETS = "/api/businesses/" + BUSINESS + "/widgets";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private static KafkaProbe topic;
    private static KafkaProbe dlq;
    /** Vert.x blocked-thread reports whose stack shows a registry call: must never happen (see EventSerde). */
    private static final List<String> REGISTRY_ON_EVENT_LOOP = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final ExtHandler BLOCKED_THREADS = new ExtHandler() {
        @Override
        protected void doPublish(ExtLogRecord record) {
            Throwable stack = record.getThrown();
            if (stack != null && java.util.Arrays.stream(stack.getStackTrace())
                    .anyMatch(f -> f.getClassName().startsWith("io.apicurio") || f.getClassName().startsWith("io.kiota"))) {
                REGISTRY_ON_EVENT_LOOP.add(record.getFormattedMessage());
            }
        }
    };

    @Inject
    Pool pool;

    @Inject
    PublishedEvents published;

    @Inject
    EventSerde serde;

    @BeforeAll
    static void probes() {
        topic = new KafkaProbe(TestStack.TOPIC);
        dlq = new KafkaProbe(TestStack.DLQ);
        Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker").addHandler(BLOCKED_THREADS);
    }

    @AfterAll
    static void closeProbes() {
        topic.close();
        dlq.close();
        Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker").removeHandler(BLOCKED_THREADS);
    }

    @AfterEach
    void noRegistryCallOnAnEventLoop() {
        assertTrue(REGISTRY_ON_EVENT_LOOP.isEmpty(), "registry called on an event loop: " + REGISTRY_ON_EVENT_LOOP);
    }

    private static String businessKey() {
        return WidgetResource.businessId(BUSINESS).toString();
    }

    private static Map<String, Object> widget(String name) {
        return Map.of("name", name, "qty", 3, "budget", Map.of("amount", 100, "currency", "EUR"));
    }

    private Map<String, String> create(String name, String correlationId, boolean fail) {
        var response = given().auth().oauth2(Tokens.marketer(BUSINESS)).header("X-Correlation-Id", correlationId)
                .contentType(ContentType.JSON).body(widget(name)).queryParam("fail", fail)
                .when().post(WIDGETS).then();
        if (fail) {
            response.statusCode(500).contentType(startsWith("application/problem+json"));
            return Map.of();
        }
        return response.statusCode(201).extract().as(Map.class);
    }

    private long applied(UUID eventId) {
        return Db.count(pool, "select count(*) from kittest.applied_event where event_id = $1", eventId);
    }

    private ConsumerRecord<byte[], byte[]> awaitOnTopic(UUID eventId) {
        return await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> topic.first(KafkaProbe.header("id", eventId.toString())).orElse(null), r -> r != null);
    }

    @Test
    void committedWrite_commitsEntityAndEvent_deliveredThroughDebezium_decodedThroughRegistry_appliedOnce() {
        String name = "committed-" + UUID.randomUUID();
        String correlationId = "backbone-" + UUID.randomUUID();
        Map<String, String> created = create(name, correlationId, false);
        UUID eventId = UUID.fromString(created.get("eventId"));

        // the entity row committed
        given().auth().oauth2(Tokens.viewer(BUSINESS)).when().get(WIDGETS + "/" + created.get("id"))
                .then().statusCode(200).body("name", equalTo(name)).body("quantity", equalTo(3));
        // the outbox row was inserted and deleted in the same transaction: the table stays empty of it
        assertEquals(0, Db.count(pool, "select count(*) from messaging.outbox_event where id = $1", eventId));

        // Debezium -> Kafka: key = aggregateid (businessId), headers id / eventType / correlationId, value = the Avro bytes
        ConsumerRecord<byte[], byte[]> record = awaitOnTopic(eventId);
        assertEquals(businessKey(), KafkaProbe.text(record.key()));
        assertEquals("WidgetCreated", header(record, "eventType"));
        assertEquals(correlationId, header(record, "correlationId"));
        assertEquals(0, record.value()[0], "magic byte: the schema id travels in the payload");

        // decoded through the registry by an independent deserializer: equal to what the service built
        SpecificRecord decoded = Events.deserialize(record.value());
        SpecificRecord original = published.forWidget(name).orElseThrow();
        assertEquals(original, decoded);
        assertEquals(WidgetCreated.class, decoded.getClass());
        assertEquals(correlationId, ((WidgetCreated) decoded).getEnvelope().getCorrelationId());

        // the SmallRye consumer of the app applied it exactly once, under its consumer name
        await().atMost(DELIVERY).until(() -> applied(eventId) == 1);
        assertEquals(1, Db.count(pool, "select count(*) from messaging.processed_event where event_id = $1 and consumer = $2",
                eventId, WidgetEventsConsumer.CONSUMER));
    }

    @Test
    void schemasAreRegisteredPerRecordName_andWarmUpMakesSerializationInline() {
        serde.warmUp(TestStack.TOPIC, WidgetRenamed.class);   // blocking: fine on the test thread
        assertTrue(serde.isWarm(TestStack.TOPIC, WidgetRenamed.class));
        for (String artifact : List.of("WidgetCreated", "WidgetRenamed")) {
            given().when().get(TestStack.REGISTRY + "/groups/io.campaignengine.events.kittest/artifacts/" + artifact)
                    .then().statusCode(200).body("artifactType", equalTo("AVRO"));
        }
    }

    @Test
    void rolledBackTransaction_publishesNothing() throws InterruptedException {
        String failed = "rolled-back-" + UUID.randomUUID();
        create(failed, "rollback-" + UUID.randomUUID(), true);
        UUID failedEventId = ((WidgetCreated) published.forWidget(failed).orElseThrow()).getEnvelope().getEventId();

        // a later committed write on the same key (same partition): once it is on Kafka, Debezium has passed the
        // point where the rolled-back one would have been; then keep watching 3 s more
        String marker = "marker-" + UUID.randomUUID();
        UUID markerEventId = UUID.fromString(create(marker, "rollback-marker", false).get("eventId"));
        awaitOnTopic(markerEventId);
        Thread.sleep(3000);

        assertTrue(topic.matching(KafkaProbe.header("id", failedEventId.toString())).isEmpty(),
                "an event of a rolled-back transaction reached Kafka");
        assertEquals(0, Db.count(pool, "select count(*) from kittest.widget where name = $1", failed),
                "the entity of a rolled-back transaction exists");
        assertEquals(0, applied(failedEventId));
    }

    @Test
    void sameEventDeliveredTwice_isAppliedOnce() {
        String name = "duplicate-" + UUID.randomUUID();
        UUID eventId = UUID.fromString(create(name, "dup-" + UUID.randomUUID(), false).get("eventId"));
        ConsumerRecord<byte[], byte[]> delivered = awaitOnTopic(eventId);
        await().atMost(DELIVERY).until(() -> applied(eventId) == 1);

        // the very same bytes, twice more (a redelivery after a crash, a producer retry...)
        KafkaProbe.produce(TestStack.TOPIC, delivered.key(), delivered.value(), delivered.headers());
        KafkaProbe.produce(TestStack.TOPIC, delivered.key(), delivered.value(), delivered.headers());
        // then a marker on the same key: once it is applied, both duplicates have been consumed
        WidgetCreated marker = Events.widgetCreated(businessKey(), "dup-marker-" + UUID.randomUUID(), "dup-marker");
        KafkaProbe.produce(TestStack.TOPIC, delivered.key(), Events.serialize(marker));
        await().atMost(DELIVERY).until(() -> applied(marker.getEnvelope().getEventId()) == 1);

        await().atMost(DELIVERY).until(() -> topic.matching(KafkaProbe.header("id", eventId.toString())).size() == 3);
        assertEquals(1, applied(eventId), "a redelivered event was applied again");
        assertEquals(1, Db.count(pool, "select count(*) from messaging.processed_event where event_id = $1", eventId));
    }

    @Test
    void poisonBytes_goToTheDlqWithTheErrorInHeaders_andConsumptionContinues() {
        byte[] key = businessKey().getBytes(StandardCharsets.UTF_8);
        byte[] poison = ("not avro at all " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        KafkaProbe.produce(TestStack.TOPIC, key, poison);
        WidgetCreated next = Events.widgetCreated(businessKey(), "after-poison-" + UUID.randomUUID(), "after-poison");
        KafkaProbe.produce(TestStack.TOPIC, key, Events.serialize(next));

        await().atMost(DELIVERY).until(() -> applied(next.getEnvelope().getEventId()) == 1);
        ConsumerRecord<byte[], byte[]> dead = await().atMost(DELIVERY)
                .until(() -> dlq.first(r -> java.util.Arrays.equals(r.value(), poison)).orElse(null), r -> r != null);

        assertArrayEquals(poison, dead.value(), "the DLQ keeps the original bytes");
        assertArrayEquals(key, dead.key(), "the DLQ keeps the original key");
        assertEquals(TestStack.TOPIC, header(dead, "dead-letter-topic"));
        assertNotNull(header(dead, "dead-letter-partition"));
        assertNotNull(header(dead, "dead-letter-offset"));
        ConsumerRecord<byte[], byte[]> original = topic.first(r -> java.util.Arrays.equals(r.value(), poison)).orElseThrow();
        assertEquals(Integer.toString(original.partition()), header(dead, "dead-letter-partition"));
        assertEquals(Long.toString(original.offset()), header(dead, "dead-letter-offset"));
        assertEquals("io.campaignengine.kit.avro.UndecodableEventException", header(dead, "dead-letter-exception-class-name"));
        assertNotNull(header(dead, "dead-letter-reason"));
        assertEquals(WidgetEventsConsumer.CONSUMER, header(dead, IdempotentConsumer.HEADER_CONSUMER));
        assertEquals("decode", header(dead, IdempotentConsumer.HEADER_STAGE));
    }

    @Test
    void handlerFailure_goesToTheDlq_nothingIsApplied_andConsumptionContinues() {
        byte[] key = businessKey().getBytes(StandardCharsets.UTF_8);
        WidgetCreated poison = Events.widgetCreated(businessKey(), "poison-handler-" + UUID.randomUUID(), "poison-handler");
        byte[] poisonBytes = Events.serialize(poison);
        KafkaProbe.produce(TestStack.TOPIC, key, poisonBytes);
        WidgetCreated next = Events.widgetCreated(businessKey(), "after-handler-poison-" + UUID.randomUUID(), "after");
        KafkaProbe.produce(TestStack.TOPIC, key, Events.serialize(next));

        await().atMost(DELIVERY).until(() -> applied(next.getEnvelope().getEventId()) == 1);
        ConsumerRecord<byte[], byte[]> dead = await().atMost(DELIVERY)
                .until(() -> dlq.first(r -> java.util.Arrays.equals(r.value(), poisonBytes)).orElse(null), r -> r != null);
        assertEquals("java.lang.IllegalArgumentException", header(dead, "dead-letter-exception-class-name"));
        assertEquals("handle", header(dead, IdempotentConsumer.HEADER_STAGE));
        assertEquals("false", header(dead, IdempotentConsumer.HEADER_TRANSIENT));
        assertEquals(WidgetEventsConsumer.CONSUMER, header(dead, IdempotentConsumer.HEADER_CONSUMER));
        assertEquals(0, applied(poison.getEnvelope().getEventId()), "the failed handler's writes were rolled back");
        assertEquals(0, Db.count(pool, "select count(*) from messaging.processed_event where event_id = $1",
                poison.getEnvelope().getEventId()), "a dead-lettered event is not marked processed");
    }

    @Test
    void transientHandlerFailure_isRetried_andAppliedOnce() {
        byte[] key = businessKey().getBytes(StandardCharsets.UTF_8);
        WidgetCreated flaky = Events.widgetCreated(businessKey(), "transient-once-" + UUID.randomUUID(), "transient");
        byte[] bytes = Events.serialize(flaky);
        KafkaProbe.produce(TestStack.TOPIC, key, bytes);
        await().atMost(DELIVERY).until(() -> applied(flaky.getEnvelope().getEventId()) == 1);
        WidgetCreated marker = Events.widgetCreated(businessKey(), "transient-marker-" + UUID.randomUUID(), "transient");
        KafkaProbe.produce(TestStack.TOPIC, key, Events.serialize(marker));
        await().atMost(DELIVERY).until(() -> applied(marker.getEnvelope().getEventId()) == 1);
        assertEquals(1, applied(flaky.getEnvelope().getEventId()), "the failed attempt's writes were rolled back");
        assertTrue(dlq.matching(r -> java.util.Arrays.equals(r.value(), bytes)).isEmpty(), "a transient failure was dead-lettered");
    }

    @Test
    void eventsPublishedWhileHandlingAnEvent_carryItsCorrelation_andItsIdAsCausation() {
        String correlationId = "chain-" + UUID.randomUUID();
        String name = "chain-" + UUID.randomUUID();
        UUID createdId = UUID.fromString(create(name, correlationId, false).get("eventId"));

        ConsumerRecord<byte[], byte[]> renamed = await().atMost(DELIVERY).until(() -> topic.matching(
                KafkaProbe.header("eventType", "WidgetRenamed")).stream()
                .filter(r -> correlationId.equals(header(r, "correlationId"))).findFirst().orElse(null), r -> r != null);
        WidgetRenamed event = (WidgetRenamed) Events.deserialize(renamed.value());
        assertEquals("renamed-" + name, event.getName());
        assertEquals(correlationId, event.getEnvelope().getCorrelationId());
        assertEquals(createdId.toString(), event.getEnvelope().getCausationId());
        // and the renamed event itself is consumed in turn
        await().atMost(DELIVERY).until(() -> applied(event.getEnvelope().getEventId()) == 1);
        List<io.vertx.mutiny.sqlclient.Row> rows = Db.rows(pool,
                "select correlation_id, causation_id from kittest.applied_event where event_id = $1", event.getEnvelope().getEventId());
        assertEquals(correlationId, rows.get(0).getString("correlation_id"));
        assertEquals(createdId.toString(), rows.get(0).getString("causation_id"));
    }
}
