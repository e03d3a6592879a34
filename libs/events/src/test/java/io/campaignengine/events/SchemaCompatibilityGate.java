package io.campaignengine.events;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema compatibility rule of the event contract: BACKWARD. For every event of the baseline (the schemas
 * of the last release, schemas/baseline/), the current schema must be able to read data written with the
 * baseline schema, and no baseline event may disappear. Returns one readable message per violation.
 */
final class SchemaCompatibilityGate {

    private SchemaCompatibilityGate() {
    }

    /**
     * @param baseline event schemas of the baseline, by full name
     * @param current  event schemas now, by full name
     * @return violations; empty when the change is BACKWARD compatible
     */
    static List<String> check(Map<String, Schema> baseline, Map<String, Schema> current) {
        List<String> problems = new ArrayList<>();
        baseline.forEach((name, writer) -> {
            Schema reader = current.get(name);
            if (reader == null) {
                problems.add("event " + name + " was removed (it is in the baseline; consumers may still read it"
                        + " from the topics): keep it, deprecate it in its doc instead");
                return;
            }
            problems.addAll(check(name, reader, writer));
        });
        return problems;
    }

    /** BACKWARD check of one event: can {@code reader} (current) read data written with {@code writer} (baseline)? */
    static List<String> check(String name, Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        Set<String> problems = new LinkedHashSet<>();
        for (Incompatibility i : result.getResult().getIncompatibilities()) {
            problems.add("event " + name + " is not BACKWARD compatible with the baseline: " + describe(reader, i));
        }
        if (problems.isEmpty()) {
            problems.add("event " + name + " is not BACKWARD compatible with the baseline: " + result.getDescription());
        }
        return List.copyOf(problems);
    }

    private static String describe(Schema reader, Incompatibility i) {
        String where;
        if (i.getType() == SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE) {
            // Avro reports the location of the first place it met the type; name the type instead
            where = "field '" + i.getMessage() + "' of " + nameOf(i.getReaderFragment()) + " is new and has no default";
        } else {
            where = "at " + fieldPath(reader, i.getLocation()) + ": " + i.getMessage()
                    + " (reader " + nameOf(i.getReaderFragment()) + ", writer " + nameOf(i.getWriterFragment()) + ")";
        }
        return i.getType() + " " + where + " [" + i.getLocation() + "]";
    }

    private static String nameOf(Schema s) {
        if (s == null) {
            return "?";
        }
        return switch (s.getType()) {
            case RECORD, ENUM, FIXED -> s.getFullName();
            default -> s.getLogicalType() != null ? s.getType().getName() + "/" + s.getLogicalType().getName() : s.getType().getName();
        };
    }

    /** Turns a JSON-pointer location like /fields/3/type into a field path like requestedCount (best effort). */
    static String fieldPath(Schema schema, String location) {
        if (location == null || location.isEmpty()) {
            return "<record>";
        }
        StringBuilder path = new StringBuilder();
        Schema current = schema;
        String[] tokens = location.split("/");
        try {
            for (int i = 0; i < tokens.length; i++) {
                String t = tokens[i];
                if (t.isEmpty()) {
                    continue;
                }
                switch (t) {
                    case "fields" -> {
                        Schema.Field f = current.getFields().get(Integer.parseInt(tokens[++i]));
                        path.append(path.length() == 0 ? "" : ".").append(f.name());
                        current = f.schema();
                    }
                    case "type" -> {
                    }
                    case "items" -> {
                        current = current.getElementType();
                        path.append("[]");
                    }
                    case "values" -> {
                        current = current.getValueType();
                        path.append("{}");
                    }
                    default -> {
                        if (current.isUnion() && t.chars().allMatch(Character::isDigit)) {
                            current = current.getTypes().get(Integer.parseInt(t));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            return location;
        }
        return path.length() == 0 ? "<record>" : path.toString();
    }
}
