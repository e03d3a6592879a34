package io.campaignengine.playbook.domain;

import io.campaignengine.kit.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Convert;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One state change (seed 3.2 activity_log): who (a user or the system) did what to which entity. */
@Entity
@Table(name = "activity_log")
public class ActivityEntry {
    @Id
    public UUID id;

    @Column(name = "business_id")
    public UUID businessId;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(nullable = false, length = 10)
    public Assignee actor;

    /** The user name, or the component for system actions (e.g. "content-service"). */
    @Column(name = "actor_name")
    public String actorName;

    @Column(nullable = false, length = 100)
    public String action;

    @Column(name = "entity_type", nullable = false, length = 100)
    public String entityType;

    @Column(name = "entity_id")
    public UUID entityId;

    @Convert(converter = JsonColumn.ObjectMap.class)
    @ColumnTransformer(read = "cast(details as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> details = Map.of();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Insertion order (identity column), for a stable newest-first order. */
    @Column(insertable = false, updatable = false)
    public Long seq;
}
