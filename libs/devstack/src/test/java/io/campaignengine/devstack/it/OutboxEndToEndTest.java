package io.campaignengine.devstack.it;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outbox row in the content database -> Debezium EventRouter -> campaign.events, as the services will use it. */
class OutboxEndToEndTest {

    @Test
    void committedRowIsPublishedRolledBackRowIsNot() throws Exception {
        String topic = "campaign.events";
        String campaignId = "cmp-" + UUID.randomUUID();
        UUID committedId = UUID.randomUUID();
        UUID rolledBackId = UUID.randomUUID();
        UUID markerId = UUID.randomUUID();
        byte[] payload = new byte[300];
        new Random().nextBytes(payload);
        payload[0] = 0; // looks like an Apicurio-framed Avro payload; must pass through byte for byte

        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            assertEquals(6, parts.size());
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position); // resolve the end offsets now, before writing

            try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("content"), "content", "content")) {
                c.setAutoCommit(false);
                insert(c, rolledBackId, campaignId, "CampaignPaused", "never".getBytes(StandardCharsets.UTF_8), "corr-rb");
                c.rollback();
                insert(c, committedId, campaignId, "CampaignApproved", payload, "corr-1");
                delete(c, committedId); // the writer deletes in the same transaction; the WAL keeps the insert
                c.commit();
                insert(c, markerId, campaignId, "CampaignLaunched", new byte[]{1, 2, 3}, null);
                delete(c, markerId);
                c.commit();
            }

            Map<String, ConsumerRecord<String, byte[]>> seen = new HashMap<>();
            List<String> allIds = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen.containsKey(markerId.toString()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String id = header(r, "id");
                    allIds.add(id);
                    if (id != null) {
                        seen.put(id, r);
                    }
                }
            }
            assertTrue(seen.containsKey(markerId.toString()), "the marker event arrived within 30 s; seen ids: " + allIds);
            ConsumerRecord<String, byte[]> r = seen.get(committedId.toString());
            assertNotNull(r, "the committed event was published; seen ids: " + allIds);
            assertEquals(campaignId, r.key(), "key = aggregateid");
            assertArrayEquals(payload, r.value(), "value = payload bytes unchanged");
            assertEquals("CampaignApproved", header(r, "eventType"));
            assertEquals(List.of("correlationId", "eventType", "id"),
                    java.util.Arrays.stream(r.headers().toArray()).map(Header::key).sorted().toList(),
                    "headers are exactly id, eventType, correlationId (no duplicates, no Debezium context headers)");
            assertEquals(1, count(r, "id"), "exactly one id header");
            assertEquals("corr-1", header(r, "correlationId"));
            assertEquals(seen.get(markerId.toString()).partition(), r.partition(), "same key, same partition");
            assertTrue(!seen.containsKey(rolledBackId.toString()), "a rolled-back insert publishes nothing");
        }
    }

    private static void insert(Connection c, UUID id, String aggregateId, String type, byte[] payload, String correlationId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("insert into messaging.outbox_event(id, aggregatetype, aggregateid, type, payload, correlation_id) "
                + "values (?, 'campaign', ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, aggregateId);
            ps.setString(3, type);
            ps.setBytes(4, payload);
            ps.setString(5, correlationId);
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, UUID id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("delete from messaging.outbox_event where id = ?")) {
            ps.setObject(1, id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static int count(ConsumerRecord<?, ?> r, String name) {
        int n = 0;
        for (Header h : r.headers().headers(name)) {
            n++;
        }
        return n;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get("CE_KAFKA_BOOTSTRAP"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }
}
