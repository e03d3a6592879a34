package io.campaignengine.content.domain;

import io.campaignengine.kit.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One generation batch: what was asked, what came out, what was dropped and why, tokens and cost. */
@Entity
@Table(name = "generation_jobs")
public class GenerationJob {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "campaign_id")
    public UUID campaignId;

    /** campaign_approved | variants_requested | manual | repurpose */
    @Column(nullable = false)
    public String trigger;

    @Column(nullable = false)
    public String status;

    /** Variations asked for (per segment count x segments). */
    @Column(nullable = false)
    public int requested;

    @Column(nullable = false)
    public int generated;

    @Column(nullable = false)
    public int rejected;

    @Column(nullable = false)
    public int failed;

    @Convert(converter = JsonColumn.ObjectMap.class)
    @ColumnTransformer(read = "cast(params as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> params = Map.of();

    @Convert(converter = JsonColumn.UuidList.class)
    @ColumnTransformer(read = "cast(content_ids as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "content_ids", nullable = false, columnDefinition = "jsonb")
    public List<UUID> contentIds = new ArrayList<>();

    @Convert(converter = JsonColumns.ObjectList.class)
    @ColumnTransformer(read = "cast(rejections as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Map<String, Object>> rejections = new ArrayList<>();

    public String error;

    public String provider;

    public String model;

    @Column(name = "input_tokens", nullable = false)
    public long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    public long outputTokens;

    @Column(name = "cost_usd", nullable = false)
    public BigDecimal costUsd = BigDecimal.ZERO;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public boolean terminal() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }

    @SuppressWarnings("unchecked")
    public List<String> listParam(String name) {
        Object v = params.get(name);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    public String textParam(String name) {
        Object v = params.get(name);
        return v == null ? null : v.toString();
    }

    public int intParam(String name, int fallback) {
        Object v = params.get(name);
        return v instanceof Number n ? n.intValue() : fallback;
    }
}
