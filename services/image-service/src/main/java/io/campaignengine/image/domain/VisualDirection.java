package io.campaignengine.image.domain;

import java.util.List;
import java.util.Map;

/** The active playbook's visual direction (PlaybookActivated), used to write image prompts. */
public record VisualDirection(String style, Map<String, String> brandColors, List<String> imageGuidelines, List<String> avoid,
                              List<String> preferredImageCategories) {
    public static final VisualDirection EMPTY = new VisualDirection(null, Map.of(), List.of(), List.of(), List.of());

    public VisualDirection {
        brandColors = brandColors == null ? Map.of() : Map.copyOf(brandColors);
        imageGuidelines = imageGuidelines == null ? List.of() : List.copyOf(imageGuidelines);
        avoid = avoid == null ? List.of() : List.copyOf(avoid);
        preferredImageCategories = preferredImageCategories == null ? List.of() : List.copyOf(preferredImageCategories);
    }
}
