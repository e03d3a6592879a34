package io.campaignengine.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema compatibility gate: the build fails when a schema change is not BACKWARD compatible with the
 * committed baseline (schemas/baseline/), and the gate is shown to reject incompatible and accept compatible changes.
 */
class SchemaCompatibilityGateTest {

    private static final String HOW_TO = "\nSchemas must stay BACKWARD compatible with schemas/baseline (see schemas/README.md):"
            + " add fields only with a default, never remove or retype a field, never remove an event.";

    // --------------------------------------------------------------------------------- the gate itself

    @Test
    void currentSchemasAreBackwardCompatibleWithTheBaseline() {
        SchemaDirectory baseline = SchemaDirectory.baseline();
        SchemaDirectory current = SchemaDirectory.current();
        assertTrue(!baseline.events.isEmpty(), "schemas/baseline holds no events; run schemas/refresh-baseline.sh");
        List<String> problems = new ArrayList<>(SchemaCompatibilityGate.check(baseline.events, current.events));
        problems.addAll(SchemaCompatibilityGate.check("io.campaignengine.events.Envelope",
                current.named.get("io.campaignengine.events.Envelope"), baseline.named.get("io.campaignengine.events.Envelope")));
        assertTrue(problems.isEmpty(), () -> "SCHEMA COMPATIBILITY GATE FAILED (" + problems.size() + "):\n  "
                + String.join("\n  ", problems) + HOW_TO);
    }

    @Test
    void baselineTopicsAndEventsStayWhereTheyWere() throws IOException {
        Path baselineTopics = SchemaDirectory.baselineDir().resolve("topics.json");
        assertTrue(Files.isRegularFile(baselineTopics), "missing " + baselineTopics + "; run schemas/refresh-baseline.sh");
        List<String> problems = new ArrayList<>();
        try (InputStream in = Files.newInputStream(baselineTopics)) {
            for (EventCatalog.TopicSpec old : EventCatalog.parse(in)) {
                if (!EventCatalog.allTopics().contains(old.name())) {
                    problems.add("topic " + old.name() + " was removed");
                    continue;
                }
                EventCatalog.TopicSpec now = EventCatalog.topic(old.name());
                if (!now.key().equals(old.key())) {
                    problems.add("topic " + old.name() + " changed its key " + old.key() + " -> " + now.key() + " (breaks ordering)");
                }
                if (now.partitions() < old.partitions()) {
                    problems.add("topic " + old.name() + " lost partitions " + old.partitions() + " -> " + now.partitions());
                }
                for (String event : old.events()) {
                    if (!now.events().contains(event)) {
                        problems.add("event " + event + " left topic " + old.name());
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> "TOPIC CATALOG GATE FAILED:\n  " + String.join("\n  ", problems));
    }

    // --------------------------------------------------------------------------------- proof that the gate works

    @Test
    void aNewRequiredFieldIsRejected() {
        Schema baseline = EventCatalog.schemaOf("CampaignApproved");
        Schema changed = withExtraField(baseline, new Schema.Field("channelOwner", Schema.create(Schema.Type.STRING),
                "A new required field without a default.", (Object) null));
        List<String> problems = SchemaCompatibilityGate.check(Map.of(baseline.getFullName(), baseline),
                Map.of(changed.getFullName(), changed));
        assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0);
        assertTrue(message.contains("io.campaignengine.events.campaign.CampaignApproved"), message);
        assertTrue(message.contains("READER_FIELD_MISSING_DEFAULT"), message);
        assertTrue(message.contains("channelOwner"), message);
    }

    @Test
    void aNewOptionalFieldWithADefaultIsAccepted() {
        Schema baseline = EventCatalog.schemaOf("CampaignApproved");
        Schema nullableString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        Schema changed = withExtraField(baseline,
                new Schema.Field("channelOwner", nullableString, "A new optional field.", Schema.Field.NULL_DEFAULT_VALUE));
        assertEquals(List.of(), SchemaCompatibilityGate.check(Map.of(baseline.getFullName(), baseline),
                Map.of(changed.getFullName(), changed)));
    }

    @Test
    void aChangedFieldTypeIsRejected() {
        Schema baseline = EventCatalog.schemaOf("ContentBatchCompleted");
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : baseline.getFields()) {
            fields.add(f.name().equals("requestedCount")
                    ? new Schema.Field(f.name(), Schema.create(Schema.Type.STRING), f.doc())
                    : new Schema.Field(f, f.schema()));
        }
        Schema changed = Schema.createRecord(baseline.getName(), baseline.getDoc(), baseline.getNamespace(), false, fields);
        List<String> problems = SchemaCompatibilityGate.check(baseline.getFullName(), changed, baseline);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("TYPE_MISMATCH") && problems.get(0).contains("requestedCount"), problems.get(0));
    }

    @Test
    void aRemovedEventIsRejected() {
        Schema approved = EventCatalog.schemaOf("CampaignApproved");
        Schema launched = EventCatalog.schemaOf("CampaignLaunched");
        List<String> problems = SchemaCompatibilityGate.check(
                Map.of(approved.getFullName(), approved, launched.getFullName(), launched),
                Map.of(approved.getFullName(), approved));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("CampaignLaunched was removed"), problems.get(0));
    }

    /** End to end on files: a copy of schemas/ with one event edited is read like the real tree and judged against it. */
    @Test
    void theGateReadsEditedSchemaFiles(@TempDir Path tmp) throws IOException {
        Path edited = copyTree(SchemaDirectory.currentDir(), tmp.resolve("required"));
        addFieldToFile(edited.resolve("content/ContentGenerated.avsc"), "language", "string", false);
        List<String> rejected = SchemaCompatibilityGate.check(SchemaDirectory.current().events, SchemaDirectory.read(edited).events);
        assertEquals(1, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).contains("ContentGenerated") && rejected.get(0).contains("language"), rejected.get(0));

        Path optional = copyTree(SchemaDirectory.currentDir(), tmp.resolve("optional"));
        addFieldToFile(optional.resolve("content/ContentGenerated.avsc"), "language", "string", true);
        assertEquals(List.of(), SchemaCompatibilityGate.check(SchemaDirectory.current().events, SchemaDirectory.read(optional).events));
    }

    // --------------------------------------------------------------------------------- helpers

    private static Schema withExtraField(Schema record, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static void addFieldToFile(Path file, String name, String type, boolean optional) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode schema = (ObjectNode) json.readTree(file.toFile());
        ObjectNode field = ((ArrayNode) schema.get("fields")).addObject();
        field.put("name", name);
        field.put("doc", "added by the test");
        if (optional) {
            field.putArray("type").add("null").add(type);
            field.putNull("default");
        } else {
            field.put("type", type);
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), schema);
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        Map<Path, Path> copies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !from.relativize(p).startsWith(SchemaDirectory.BASELINE))
                    .forEach(p -> copies.put(p, to.resolve(from.relativize(p).toString())));
        }
        for (Map.Entry<Path, Path> c : copies.entrySet()) {
            Files.createDirectories(c.getValue().getParent());
            Files.copy(c.getKey(), c.getValue());
        }
        return to;
    }
}
