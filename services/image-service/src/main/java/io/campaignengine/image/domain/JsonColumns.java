package io.campaignengine.image.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

import java.util.List;
import java.util.Map;

/**
 * jsonb columns mapped as text (Hibernate Reactive's JSON type handles objects only, not arrays): written with
 * {@code cast(cast(? as text) as jsonb)}, read with {@code cast(column as text)} (see the entities' ColumnTransformers).
 */
public final class JsonColumns {
    private JsonColumns() {
    }

    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    abstract static class Json<T> implements AttributeConverter<T, String> {
        private final TypeReference<T> type;
        private final T empty;

        Json(TypeReference<T> type, T empty) {
            this.type = type;
            this.empty = empty;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            try {
                return MAPPER.writeValueAsString(value == null ? empty : value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write JSON column: " + e.getOriginalMessage(), e);
            }
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

    public static class ObjectMap extends Json<Map<String, Object>> {
        public ObjectMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class TagsJson extends Json<Tags> {
        public TagsJson() {
            super(new TypeReference<>() { }, Tags.EMPTY);
        }
    }

    public static class Visual extends Json<VisualDirection> {
        public Visual() {
            super(new TypeReference<>() { }, VisualDirection.EMPTY);
        }
    }

    public static class PlacementList extends Json<List<Placement>> {
        public PlacementList() {
            super(new TypeReference<>() { }, List.of());
        }
    }
}
