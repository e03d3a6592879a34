package io.campaignengine.playbook.domain;

import io.campaignengine.kit.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.persistence.Convert;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A campaign created from an active playbook (seed 3.2 campaigns); its lifecycle is {@link CampaignStatus}. */
@Entity
@Table(name = "campaigns")
public class Campaign {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "playbook_id", nullable = false)
    public UUID playbookId;

    @Column(name = "playbook_version", nullable = false)
    public int playbookVersion;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, length = 16)
    public CampaignStatus status = CampaignStatus.DRAFT;

    @Column(nullable = false, length = 32)
    public Objective objective = Objective.TRIALS;

    /** Audience segment id from the playbook. */
    @Column(name = "target_audience", nullable = false, length = 100)
    public String targetAudience;

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(target_markets as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "target_markets", nullable = false, columnDefinition = "jsonb")
    public List<String> targetMarkets = List.of();

    @Convert(converter = JsonColumns.Channels.class)
    @ColumnTransformer(read = "cast(channels as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Channel> channels = List.of();

    @Convert(converter = JsonColumns.ContentKinds.class)
    @ColumnTransformer(read = "cast(content_types as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "content_types", nullable = false, columnDefinition = "jsonb")
    public List<ContentKind> contentTypes = List.of();

    /** Hooks of the playbook to test; empty = all of them. */
    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(hook_ids as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "hook_ids", nullable = false, columnDefinition = "jsonb")
    public List<String> hookIds = List.of();

    @Column(name = "budget_daily", precision = 10, scale = 2)
    public BigDecimal budgetDaily;

    @Column(name = "budget_total", precision = 10, scale = 2)
    public BigDecimal budgetTotal;

    @Column(nullable = false, length = 3)
    public String currency = "USD";

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "content_count_per_segment", nullable = false)
    public int contentCountPerSegment = 6;

    @Column(name = "landing_url", length = 500)
    public String landingUrl;

    /** Goals, e.g. {subscribers: 15, cac: 100}. */
    @Convert(converter = JsonColumn.DoubleMap.class)
    @ColumnTransformer(read = "cast(success_metrics as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "success_metrics", nullable = false, columnDefinition = "jsonb")
    public Map<String, Double> successMetrics = Map.of();

    @Convert(converter = JsonColumns.Thresholds.class)
    @ColumnTransformer(read = "cast(performance_thresholds as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "performance_thresholds", nullable = false, columnDefinition = "jsonb")
    public PerformanceThresholds performanceThresholds = PerformanceThresholds.defaults();

    @Convert(converter = JsonColumns.Weights.class)
    @ColumnTransformer(read = "cast(score_weights as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "score_weights", nullable = false, columnDefinition = "jsonb")
    public ScoreWeights scoreWeights = ScoreWeights.defaults();

    @Column(name = "auto_optimize", nullable = false)
    public boolean autoOptimize = true;

    /** Snapshot of the human tasks created at approval (id, type, title). */
    @Convert(converter = JsonColumns.TaskRefs.class)
    @ColumnTransformer(read = "cast(human_tasks as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "human_tasks", nullable = false, columnDefinition = "jsonb")
    public List<TaskRef> humanTasks = List.of();

    /** Snapshot of the system tasks created at approval (id, type, title). */
    @Convert(converter = JsonColumns.TaskRefs.class)
    @ColumnTransformer(read = "cast(ai_tasks as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "ai_tasks", nullable = false, columnDefinition = "jsonb")
    public List<TaskRef> aiTasks = List.of();

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "launched_at")
    public Instant launchedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;

    /** A task as remembered on the campaign. */
    public record TaskRef(UUID id, String type, String title) {
    }
}
