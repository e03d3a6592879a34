package io.campaignengine.publishing.events;

import io.campaignengine.events.common.Money;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.publishing.AdBudgetChanged;
import io.campaignengine.events.publishing.ConnectionChanged;
import io.campaignengine.events.publishing.ConnectionStatus;
import io.campaignengine.events.publishing.PostFailed;
import io.campaignengine.events.publishing.PostKind;
import io.campaignengine.events.publishing.PostPaused;
import io.campaignengine.events.publishing.PostPublished;
import io.campaignengine.events.publishing.PostScheduled;
import io.campaignengine.kit.outbox.Envelopes;
import io.campaignengine.publishing.domain.Campaign;
import io.campaignengine.publishing.domain.Connection;
import io.campaignengine.publishing.domain.Post;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The events of publishing.events, built from the rows (never from tokens). */
public final class EventFactory {
    private EventFactory() {
    }

    public static ConnectionChanged connectionChanged(Connection c, String previousStatus, String changedBy) {
        return ConnectionChanged.newBuilder()
                .setEnvelope(Envelopes.forBusiness(c.businessId))
                .setConnectionId(c.id)
                .setPlatform(Platform.FACEBOOK) // one Meta connection: the Page, its Instagram account, the ad account
                .setStatus(status(c.status))
                .setPreviousStatus(previousStatus == null ? null : status(previousStatus))
                .setAccountName(c.accountName)
                .setPageId(c.pageId)
                .setInstagramAccountId(c.instagramAccountId)
                .setAdAccountId(c.adAccountId)
                .setScopes(Campaign.split(c.scopes))
                .setTokenExpiresAt(c.tokenExpiresAt)
                .setChangedBy(changedBy)
                .setErrorMessage(c.lastError)
                .build();
    }

    static ConnectionStatus status(String s) {
        try {
            return ConnectionStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            return ConnectionStatus.UNKNOWN;
        }
    }

    public static Platform platform(String p) {
        try {
            return Platform.valueOf(p);
        } catch (IllegalArgumentException e) {
            return Platform.UNKNOWN;
        }
    }

    static Money money(Long minor, String currency) {
        return minor == null ? null : Money.newBuilder().setAmountMinor(minor).setCurrency(currency == null ? "USD" : currency).build();
    }

    public static PostScheduled scheduled(Post p, List<String> markets) {
        return PostScheduled.newBuilder()
                .setEnvelope(Envelopes.create(p.businessId, p.campaignId))
                .setPostId(p.id).setContentId(p.contentId).setPlatform(platform(p.platform))
                .setPostKind(p.isAd() ? PostKind.AD : PostKind.ORGANIC)
                .setScheduledFor(p.scheduledFor)
                .setAbGroup(p.abGroup)
                .setBudgetDaily(money(p.budgetDailyMinor, p.currency))
                .setTargetMarkets(markets)
                .setTargeting(p.targeting == null ? Map.of() : Map.of("spec", p.targeting))
                .build();
    }

    public static PostPublished published(Post p) {
        return PostPublished.newBuilder()
                .setEnvelope(Envelopes.create(p.businessId, p.campaignId))
                .setPostId(p.id).setContentId(p.contentId).setPlatform(platform(p.platform))
                .setPlatformPostId(p.platformPostId).setPermalink(p.permalink)
                .setAdId(p.adId).setAdSetId(p.adSetId)
                .setPublishedAt(p.postedAt == null ? Instant.now() : p.postedAt)
                .setAttempt(Math.max(1, p.attempts))
                .build();
    }

    public static PostFailed failed(Post p, String code, String message, boolean retryable, Instant next) {
        return PostFailed.newBuilder()
                .setEnvelope(Envelopes.create(p.businessId, p.campaignId))
                .setPostId(p.id).setContentId(p.contentId).setPlatform(platform(p.platform))
                .setErrorCode(code).setErrorMessage(message == null ? "failed" : message)
                .setAttempt(Math.max(1, p.attempts)).setRetryable(retryable).setNextAttemptAt(next)
                .build();
    }

    public static PostPaused paused(Post p, String reason, UUID decisionId) {
        return PostPaused.newBuilder()
                .setEnvelope(Envelopes.create(p.businessId, p.campaignId))
                .setPostId(p.id).setContentId(p.contentId).setPlatform(platform(p.platform))
                .setReason(reason).setDecisionId(decisionId)
                .build();
    }

    public static AdBudgetChanged budgetChanged(Post p, Long previous, UUID decisionId) {
        return AdBudgetChanged.newBuilder()
                .setEnvelope(Envelopes.create(p.businessId, p.campaignId))
                .setPostId(p.id).setContentId(p.contentId).setPlatform(platform(p.platform))
                .setAdSetId(p.adSetId == null ? "" : p.adSetId)
                .setPreviousBudgetDaily(money(previous, p.currency))
                .setBudgetDaily(money(p.budgetDailyMinor, p.currency))
                .setDecisionId(decisionId)
                .build();
    }
}
