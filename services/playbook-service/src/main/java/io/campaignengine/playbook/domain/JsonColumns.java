package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.campaignengine.kit.persistence.JsonColumn;

import java.util.List;

/**
 * The playbook's own jsonb shapes, on service-kit's {@link JsonColumn} (jsonb mapped as text; the generic shapes —
 * string lists and maps — are there too).
 */
public final class JsonColumns {
    private JsonColumns() {
    }

    public static class Audiences extends JsonColumn<List<AudienceSegment>> {
        public Audiences() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Objections extends JsonColumn<List<ObjectionHandler>> {
        public Objections() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Hooks extends JsonColumn<List<Hook>> {
        public Hooks() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Ctas extends JsonColumn<List<CallToAction>> {
        public Ctas() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Visual extends JsonColumn<VisualDirection> {
        public Visual() {
            super(new TypeReference<>() { }, VisualDirection.empty());
        }
    }

    public static class ToneJson extends JsonColumn<Tone> {
        public ToneJson() {
            super(new TypeReference<>() { }, Tone.empty());
        }
    }

    public static class Thresholds extends JsonColumn<PerformanceThresholds> {
        public Thresholds() {
            super(new TypeReference<>() { }, PerformanceThresholds.defaults());
        }
    }

    public static class Weights extends JsonColumn<ScoreWeights> {
        public Weights() {
            super(new TypeReference<>() { }, ScoreWeights.defaults());
        }
    }

    public static class Channels extends JsonColumn<List<Channel>> {
        public Channels() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class ContentKinds extends JsonColumn<List<ContentKind>> {
        public ContentKinds() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class TaskRefs extends JsonColumn<List<Campaign.TaskRef>> {
        public TaskRefs() {
            super(new TypeReference<>() { }, List.of());
        }
    }
}
