package io.campaignengine.image.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.campaignengine.kit.persistence.JsonColumn;

import java.util.List;

/** The image library's own jsonb shapes, on service-kit's {@link JsonColumn} (jsonb mapped as text). */
public final class JsonColumns {
    private JsonColumns() {
    }

    public static class TagsJson extends JsonColumn<Tags> {
        public TagsJson() {
            super(new TypeReference<>() { }, Tags.EMPTY);
        }
    }

    public static class Visual extends JsonColumn<VisualDirection> {
        public Visual() {
            super(new TypeReference<>() { }, VisualDirection.EMPTY);
        }
    }

    public static class PlacementList extends JsonColumn<List<Placement>> {
        public PlacementList() {
            super(new TypeReference<>() { }, List.of());
        }
    }
}
