package io.campaignengine.content.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The state of a piece before an edit (PUT keeps the revision). */
@Entity
@Table(name = "content_revisions")
public class ContentRevision {
    @Id
    public UUID id;

    @Column(name = "content_id", nullable = false)
    public UUID contentId;

    @Column(nullable = false)
    public int revision;

    @Column(nullable = false)
    public String headline;

    @Column(nullable = false)
    public String body;

    @Column(name = "cta_text")
    public String ctaText;

    @Column(name = "cta_url")
    public String ctaUrl;

    @Convert(converter = JsonColumns.Variants.class)
    @ColumnTransformer(read = "cast(platform_variants as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "platform_variants", nullable = false, columnDefinition = "jsonb")
    public Map<String, PlatformVariant> platformVariants = Map.of();

    @Column(name = "edited_by", nullable = false)
    public String editedBy;

    @Column(name = "edited_at", nullable = false)
    public Instant editedAt;

    public String note;
}
