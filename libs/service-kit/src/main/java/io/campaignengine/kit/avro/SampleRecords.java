package io.campaignengine.kit.avro;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;

/**
 * A valid (if meaningless) instance of a generated event class: every field set to a neutral value of its type. Used
 * to serialize each event once at start-up, which is what makes the serde cache its schema for good.
 */
final class SampleRecords {

    private SampleRecords() {
    }

    static SpecificRecord sample(Class<? extends SpecificRecord> type) {
        try {
            SpecificRecord record = type.getDeclaredConstructor().newInstance();
            fill(record, record.getSchema(), new SpecificData(type.getClassLoader()), 0);
            return record;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate " + type.getName(), e);
        }
    }

    private static void fill(SpecificRecord record, Schema schema, SpecificData data, int depth) {
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema(), data, depth));
        }
    }

    private static Object value(Schema schema, SpecificData data, int depth) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            switch (logical.getName()) {
                case "uuid":
                    return schema.getType() == Schema.Type.STRING ? UUID.randomUUID() : null;
                case "timestamp-millis", "timestamp-micros":
                    return Instant.EPOCH;
                case "local-timestamp-millis", "local-timestamp-micros":
                    return LocalDateTime.of(1970, 1, 1, 0, 0);
                case "date":
                    return LocalDate.EPOCH;
                case "time-millis", "time-micros":
                    return LocalTime.MIDNIGHT;
                case "decimal":
                    return BigDecimal.ZERO.setScale(((LogicalTypes.Decimal) logical).getScale());
                default:
                    break;
            }
        }
        switch (schema.getType()) {
            case NULL:
                return null;
            case BOOLEAN:
                return false;
            case INT:
                return 0;
            case LONG:
                return 0L;
            case FLOAT:
                return 0f;
            case DOUBLE:
                return 0d;
            case STRING:
                return "";
            case BYTES:
                return ByteBuffer.allocate(0);
            case FIXED:
                return data.createFixed(null, new byte[schema.getFixedSize()], schema);
            case ENUM:
                return data.createEnum(schema.getEnumSymbols().get(0), schema);
            case ARRAY:
                return new ArrayList<>();
            case MAP:
                return new HashMap<>();
            case UNION:
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() == Schema.Type.NULL) {
                        return null;
                    }
                }
                return value(schema.getTypes().get(0), data, depth);
            case RECORD:
                if (depth > 20) {
                    throw new IllegalArgumentException("record nesting too deep: " + schema.getFullName());
                }
                Object nested = data.newRecord(null, schema);
                if (nested instanceof SpecificRecord specific) {
                    fill(specific, schema, data, depth + 1);
                    return specific;
                }
                throw new IllegalArgumentException("no generated class for " + schema.getFullName());
            default:
                throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
        }
    }
}
