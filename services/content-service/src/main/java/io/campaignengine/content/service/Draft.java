package io.campaignengine.content.service;

import java.util.List;

/** One variation as a provider writes it, before validation, scoring and formatting. */
public record Draft(String headline, String body, String ctaText, List<String> emotions, List<String> themes) {
}
