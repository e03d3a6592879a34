package io.campaignengine.content.service;

import io.campaignengine.content.domain.PlaybookSnapshot;

/**
 * What a provider is asked for: {@code count} variations of one hook for one segment and content type, numbered from
 * {@code firstIndex} (variation indexes keep offline output reproducible and distinct), with optional guidance
 * (e.g. from a VariantsRequested decision).
 */
public record GenerationRequest(PlaybookSnapshot playbook, String campaignName, String objective, String segmentId,
                                PlaybookSnapshot.Hook hook, String contentType, int count, int firstIndex, long seed, String guidance) {
}
