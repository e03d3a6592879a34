package io.campaignengine.kit.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A jsonb column mapped as text. Hibernate Reactive's own JSON type handles JSON objects only, not arrays, so services
 * map every jsonb attribute as text through a converter extending this one, and write it with
 * {@code @ColumnTransformer(write = "cast(cast(? as text) as jsonb)", read = "cast(<column> as text)")} (a String bound
 * straight to a jsonb parameter would be stored as a JSON string). A null attribute is stored as the converter's
 * "empty" value and an empty column reads back as it, so entities never see null collections.
 * <pre>{@code
 * public static class Hooks extends JsonColumn<List<Hook>> {
 *     public Hooks() { super(new TypeReference<>() { }, List.of()); }
 * }
 * }</pre>
 */
public abstract class JsonColumn<T> implements AttributeConverter<T, String> {
    /** Tolerant of fields it does not know: a row written by a newer version still reads. */
    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final TypeReference<T> type;
    private final T empty;

    protected JsonColumn(TypeReference<T> type, T empty) {
        this.type = type;
        this.empty = empty;
    }

    /** {@code value} as JSON text (IllegalArgumentException when it cannot be written). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        return write(value == null ? empty : value);
    }

    @Override
    public T convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return empty;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON column: " + e.getOriginalMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------- the shapes every service uses

    public static class StringList extends JsonColumn<List<String>> {
        public StringList() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class UuidList extends JsonColumn<List<UUID>> {
        public UuidList() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class StringMap extends JsonColumn<Map<String, String>> {
        public StringMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class ObjectMap extends JsonColumn<Map<String, Object>> {
        public ObjectMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class DoubleMap extends JsonColumn<Map<String, Double>> {
        public DoubleMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class StringListMap extends JsonColumn<Map<String, List<String>>> {
        public StringListMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }
}
