package io.campaignengine.image.service;

import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.VisualDirection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deterministic prompt writer (no network, same brief → same words): a description for the person who makes the
 * image and a Midjourney-style prompt built from the playbook's visual direction and the content's message.
 */
public final class OfflinePromptWriter {
    private OfflinePromptWriter() {
    }

    /** What each theme looks like (seed 5.2: "ROI hook → money/reward visual"). */
    static final Map<String, String> THEME_VISUALS = Map.ofEntries(
            Map.entry("roi", "a tangible reward or payoff in view"),
            Map.entry("money", "a tangible reward or payoff in view"),
            Map.entry("story", "a candid, lived-in moment"),
            Map.entry("feature", "the product in use, clearly visible"),
            Map.entry("comparison", "a clear before-and-after contrast"),
            Map.entry("social_proof", "a group of real peers together"),
            Map.entry("urgency", "a sense of a moment that will not wait"));

    public static PromptWriter.Prompt write(ImageBrief b) {
        String who = b.segmentName() != null && !b.segmentName().isBlank() ? b.segmentName()
                : b.segment() == null ? "the target audience" : b.segment().replace('_', ' ');
        String feel = b.emotions().isEmpty() ? "" : " that conveys " + String.join(" and ", b.emotions());
        String themes = b.themes().isEmpty() ? "" : " around " + String.join(", ", b.themes());
        String ratio = aspectRatio(b.placements());
        String message = firstNonBlank(b.headline(), b.hookText(), b.body());

        StringBuilder description = new StringBuilder("An image for ").append(who).append(feel).append(themes);
        if (message != null) {
            description.append(", to go with \"").append(clip(message, 160)).append('"');
        }
        description.append(". Format ").append(ratio);
        if (!b.placements().isEmpty()) {
            description.append(" (").append(String.join(", ", b.placements().stream().map(p -> p.code().replace('_', ' ')).toList()))
                    .append(')');
        }
        description.append('.');

        VisualDirection v = b.visual() == null ? VisualDirection.EMPTY : b.visual();
        List<String> parts = new ArrayList<>();
        String style = v.style() == null || v.style().isBlank() ? "authentic lifestyle photograph" : v.style().trim();
        parts.add(style + " of " + who + (b.emotions().isEmpty() ? "" : ", feeling " + String.join(" and ", b.emotions())));
        for (String t : b.themes()) {
            String visual = THEME_VISUALS.get(t.toLowerCase(Locale.ROOT));
            if (visual != null && !parts.contains(visual)) {
                parts.add(visual);
            }
        }
        if (message != null) {
            parts.add("evoking \"" + clip(message, 100) + "\"");
        }
        v.imageGuidelines().stream().limit(3).forEach(parts::add);
        if (!v.brandColors().isEmpty()) {
            parts.add("palette " + String.join(" ", new TreeMap<>(v.brandColors()).values()));
        }
        parts.add("natural light, high detail, no text overlay");
        StringBuilder prompt = new StringBuilder(String.join(", ", parts));
        prompt.append(" --ar ").append(ratio);
        if (!v.avoid().isEmpty()) {
            prompt.append(" --no ").append(String.join(", ", v.avoid()));
        }
        prompt.append(" --style raw");
        return new PromptWriter.Prompt(description.toString(), prompt.toString(), "offline");
    }

    /** The ratio to ask for: the strictest placement's (story 9:16, Instagram 1:1, else Facebook's 1.91:1). */
    public static String aspectRatio(List<Placement> placements) {
        if (placements.contains(Placement.STORY)) {
            return Placement.STORY.aspectRatio();
        }
        if (placements.contains(Placement.INSTAGRAM_FEED)) {
            return Placement.INSTAGRAM_FEED.aspectRatio();
        }
        if (placements.contains(Placement.FACEBOOK_FEED)) {
            // 1:1 also suits Facebook feed and is the safest one image for both feeds
            return "1:1";
        }
        return "1:1";
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static String clip(String s, int max) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max - 1).trim() + "…";
    }
}
