package io.campaignengine.image.domain;

import io.campaignengine.kit.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A content piece as this service knows it: what matching needs (ContentGenerated), the image it uses
 * (our match, ContentImageAssigned, a fulfilled request) and its publishing state (PostScheduled, PostPublished),
 * which decides whether that image may be deleted. Rows may be created by any of these events, in any order.
 */
@Entity
@Table(name = "contents")
public class ContentCopy {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "content_type", length = 20)
    public String contentType;

    @Column(name = "segment_id", length = 100)
    public String segmentId;

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(emotions as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> emotions = List.of();

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(themes as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> themes = List.of();

    @Convert(converter = JsonColumns.PlacementList.class)
    @ColumnTransformer(read = "cast(placements as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Placement> placements = List.of();

    public String headline;

    public String body;

    @Column(name = "hook_text")
    public String hookText;

    @Column(name = "image_id")
    public UUID imageId;

    /** auto_match, request_fulfilled, manual (as ContentImageAssigned says). */
    @Column(length = 20)
    public String assignment;

    @Column(name = "match_score")
    public Double matchScore;

    @Column(name = "generated_at")
    public Instant generatedAt;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "retired_at")
    public Instant retiredAt;

    /** Posts published with this content (PostPublished). */
    @Column(nullable = false)
    public int posts;

    /** Scheduled or posted, and not retired: its image must not disappear. */
    public boolean live() {
        return retiredAt == null && (scheduledAt != null || publishedAt != null);
    }
}
