package io.campaignengine.content.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.campaignengine.kit.persistence.JsonColumn;

import java.util.List;
import java.util.Map;

/** The content's own jsonb shapes, on service-kit's {@link JsonColumn} (jsonb mapped as text). */
public final class JsonColumns {
    private JsonColumns() {
    }

    public static class ObjectList extends JsonColumn<List<Map<String, Object>>> {
        public ObjectList() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    public static class Variants extends JsonColumn<Map<String, PlatformVariant>> {
        public Variants() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    public static class Playbook extends JsonColumn<PlaybookSnapshot> {
        public Playbook() {
            super(new TypeReference<>() { }, null);
        }
    }

    public static class Campaign extends JsonColumn<CampaignSnapshot> {
        public Campaign() {
            super(new TypeReference<>() { }, null);
        }
    }
}
