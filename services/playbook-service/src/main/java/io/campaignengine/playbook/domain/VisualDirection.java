package io.campaignengine.playbook.domain;

import java.util.List;
import java.util.Map;

/** Brand guidelines and image style (seed playbooks.visual_direction). */
public record VisualDirection(
        String style,
        Map<String, String> brandColors,
        List<String> imageGuidelines,
        List<String> avoid,
        List<String> preferredImageCategories) {

    public VisualDirection {
        brandColors = brandColors == null ? Map.of() : Map.copyOf(brandColors);
        imageGuidelines = imageGuidelines == null ? List.of() : List.copyOf(imageGuidelines);
        avoid = avoid == null ? List.of() : List.copyOf(avoid);
        preferredImageCategories = preferredImageCategories == null ? List.of() : List.copyOf(preferredImageCategories);
    }

    public static VisualDirection empty() {
        return new VisualDirection(null, null, null, null, null);
    }
}
