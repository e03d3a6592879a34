package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

import java.util.List;
import java.util.Map;

/**
 * JSON (jsonb) columns as text: Hibernate Reactive's own JSON type only handles JSON objects, not arrays, so every
 * jsonb attribute is mapped as text through one of these converters, with {@code cast(cast(? as text) as jsonb)} on write (a text parameter: a String bound to a jsonb parameter would be stored as a JSON string) and
 * {@code cast(column as text)} on read (see the {@code @ColumnTransformer}s on the entities).
 */
public final class JsonColumns {
    private JsonColumns() {
    }

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
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

    public static class DoubleMap extends Json<Map<String, Double>> {
        public DoubleMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class StringListMap extends Json<Map<String, List<String>>> {
        public StringListMap() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class Audiences extends Json<List<AudienceSegment>> {
        public Audiences() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Objections extends Json<List<ObjectionHandler>> {
        public Objections() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Hooks extends Json<List<Hook>> {
        public Hooks() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Ctas extends Json<List<CallToAction>> {
        public Ctas() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Visual extends Json<VisualDirection> {
        public Visual() {
            super(new TypeReference<>() { }, VisualDirection.empty());
        }
    }

    public static class ToneJson extends Json<Tone> {
        public ToneJson() {
            super(new TypeReference<>() { }, Tone.empty());
        }
    }

    public static class Thresholds extends Json<PerformanceThresholds> {
        public Thresholds() {
            super(new TypeReference<>() { }, PerformanceThresholds.defaults());
        }
    }

    public static class Weights extends Json<ScoreWeights> {
        public Weights() {
            super(new TypeReference<>() { }, ScoreWeights.defaults());
        }
    }

    public static class Channels extends Json<List<Channel>> {
        public Channels() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class ContentKinds extends Json<List<ContentKind>> {
        public ContentKinds() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class TaskRefs extends Json<List<Campaign.TaskRef>> {
        public TaskRefs() {
            super(new TypeReference<>() { }, List.of());
        }
    }
}
