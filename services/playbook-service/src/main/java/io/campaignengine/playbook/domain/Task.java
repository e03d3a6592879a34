package io.campaignengine.playbook.domain;

import io.campaignengine.kit.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.persistence.Convert;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** A human or system task of a campaign (seed 3.2 tasks), created when the campaign is approved. */
@Entity
@Table(name = "tasks")
public class Task {
    @Id
    public UUID id;

    @Column(name = "campaign_id", nullable = false)
    public UUID campaignId;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(nullable = false, length = 10)
    public Assignee assignee;

    /** See {@link TaskType}. */
    @Column(nullable = false, length = 100)
    public String type;

    @Column(nullable = false)
    public String title;

    public String description;

    public String instructions;

    @Column(nullable = false, length = 16)
    public TaskStatus status = TaskStatus.PENDING;

    @Column(nullable = false)
    public int priority = 5;

    @Column(name = "depends_on")
    public UUID dependsOn;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "completion_notes")
    public String completionNotes;

    @Column(name = "blocked_reason")
    public String blockedReason;

    /** Progress reported by events (e.g. pieces matched / total). */
    @Convert(converter = JsonColumn.ObjectMap.class)
    @ColumnTransformer(read = "cast(progress as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> progress = Map.of();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
