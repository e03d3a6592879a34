package io.campaignengine.publishing.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.publishing.domain.Content;

/** The words of a post per platform: the platform variant when content-service made one, else headline and body. */
final class PostText {
    private PostText() {
    }

    static JsonNode variant(ObjectMapper mapper, Content c, String platform) {
        if (c.variants == null) return null;
        try {
            JsonNode v = mapper.readTree(c.variants).get(platform);
            return v == null || v.isNull() ? null : v;
        } catch (Exception e) {
            return null;
        }
    }

    static String message(ObjectMapper mapper, Content c, String platform) {
        JsonNode v = variant(mapper, c, platform);
        String text;
        if (v != null && v.hasNonNull("text") && !v.path("text").asText().isBlank()) {
            text = v.path("text").asText();
        } else {
            text = (c.headline == null || c.headline.isBlank() ? "" : c.headline + "\n\n") + (c.body == null ? "" : c.body);
        }
        if (v != null && v.has("hashtags")) {
            StringBuilder tags = new StringBuilder();
            for (JsonNode h : v.path("hashtags")) {
                String tag = h.asText().startsWith("#") ? h.asText() : "#" + h.asText();
                if (!text.contains(tag)) tags.append(' ').append(tag);
            }
            if (!tags.isEmpty()) text = text + "\n\n" + tags.toString().trim();
        }
        if (platform.equals("INSTAGRAM") && text.length() > 2200) text = text.substring(0, 2200);
        return text.trim();
    }

    static String link(ObjectMapper mapper, Content c, String platform) {
        JsonNode v = variant(mapper, c, platform);
        if (v != null && v.hasNonNull("linkUrl") && !v.path("linkUrl").asText().isBlank()) return v.path("linkUrl").asText();
        return c.trackedUrl != null ? c.trackedUrl : c.ctaUrl;
    }
}
