package io.campaignengine.playbook.service;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Body of POST /api/businesses (name and slug required) and PUT /api/businesses/{id} (fields left out or null stay
 * unchanged; the slug cannot change).
 */
public record BusinessInput(
        @Size(min = 1, max = 255) String name,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "must be lower case letters, digits, _ or -, starting with a letter or digit") String slug,
        String description,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String websiteUrl,
        Map<String, @Pattern(regexp = "#[0-9A-Fa-f]{6}", message = "must be a color like #6A1A19") String> brandColors,
        @Size(max = 100) String metaPageId,
        @Size(max = 100) String metaInstagramId,
        @Size(max = 100) String metaAdAccountId,
        @Size(max = 100) String pixelId,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code like USD") String currency,
        @Size(max = 64) String timezone,
        List<@Size(min = 1, max = 100) String> targetMarkets,
        Map<String, String> settings) {
}
