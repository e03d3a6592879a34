package io.campaignengine.content.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * jsonb columns mapped as text (Hibernate Reactive's JSON type handles objects only, not arrays): written with
 * {@code cast(cast(? as text) as jsonb)}, read with {@code cast(col as text)} (see the entities' @ColumnTransformer).
 */
public final class JsonColumns {
    private JsonColumns() {
    }

    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    abstract static class Json<T> implements AttributeConverter<T, String> {
        private final TypeReference<T> type;
        private final T empty;

        Json(TypeReference<T> type, T empty) {
            this.type = type;
            this.empty = empty;
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
    }

    public static class StringList extends Json<List<String>> {
        public StringList() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class UuidList extends Json<List<UUID>> {
        public UuidList() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class StringMap extends Json<Map<String, String>> {
        public StringMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class ObjectMap extends Json<Map<String, Object>> {
        public ObjectMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class ObjectList extends Json<List<Map<String, Object>>> {
        public ObjectList() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Variants extends Json<Map<String, PlatformVariant>> {
        public Variants() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class Playbook extends Json<PlaybookSnapshot> {
        public Playbook() {
            super(new TypeReference<>() { }, null);
        }
    }

    public static class Campaign extends Json<CampaignSnapshot> {
        public Campaign() {
            super(new TypeReference<>() { }, null);
        }
    }
}
