package io.campaignengine.playbook.api;

import io.campaignengine.kit.persistence.JsonColumn;
import io.campaignengine.playbook.domain.ActivityEntry;
import io.campaignengine.playbook.domain.Assignee;
import io.campaignengine.playbook.domain.AudienceSegment;
import io.campaignengine.playbook.domain.Business;
import io.campaignengine.playbook.domain.CallToAction;
import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.CampaignStatus;
import io.campaignengine.playbook.domain.Channel;
import io.campaignengine.playbook.domain.ContentKind;
import io.campaignengine.playbook.domain.Hook;
import io.campaignengine.playbook.domain.ObjectionHandler;
import io.campaignengine.playbook.domain.Objective;
import io.campaignengine.playbook.domain.PerformanceThresholds;
import io.campaignengine.playbook.domain.Playbook;
import io.campaignengine.playbook.domain.PlaybookStatus;
import io.campaignengine.playbook.domain.ScoreWeights;
import io.campaignengine.playbook.domain.Task;
import io.campaignengine.playbook.domain.TaskStatus;
import io.campaignengine.playbook.domain.Tone;
import io.campaignengine.playbook.domain.VisualDirection;
import io.campaignengine.playbook.service.CampaignView;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** JSON representations (camelCase) of the resources. */
public final class Views {
    private Views() {
    }

    public record BusinessView(UUID id, String name, String slug, String description, String websiteUrl,
                               Map<String, String> brandColors, String metaPageId, String metaInstagramId, String metaAdAccountId,
                               String pixelId, boolean metaConnected, String currency, String timezone, List<String> targetMarkets,
                               Map<String, String> settings, String createdBy, Instant createdAt, Instant updatedAt) {
        static BusinessView of(Business b) {
            return new BusinessView(b.id, b.name, b.slug, b.description, b.websiteUrl, b.brandColors, b.metaPageId, b.metaInstagramId,
                    b.metaAdAccountId, b.pixelId, b.hasMetaAccounts(), b.currency, b.timezone, b.targetMarkets, b.settings, b.createdBy,
                    b.createdAt, b.updatedAt);
        }
    }

    public record PlaybookView(UUID id, UUID businessId, UUID lineageId, String name, int version, PlaybookStatus status,
                               String positioning, String founderStory, List<AudienceSegment> audiences,
                               Map<String, List<String>> keyMessages, List<ObjectionHandler> objectionHandlers, List<Hook> hooks,
                               List<CallToAction> callsToAction, VisualDirection visualDirection, Tone tone,
                               Map<String, Object> content, String generatedBy, String createdBy, Instant createdAt,
                               Instant updatedAt, Instant activatedAt, String activatedBy, Instant archivedAt,
                               List<String> allowedActions) {
        static PlaybookView of(Playbook p) {
            return new PlaybookView(p.id, p.businessId, p.lineageId, p.name, p.version, p.status, p.positioning, p.founderStory,
                    p.audiences, p.keyMessages, p.objectionHandlers, p.hooks, p.callsToAction, p.visualDirection, p.tone, p.content,
                    p.generatedBy, p.createdBy, p.createdAt, p.updatedAt, p.activatedAt, p.activatedBy, p.archivedAt,
                    p.status.allowedActions());
        }
    }

    /** Counts of a campaign's tasks. */
    public record TaskProgress(int total, int completed, int open, int blocked, int humanOpen, int systemOpen, boolean readyToLaunch) {
        static TaskProgress of(CampaignStatus status, CampaignView.TaskCounts t) {
            return new TaskProgress(t.total(), t.completed(), t.total() - t.completed(), t.blocked(), t.humanOpen(), t.systemOpen(),
                    status == CampaignStatus.SETUP && t.completed() == t.total());
        }
    }

