package io.campaignengine.image.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A request for an image the library lacks (seed 3.2 image_requests), usually for one content piece. */
@Entity
@Table(name = "image_requests")
public class ImageRequest {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "content_id")
    public UUID contentId;

    @Convert(converter = Codes.StatusCode.class)
    @Column(nullable = false, length = 16)
    public RequestStatus status = RequestStatus.PENDING;

    @Column(nullable = false)
    public String description;

    @Column(name = "suggested_prompt", nullable = false)
    public String suggestedPrompt;

    @Convert(converter = JsonColumns.TagsJson.class)
    @ColumnTransformer(read = "cast(suggested_tags as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "suggested_tags", nullable = false, columnDefinition = "jsonb")
    public Tags suggestedTags = Tags.EMPTY;

    @Column(nullable = false)
    public int priority = 5;

    @Column(name = "aspect_ratio", length = 10)
    public String aspectRatio;

    @Convert(converter = JsonColumns.PlacementList.class)
    @ColumnTransformer(read = "cast(placements as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Placement> placements = List.of();

    @Column(name = "best_match_score")
    public Double bestMatchScore;

    @Column(nullable = false)
    public double threshold;

    /** offline or the AI model that wrote the prompt. */
    @Column(name = "prompt_source", nullable = false, length = 20)
    public String promptSource = "offline";

    @Column(name = "fulfilled_by")
    public UUID fulfilledBy;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
