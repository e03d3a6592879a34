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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A piece of content (seed 3.2 content), plus parent_id for repurposed children, tags and quality scores. */
@Entity
@Table(name = "content")
public class Content {
    public static final Set<String> TYPES = Set.of("ad", "organic_post", "story", "carousel", "email", "long_form");
    public static final Set<String> STATUSES = Set.of("generated", "approved", "scheduled", "posted", "paused", "retired");

    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(nullable = false)
    public String type;

    public String format;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String headline;

    @Column(nullable = false)
    public String body;

    @Column(name = "cta_text")
    public String ctaText;

    @Column(name = "cta_url")
    public String ctaUrl;

    @Column(name = "tracked_url")
    public String trackedUrl;

    @Convert(converter = JsonColumn.StringMap.class)
    @ColumnTransformer(read = "cast(utm_params as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "utm_params", nullable = false, columnDefinition = "jsonb")
    public Map<String, String> utmParams = Map.of();

    @Column(name = "image_id")
    public UUID imageId;

    @Column(name = "image_url")
    public String imageUrl;

    @Convert(converter = JsonColumns.Variants.class)
    @ColumnTransformer(read = "cast(platform_variants as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "platform_variants", nullable = false, columnDefinition = "jsonb")
    public Map<String, PlatformVariant> platformVariants = Map.of();

    /** The playbook hook id the piece tests. */
    @Column(name = "hook_source")
    public String hookSource;

    @Column(name = "hook_text")
    public String hookText;

    @Column(name = "audience_segment")
    public String audienceSegment;

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(emotions as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> emotions = List.of();

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(themes as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> themes = List.of();

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(keywords as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> keywords = List.of();

    @Column(name = "score_brand_voice")
    public BigDecimal scoreBrandVoice;

    @Column(name = "score_clarity")
    public BigDecimal scoreClarity;

    @Column(name = "score_hook_alignment")
    public BigDecimal scoreHookAlignment;

    @Column(name = "score_overall")
    public BigDecimal scoreOverall;

    @Convert(converter = JsonColumn.ObjectMap.class)
    @ColumnTransformer(read = "cast(generation_metadata as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "generation_metadata", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> generationMetadata = Map.of();

    @Column(name = "performance_score")
    public BigDecimal performanceScore;

    /** Format-specific parts of repurposed children (thread posts, carousel slides, email subject/preview/html/text). */
    @Convert(converter = JsonColumn.ObjectMap.class)
    @ColumnTransformer(read = "cast(extra as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> extra = Map.of();

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "auto_approved", nullable = false)
    public boolean autoApproved;

    @Column(name = "retired_at")
    public Instant retiredAt;

    @Column(name = "retire_reason")
    public String retireReason;

    @Column(nullable = false)
    public int revision = 1;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