    /** jsonb-backed fields are {@link RawJson} (their shape in {@code @Schema}); the list writes them as PostgreSQL returns them. */
    public record CampaignResponse(UUID id, UUID businessId, UUID playbookId, int playbookVersion, String name,
                                   CampaignStatus status, Objective objective, String targetAudience,
                                   @Schema(type = SchemaType.ARRAY, implementation = String.class) RawJson targetMarkets,
                                   @Schema(type = SchemaType.ARRAY, implementation = Channel.class) RawJson channels,
                                   @Schema(type = SchemaType.ARRAY, implementation = ContentKind.class) RawJson contentTypes,
                                   @Schema(type = SchemaType.ARRAY, implementation = String.class) RawJson hookIds,
                                   BigDecimal budgetDaily, BigDecimal budgetTotal, String currency, LocalDate startDate,
                                   LocalDate endDate, int contentCountPerSegment, String landingUrl,
                                   @Schema(type = SchemaType.OBJECT, additionalProperties = Double.class) RawJson successMetrics,
                                   @Schema(implementation = PerformanceThresholds.class) RawJson performanceThresholds,
                                   @Schema(implementation = ScoreWeights.class) RawJson scoreWeights, boolean autoOptimize,
                                   @Schema(type = SchemaType.ARRAY, implementation = Campaign.TaskRef.class) RawJson humanTasks,
                                   @Schema(type = SchemaType.ARRAY, implementation = Campaign.TaskRef.class) RawJson aiTasks,
                                   Instant approvedAt, String approvedBy, Instant launchedAt,
                                   Instant completedAt, Instant failedAt, String failureReason, String createdBy,
                                   Instant createdAt, Instant updatedAt, TaskProgress taskProgress, List<String> allowedActions) {
        static CampaignResponse of(CampaignView v) {
            Campaign c = v.campaign();
            CampaignView.StoredJson j = v.stored() != null ? v.stored() : new CampaignView.StoredJson(JsonColumn.write(c.targetMarkets),
                    JsonColumn.write(c.channels), JsonColumn.write(c.contentTypes), JsonColumn.write(c.hookIds),
                    JsonColumn.write(c.successMetrics), JsonColumn.write(c.performanceThresholds), JsonColumn.write(c.scoreWeights),
                    JsonColumn.write(c.humanTasks), JsonColumn.write(c.aiTasks));
            return new CampaignResponse(c.id, c.businessId, c.playbookId, c.playbookVersion, c.name, c.status, c.objective,
                    c.targetAudience, RawJson.of(j.targetMarkets()), RawJson.of(j.channels()), RawJson.of(j.contentTypes()),
                    RawJson.of(j.hookIds()), c.budgetDaily, c.budgetTotal, c.currency, c.startDate, c.endDate,
                    c.contentCountPerSegment, c.landingUrl, RawJson.of(j.successMetrics()), RawJson.of(j.performanceThresholds()),
                    RawJson.of(j.scoreWeights()), c.autoOptimize, RawJson.of(j.humanTasks()), RawJson.of(j.aiTasks()), c.approvedAt,
                    c.approvedBy, c.launchedAt, c.completedAt, c.failedAt, c.failureReason, c.createdBy, c.createdAt, c.updatedAt,
                    TaskProgress.of(c.status, v.tasks()), c.status.allowedActions());
        }
    }

    public record TaskView(UUID id, UUID campaignId, UUID businessId, Assignee assignee, String type, String title,
                           String description, String instructions, TaskStatus status, int priority, UUID dependsOn,
                           LocalDate dueDate, Instant completedAt, String completedBy, String completionNotes,
                           String blockedReason, Map<String, Object> progress, Instant createdAt, Instant updatedAt,
                           List<String> allowedActions) {
        static TaskView of(Task t) {
            return new TaskView(t.id, t.campaignId, t.businessId, t.assignee, t.type, t.title, t.description, t.instructions, t.status,
                    t.priority, t.dependsOn, t.dueDate, t.completedAt, t.completedBy, t.completionNotes, t.blockedReason, t.progress,
                    t.createdAt, t.updatedAt, t.status.allowedActions());
        }
    }

    public record ActivityView(UUID id, UUID businessId, UUID campaignId, Assignee actor, String actorName, String action,
                               String entityType, UUID entityId, Map<String, Object> details, Instant createdAt) {
        static ActivityView of(ActivityEntry a) {
            return new ActivityView(a.id, a.businessId, a.campaignId, a.actor, a.actorName, a.action, a.entityType, a.entityId,
                    a.details, a.createdAt);
        }
    }

    // ------------------------------------------------------------------ action bodies

    public record CompleteTaskRequest(@jakarta.validation.constraints.Size(max = 4000) String notes) {
    }

    public record BlockTaskRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 4000) String reason) {
    }

    public record ReasonRequest(@jakarta.validation.constraints.Size(max = 4000) String reason) {
    }

    public record NoteRequest(@jakarta.validation.constraints.Size(max = 4000) String note) {
    }

    public record SummaryRequest(@jakarta.validation.constraints.Size(max = 4000) String summary) {
    }

    public record FailRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 4000) String reason) {
    }

    public record BudgetRequest(
            @jakarta.validation.constraints.DecimalMin("0.00") @jakarta.validation.constraints.Digits(integer = 8, fraction = 2) BigDecimal budgetDaily,
            @jakarta.validation.constraints.DecimalMin("0.00") @jakarta.validation.constraints.Digits(integer = 8, fraction = 2) BigDecimal budgetTotal,
            @jakarta.validation.constraints.Size(max = 4000) String reason) {
    }
}
