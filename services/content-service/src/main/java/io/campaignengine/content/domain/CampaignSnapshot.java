package io.campaignengine.content.domain;

import java.util.List;
import java.util.UUID;

/** The content-relevant part of an approved campaign, copied from {@code CampaignApproved}. */
public record CampaignSnapshot(UUID campaignId, UUID businessId, String name, UUID playbookId, int playbookVersion, String objective,
                               List<String> segmentIds, List<String> platforms, List<String> contentTypes, List<String> hookIds,
                               int contentCountPerSegment, String landingUrl, String approvedBy) {
}
