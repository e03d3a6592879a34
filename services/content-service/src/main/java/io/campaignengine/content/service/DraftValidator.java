package io.campaignengine.content.service;

/** Whether a draft can be stored: never half-valid (seed: headline VARCHAR(255), cta_text VARCHAR(100)). */
public final class DraftValidator {
    private DraftValidator() {
    }

    /** The problem, or null when valid. */
    public static String problem(Draft d) {
        if (d == null) {
            return "missing variation";
        }
        if (d.headline() == null || d.headline().isBlank()) {
            return "headline is empty";
        }
        if (Text.length(d.headline()) > 255) {
            return "headline longer than 255 characters";
        }
        if (d.body() == null || d.body().isBlank()) {
            return "body is empty";
        }
        if (Text.words(d.body()).size() < 5) {
            return "body has fewer than 5 words";
        }
        if (Text.length(d.body()) > 10_000) {
            return "body longer than 10,000 characters";
        }
        if (d.ctaText() == null || d.ctaText().isBlank()) {
            return "ctaText is empty";
        }
        if (Text.length(d.ctaText()) > 100) {
            return "ctaText longer than 100 characters";
        }
        return null;
    }
}
