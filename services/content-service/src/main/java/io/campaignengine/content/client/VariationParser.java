package io.campaignengine.content.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.content.service.Draft;
import io.campaignengine.content.service.DraftValidator;

import java.util.ArrayList;
import java.util.List;

/** Parses and validates the model's structured output: all or nothing (never a half-valid variation). */
public final class VariationParser {
    private VariationParser() {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    public static List<Draft> parse(String text) throws Malformed {
        if (text == null || text.isBlank()) {
            throw new Malformed("the answer was empty");
        }
        String json = text.strip();
        // tolerate a markdown fence around the object (models add one despite instructions); anything else is malformed
        if (json.startsWith("```")) {
            json = json.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (Exception e) {
            String m = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw new Malformed("the answer is not valid JSON (" + m + ")");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("the answer is not a JSON object");
        }
        JsonNode variations = root.get("variations");
        if (variations == null || !variations.isArray() || variations.isEmpty()) {
            throw new Malformed("the JSON object has no non-empty \"variations\" array");
        }
        List<Draft> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : variations) {
            if (!v.isObject()) {
                throw new Malformed("variations[" + i + "] is not an object");
            }
            Draft d = new Draft(text(v, "headline"), text(v, "body"), text(v, "ctaText"), list(v, "emotions"), list(v, "themes"));
            String problem = DraftValidator.problem(d);
            if (problem != null) {
                throw new Malformed("variations[" + i + "]: " + problem);
            }
            out.add(d);
            i++;
        }
        return out;
    }

    static String text(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null || !n.isTextual() ? null : n.asText().strip();
    }

    static List<String> list(JsonNode v, String field) {
        JsonNode n = v.get(field);
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(x -> {
                if (x.isTextual() && !x.asText().isBlank()) {
                    out.add(x.asText().strip());
                }
            });
        }
        return out;
    }
}
