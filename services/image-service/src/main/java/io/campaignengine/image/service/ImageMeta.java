package io.campaignengine.image.service;

import io.campaignengine.image.domain.ImageType;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.kit.problem.ValidationProblem;

import java.util.UUID;

/** Metadata and tags given with an upload (or an update: null = unchanged). Normalized on construction. */
public record ImageMeta(ImageType type, String category, Tags tags, String altText, String description, UUID fulfillsRequestId) {
    public static final int MAX_ALT = 500;
    public static final int MAX_CATEGORY = 100;

    public ImageMeta {
        category = Tags.normalize(category);
        altText = altText == null || altText.isBlank() ? null : altText.trim();
        description = description == null || description.isBlank() ? null : description.trim();
    }

    /** 400 naming the field when a value is too long (prefix: "" for forms, the JSON path otherwise). */
    public void validate() {
        ValidationProblem p = null;
        if (category != null && category.length() > MAX_CATEGORY) {
            p = ValidationProblem.of("category", "at most " + MAX_CATEGORY + " characters");
        }
        if (altText != null && altText.length() > MAX_ALT) {
            p = p == null ? ValidationProblem.of("altText", "at most " + MAX_ALT + " characters") : p.and("altText", "at most " + MAX_ALT + " characters");
        }
        if (tags != null) {
            for (var facet : java.util.Map.of("tags.segments", tags.segments(), "tags.emotions", tags.emotions(), "tags.themes",
                    tags.themes(), "tags.keywords", tags.keywords()).entrySet()) {
                for (int i = 0; i < facet.getValue().size(); i++) {
                    if (facet.getValue().get(i).length() > 100) {
                        String f = facet.getKey() + "[" + i + "]";
                        p = p == null ? ValidationProblem.of(f, "at most 100 characters") : p.and(f, "at most 100 characters");
                    }
                }
            }
        }
        if (p != null) {
            throw p;
        }
    }
}
