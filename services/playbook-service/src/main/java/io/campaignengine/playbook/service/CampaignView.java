package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Assignee;
import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.Task;
import io.campaignengine.playbook.domain.TaskStatus;

import java.util.List;

/**
 * A campaign with the counts of its tasks (the task progress of GET /api/campaigns and /api/campaigns/{id}). A view
 * read by the list ({@code CampaignListQuery}) carries its jsonb columns as stored text in {@code stored}, and the
 * campaign's typed jsonb fields are then not filled: the response writes the text as it is.
 */
public record CampaignView(Campaign campaign, TaskCounts tasks, StoredJson stored) {

    public static CampaignView of(Campaign campaign, List<Task> tasks) {
        return new CampaignView(campaign, TaskCounts.of(tasks), null);
    }

    /** The campaign's jsonb columns as PostgreSQL returns them (text). */
    public record StoredJson(String targetMarkets, String channels, String contentTypes, String hookIds, String successMetrics,
                             String performanceThresholds, String scoreWeights, String humanTasks, String aiTasks) {
    }

    /** Open = not completed; blocked tasks are open too. */
    public record TaskCounts(int total, int completed, int blocked, int humanOpen, int systemOpen) {
        static TaskCounts of(List<Task> tasks) {
            int completed = 0, blocked = 0, humanOpen = 0, systemOpen = 0;
            for (Task t : tasks) {
                if (t.status == TaskStatus.COMPLETED) {
                    completed++;
                    continue;
                }
                if (t.status == TaskStatus.BLOCKED) {
                    blocked++;
                }
                if (t.assignee == Assignee.HUMAN) {
                    humanOpen++;
                } else {
                    systemOpen++;
                }
            }
            return new TaskCounts(tasks.size(), completed, blocked, humanOpen, systemOpen);
        }
    }
}
