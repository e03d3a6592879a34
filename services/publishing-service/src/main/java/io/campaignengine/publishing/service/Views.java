package io.campaignengine.publishing.service;

import io.campaignengine.publishing.domain.Campaign;
import io.campaignengine.publishing.domain.Connection;
import io.campaignengine.publishing.domain.Post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API shows. Tokens are never part of any view. */
public final class Views {
    private Views() {
    }

    public record ConnectionView(UUID id, UUID businessId, String platform, String status, String accountName, String pageId,
                                 String pageName, String instagramAccountId, String adAccountId, List<String> scopes,
                                 Instant tokenExpiresAt, Instant tokenRefreshedAt, String lastError, String connectedBy,
                                 Instant updatedAt) {
        public static ConnectionView of(Connection c) {
            return new ConnectionView(c.id, c.businessId, c.platform, c.status, c.accountName, c.pageId, c.pageName,
                    c.instagramAccountId, c.adAccountId, Campaign.split(c.scopes), c.tokenExpiresAt, c.tokenRefreshedAt,
                    c.lastError, c.connectedBy, c.updatedAt);
        }
    }

    public record ConnectStart(String authorizationUrl, String state, Instant expiresAt) {
    }

    public record PostView(UUID id, UUID businessId, UUID campaignId, UUID contentId, String platform, String kind, String status,
                           Instant scheduledFor, String abGroup, Instant postedAt, String platformPostId, String permalink,
                           String containerId, String adSetId, String creativeId, String adId, Long budgetDailyMinor,
                           String currency, String pausedBy, int attempts, Instant nextAttemptAt, String errorCode, String errorMessage,
                           Instant createdAt, Instant updatedAt) {
        public static PostView of(Post p) {
            return new PostView(p.id, p.businessId, p.campaignId, p.contentId, p.platform, p.kind, p.status, p.scheduledFor,
                    p.abGroup, p.postedAt, p.platformPostId, p.permalink, p.containerId, p.adSetId, p.creativeId, p.adId,
                    p.budgetDailyMinor, p.currency, p.pausedBy, p.attempts, p.nextAttemptAt, p.errorCode, p.errorMessage, p.createdAt, p.updatedAt);
        }
    }
}
