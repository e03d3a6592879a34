package io.campaignengine.image.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The matching tags of an image (seed 3.2 images.tags): audience segments, emotions, themes, plus free keywords.
 * Always normalized: trimmed, lower case, blanks dropped, duplicates removed (first occurrence kept).
 */
public record Tags(List<String> segments, List<String> emotions, List<String> themes, List<String> keywords) {
    public static final Tags EMPTY = new Tags(List.of(), List.of(), List.of(), List.of());

    public Tags {
        segments = normalize(segments);
        emotions = normalize(emotions);
        themes = normalize(themes);
        keywords = normalize(keywords);
    }

    public static List<String> normalize(List<String> values) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String n = normalize(v);
            if (n != null) {
                out.add(n);
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    /** Trimmed, lower case, inner whitespace collapsed to one underscore-free space; null when blank. */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String n = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return n.isEmpty() ? null : n;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return segments.isEmpty() && emotions.isEmpty() && themes.isEmpty() && keywords.isEmpty();
    }
}
