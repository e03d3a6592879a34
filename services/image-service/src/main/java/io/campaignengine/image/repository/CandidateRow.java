package io.campaignengine.image.repository;

import io.campaignengine.image.domain.Tags;

import java.time.Instant;
import java.util.UUID;

/** The columns matching reads for every image of a business (a projection: no descriptions, keys or alt texts). */
public record CandidateRow(UUID id, Tags tags, int width, int height, int usageCount, Instant createdAt) {
}
