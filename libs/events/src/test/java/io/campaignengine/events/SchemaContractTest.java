package io.campaignengine.events;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of schemas/README.md, checked on the source files. */
class SchemaContractTest {

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Names the Avro 1.12 code generator also uses for members of the generated class (it does not escape them). */
    private static final Set<String> CLASHING_FIELD_NAMES = Set.of("conversions", "schema", "classSchema", "encoder", "decoder");

    private final SchemaDirectory current = SchemaDirectory.current();

    @Test
    void everyEventFileIsInTheCatalogOnTheTopicOfItsFolderAndViceVersa() {
        Set<String> catalog = new TreeSet<>();
        for (String event : EventCatalog.allEvents()) {
            catalog.add(EventCatalog.fullNameOf(event));
        }
        assertEquals(catalog, current.events.keySet(),
                "schemas/<aggregate>/*.avsc and the events of schemas/topics.json must be the same set");
        current.eventFiles.forEach((fullName, file) -> {
            Schema s = current.events.get(fullName);
            String folder = file.getName(0).toString();
            assertEquals(s.getName() + ".avsc", file.getFileName().toString(), "file name = record name: " + file);
            assertEquals("io.campaignengine.events." + folder, s.getNamespace(), "namespace = folder: " + file);
            assertEquals(folder + ".events", EventCatalog.topicOf(s.getName()), "topic = folder: " + file);
        });
    }

    @Test
    void everyEventStartsWithTheEnvelope() {
        Schema envelope = current.named.get("io.campaignengine.events.Envelope");
        current.events.forEach((name, s) -> {
            assertEquals(Schema.Type.RECORD, s.getType(), name);
            assertEquals("envelope", s.getFields().get(0).name(), name + ": first field must be envelope");
            assertEquals(envelope, s.getFields().get(0).schema(), name);
        });
    }

    @Test
    void envelopeIsTheContractOne() {
        Schema e = current.named.get("io.campaignengine.events.Envelope");
        assertEquals(List.of("eventId", "occurredAt", "businessId", "campaignId", "correlationId", "causationId"),
                e.getFields().stream().map(Schema.Field::name).toList());
        assertEquals("uuid", e.getField("eventId").schema().getLogicalType().getName());
        assertEquals("timestamp-millis", e.getField("occurredAt").schema().getLogicalType().getName());
        assertTrue(e.getField("campaignId").hasDefaultValue());
        assertTrue(e.getField("causationId").hasDefaultValue());
    }

    @Test
    void generatedClassesMatchTheSourceFiles() {
        current.events.forEach((name, s) -> {
            Schema compiled = EventCatalog.schemaOf(name);
            assertEquals(SchemaNormalization.parsingFingerprint64(s), SchemaNormalization.parsingFingerprint64(compiled),
                    name + ": the generated class is out of date with its .avsc; rebuild libs/events");
        });
    }

    @Test
    void everyTypeAndFieldIsDocumentedNamedAndEvolvable() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Schema> e : current.named.entrySet()) {
            lint(e.getValue(), seen, problems);
        }
        assertTrue(problems.isEmpty(), () -> "schema rules violated:\n  " + String.join("\n  ", problems));
    }

    private static void lint(Schema s, Set<String> seen, List<String> problems) {
        switch (s.getType()) {
            case RECORD -> {
                if (!seen.add(s.getFullName())) {
                    return;
                }
                checkNamed(s, problems);
                for (Schema.Field f : s.getFields()) {
                    String where = s.getFullName() + "." + f.name();
                    if (!FIELD_NAME.matcher(f.name()).matches()) {
                        problems.add(where + ": field names are camelCase");
                    }
                    if (CLASHING_FIELD_NAMES.contains(f.name())) {
                        problems.add(where + ": field name clashes with generated code, choose another");
                    }
                    if (f.doc() == null || f.doc().isBlank()) {
                        problems.add(where + ": field has no doc");
                    }
                    if (f.schema().isUnion() && f.schema().getTypes().get(0).getType() == Schema.Type.NULL && !f.hasDefaultValue()) {
                        problems.add(where + ": optional (nullable) field needs \"default\": null");
                    }
                    lint(f.schema(), seen, problems);
                }
            }
            case ENUM -> {
                if (!seen.add(s.getFullName())) {
                    return;
                }
                checkNamed(s, problems);
                if (s.getEnumDefault() == null) {
                    problems.add(s.getFullName() + ": enums need a \"default\" symbol so readers survive new symbols");
                }
                for (String symbol : s.getEnumSymbols()) {
                    if (!SYMBOL.matcher(symbol).matches()) {
                        problems.add(s.getFullName() + "." + symbol + ": symbols are UPPER_SNAKE_CASE");
                    }
                }
            }
            case UNION -> s.getTypes().forEach(t -> lint(t, seen, problems));
            case ARRAY -> lint(s.getElementType(), seen, problems);
            case MAP -> lint(s.getValueType(), seen, problems);
            default -> {
            }
        }
    }

    private static void checkNamed(Schema s, List<String> problems) {
        if (!TYPE_NAME.matcher(s.getName()).matches()) {
            problems.add(s.getFullName() + ": type names are PascalCase");
        }
        if (s.getDoc() == null || s.getDoc().isBlank()) {
            problems.add(s.getFullName() + ": type has no doc");
        }
        if (s.getNamespace() == null || !s.getNamespace().startsWith("io.campaignengine.events")) {
            problems.add(s.getFullName() + ": namespace must be under io.campaignengine.events");
        }
    }
}
