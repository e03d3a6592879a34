package io.campaignengine.devstack.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** schemas/topics.json: {"topics":[{"name":"campaign.events","partitions":6,...}]}; each topic also gets "<name>.dlq". */
public record TopicCatalog(Map<String, Integer> topics) {

    public static Path path(Path root) {
        return root.resolve("schemas/topics.json");
    }

    public static TopicCatalog read(Path root) throws IOException {
        Path p = path(root);
        Map<String, Integer> topics = new LinkedHashMap<>();
        if (!Files.isRegularFile(p)) {
            return new TopicCatalog(topics);
        }
        JsonNode json = new ObjectMapper().readTree(p.toFile());
        for (JsonNode t : json.path("topics")) {
            String name = t.path("name").asText("");
            int partitions = t.path("partitions").asInt(1);
            if (name.isBlank()) {
                throw new IOException(p + ": a topic without a name");
            }
            topics.put(name, Math.max(1, partitions));
        }
        return new TopicCatalog(Collections.unmodifiableMap(topics));
    }

    /** Catalog topics plus their DLQs (a DLQ has the partitions of its topic). */
    public Map<String, Integer> topicsWithDlq() {
        Map<String, Integer> all = new LinkedHashMap<>();
        topics.forEach((t, n) -> {
            all.put(t, n);
            all.put(t + ".dlq", n);
        });
        return all;
    }
}
