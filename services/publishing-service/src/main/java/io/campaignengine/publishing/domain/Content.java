package io.campaignengine.publishing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Local copy of a content piece (ContentGenerated / ContentApproved / ContentRetired) and its image
 * (ImageMatched / ContentImageAssigned, which may arrive before the content itself: then only the image is known).
 */
@Entity
@Table(name = "content")
public class Content {
    public static final String UNKNOWN = "UNKNOWN";
    public static final String GENERATED = "GENERATED";
    public static final String APPROVED = "APPROVED";
    public static final String RETIRED = "RETIRED";

    @Id
    public UUID id;
    @Column(name = "campaign_id")
    public UUID campaignId;
    @Column(name = "business_id")
    public UUID businessId;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "segment_id")
    public String segmentId;
    @Column(name = "hook_id")
    public String hookId;
    public String headline;
    public String body;
    @Column(name = "cta_text")
    public String ctaText;
    @Column(name = "cta_url")
    public String ctaUrl;
    @Column(name = "tracked_url")
    public String trackedUrl;
    /** JSON object: platform → {text, headline, hashtags, linkUrl}. */
    public String variants;
    @Column(name = "image_id")
    public UUID imageId;
    @Column(name = "image_url")
    public String imageUrl;
    @Column(nullable = false)
    public String status = UNKNOWN;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public boolean isAd() {
        return "AD".equals(contentType);
    }
}
