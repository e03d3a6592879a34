package io.campaignengine.devstack.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaAndConnectTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SERVICES = PostgresProvisioningTest.SERVICES;

    static Map<String, Integer> catalog() throws Exception {
        JsonNode topics = JSON.readTree(TestStack.root().resolve("schemas/topics.json").toFile()).path("topics");
        Map<String, Integer> m = new LinkedHashMap<>();
        for (JsonNode t : topics) {
            m.put(t.path("name").asText(), t.path("partitions").asInt());
        }
        return m;
    }

    @Test
    void catalogTopicsAndDlqsExistWithTheirPartitions() throws Exception {
        Map<String, Integer> catalog = catalog();
        assertFalse(catalog.isEmpty(), "schemas/topics.json lists topics");
        assertTrue(catalog.containsKey("campaign.events"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get("CE_KAFKA_BOOTSTRAP")))) {
            List<String> names = new java.util.ArrayList<>();
            catalog.keySet().forEach(t -> {
                names.add(t);
                names.add(t + ".dlq");
            });
            Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get(20, TimeUnit.SECONDS);
            for (var e : catalog.entrySet()) {
                assertEquals(e.getValue(), d.get(e.getKey()).partitions().size(), e.getKey());
                assertEquals(e.getValue(), d.get(e.getKey() + ".dlq").partitions().size(), e.getKey() + ".dlq");
            }
        }
    }

    @Test
    void oneRunningOutboxConnectorPerServiceDatabase() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = TestStack.get("CE_KAFKA_CONNECT_URL");
        for (String s : SERVICES) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/connectors/" + s + "-outbox/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), s + ": " + r.body());
            JsonNode st = JSON.readTree(r.body());
            assertEquals("RUNNING", st.path("connector").path("state").asText(), r.body());
            assertEquals(1, st.path("tasks").size(), r.body());
            assertEquals("RUNNING", st.path("tasks").get(0).path("state").asText(), r.body());

            HttpResponse<String> cfg = http.send(HttpRequest.newBuilder(URI.create(base + "/connectors/" + s + "-outbox/config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode c = JSON.readTree(cfg.body());
            assertEquals("pgoutput", c.path("plugin.name").asText());
            assertEquals(s + "_outbox", c.path("slot.name").asText());
            assertEquals(s + "_outbox", c.path("publication.name").asText());
            assertEquals("messaging.outbox_event", c.path("table.include.list").asText());
            assertEquals("io.debezium.transforms.outbox.EventRouter", c.path("transforms.outbox.type").asText());
            assertEquals("${env:CE_PG_HOST}", c.path("database.hostname").asText(), "the stored config keeps the placeholder");
        }
        // the connector definitions in deploy/debezium are what is registered
        assertEquals(SERVICES.size(), java.nio.file.Files.list(TestStack.root().resolve("deploy/debezium"))
                .map(Path::getFileName).map(Path::toString).filter(n -> n.endsWith("-outbox.json")).count());
    }

    @Test
    void registryIsReachable() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(TestStack.get("CE_REGISTRY_URL") + "/system/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).path("version").asText().startsWith("3."), r.body());
        HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(TestStack.get("CE_REGISTRY_URL") + "/search/artifacts?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, search.statusCode(), search.body());
    }
}
