package io.campaignengine.publishing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A post (organic) or ad (paid) of one content piece on one platform, with its schedule and platform ids (seed 3.2). */
@Entity
@Table(name = "post")
public class Post {
    public static final String SCHEDULED = "SCHEDULED";
    public static final String PUBLISHING = "PUBLISHING";
    public static final String POSTED = "POSTED";
    public static final String PAUSED = "PAUSED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    public static final String ORGANIC = "ORGANIC";
    public static final String AD = "AD";

    @Id
    public UUID id;
    @Column(name = "business_id", nullable = false)
    public UUID businessId;
    @Column(name = "campaign_id", nullable = false)
    public UUID campaignId;
    @Column(name = "content_id", nullable = false)
    public UUID contentId;
    @Column(nullable = false)
    public String platform;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false)
    public String status = SCHEDULED;
    @Column(name = "scheduled_for", nullable = false)
    public Instant scheduledFor;
    @Column(name = "publish_now", nullable = false)
    public boolean publishNow;
    @Column(name = "ab_group")
    public String abGroup;
    @Column(name = "posted_at")
    public Instant postedAt;
    @Column(name = "platform_post_id")
    public String platformPostId;
    public String permalink;
    @Column(name = "container_id")
    public String containerId;
    @Column(name = "ad_set_id")
    public String adSetId;
    @Column(name = "creative_id")
    public String creativeId;
    @Column(name = "ad_id")
    public String adId;
    @Column(name = "budget_daily_minor")
    public Long budgetDailyMinor;
    public String currency;
    public String targeting;
    @Column(name = "budget_spent", nullable = false)
    public BigDecimal budgetSpent = BigDecimal.ZERO;
    @Column(nullable = false)
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "claimed_until")
    public Instant claimedUntil;
    @Column(name = "attempt_step")
    public String attemptStep;
    @Column(name = "attempt_key")
    public UUID attemptKey;
    @Column(name = "attempt_started_at")
    public Instant attemptStartedAt;
    /** Why it is PAUSED: {@code campaign} (comes back on resume) or {@code decision}. */
    @Column(name = "paused_by")
    public String pausedBy;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public boolean isAd() {
        return AD.equals(kind);
    }
}
