package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.Task;

import java.util.List;

/** A campaign with its tasks (for the task progress of GET /api/campaigns/{id}). */
public record CampaignView(Campaign campaign, List<Task> tasks) {
}
