package io.campaignengine.publishing.service;

import io.campaignengine.kit.consumer.TransientEventException;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.publishing.client.GraphClient;
import io.campaignengine.publishing.client.GraphError;
import io.campaignengine.publishing.domain.Connection;
import io.campaignengine.publishing.domain.Post;
import io.campaignengine.publishing.events.EventFactory;
import io.campaignengine.publishing.repository.ConnectionRepository;
import io.campaignengine.publishing.repository.PostRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Acts on decisions and on the campaign's lifecycle: pause or unschedule, resume, stop, change ad-set budgets, on
 * Meta first and then in the rows (the consumer's transaction). A Meta error that may pass (throttling, outage) makes
 * the event be retried by the idempotent consumer; a permanent one is recorded on the post.
 */
@ApplicationScoped
public class DecisionService {
    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final PostRepository posts;
    private final ConnectionRepository connections;
    private final ConnectionService connectionService;
    private final GraphClient graph;
    private final OutboxWriter outbox;

    public DecisionService(PostRepository posts, ConnectionRepository connections, ConnectionService connectionService, GraphClient graph,
                           OutboxWriter outbox) {
        this.posts = posts;
        this.connections = connections;
        this.connectionService = connectionService;
        this.graph = graph;
        this.outbox = outbox;
    }

    /** ContentPauseRequested: its ads paused, its scheduled posts unscheduled. */
    public Uni<Void> pauseContent(UUID contentId, List<UUID> postIds, String reason, UUID decisionId) {
        Uni<List<Post>> targets = postIds == null || postIds.isEmpty() ? posts.ofContent(contentId) : posts.byIds(postIds);
        return targets.chain(list -> each(list, p -> pause(p, reason, decisionId, Post.CANCELLED, "decision")));
    }

    /** ContentRetired: nothing more of it goes out; live ads are paused. */
    public Uni<Void> retireContent(UUID contentId, String reason) {
        return posts.ofContent(contentId).chain(list -> each(list, p -> pause(p, reason, null, Post.CANCELLED, "decision")));
    }

    public Uni<Void> pauseCampaign(UUID campaignId, String reason) {
        return posts.ofCampaign(campaignId).chain(list -> each(list, p -> pause(p, reason, null, Post.PAUSED, "campaign")));
    }

    public Uni<Void> stopCampaign(UUID campaignId, String reason) {
        return posts.ofCampaign(campaignId).chain(list -> each(list, p -> {
            if (Post.PAUSED.equals(p.status) && p.adId == null) {
                p.status = Post.CANCELLED;
                p.updatedAt = Instant.now();
                return Uni.createFrom().voidItem();
            }
            return pause(p, reason, null, Post.CANCELLED, "campaign");
        }));
    }

    public Uni<Void> resumeCampaign(UUID campaignId) {
        return posts.ofCampaign(campaignId).chain(list -> each(list, p -> {
            // what a decision paused stays paused: only what the campaign's pause held comes back
            if (!Post.PAUSED.equals(p.status) || !"campaign".equals(p.pausedBy)) return Uni.createFrom().voidItem();
            p.pausedBy = null;
            if (p.adId == null) { // held before it went out: back in the queue
                p.status = Post.SCHEDULED;
                p.updatedAt = Instant.now();
                return Uni.createFrom().voidItem();
            }
            return setStatus(p, "ACTIVE").invoke(() -> {
                p.status = Post.POSTED;
                p.updatedAt = Instant.now();
            }).replaceWithVoid();
        }));
    }

    private Uni<Void> pause(Post p, String reason, UUID decisionId, String scheduledBecomes, String by) {
        if (Post.SCHEDULED.equals(p.status)) {
            p.status = scheduledBecomes;
            p.pausedBy = Post.PAUSED.equals(scheduledBecomes) ? by : null;
            p.updatedAt = Instant.now();
            return outbox.publish(EventFactory.paused(p, reason, decisionId));
        }
        if (p.isAd() && p.adId != null && Post.POSTED.equals(p.status)) {
            return setStatus(p, "PAUSED").chain(ok -> {
                if (!ok) return Uni.createFrom().voidItem();
                p.status = Post.PAUSED;
                p.pausedBy = by;
                p.updatedAt = Instant.now();
                LOG.infof("ad %s of post %s paused: %s", p.adId, p.id, reason);
                return outbox.publish(EventFactory.paused(p, reason, decisionId));
            });
        }
        return Uni.createFrom().voidItem(); // organic posts that are out stay out; failed/cancelled ones are done
    }

    /** POST /{ad-id} status=...; false when Meta refused for good (recorded on the post). */
    private Uni<Boolean> setStatus(Post p, String status) {
        return token(p).chain(t -> t == null ? Uni.createFrom().item(false)
                : graph.post("ads:" + t[1], p.adId, Map.of("status", status), t[0]).replaceWith(true))
                .onFailure(GraphError.class).recoverWithUni(e -> permanentOrRetry(p, (GraphError) e));
    }

    private Uni<Boolean> permanentOrRetry(Post p, GraphError g) {
        if (g.retryable()) return Uni.createFrom().failure(new TransientEventException("Meta: " + g.getMessage(), g));
        p.errorCode = g.codeText();
        p.errorMessage = g.readable();
        p.updatedAt = Instant.now();
        LOG.warnf("post %s: Meta refused the change: %s", p.id, g.readable());
        return Uni.createFrom().item(false);
    }

    /** [user token, ad account] of the post's business, or null when not connected. */
    private Uni<String[]> token(Post p) {
        return connections.meta(p.businessId).map(c -> c == null || !Connection.CONNECTED.equals(c.status) || c.accessTokenEnc == null ? null
                : new String[]{connectionService.tokens(c).user(), c.adAccountId});
    }

    /** A new daily budget for the ad set of one post (BudgetReallocated / CampaignBudgetChanged). */
    public Uni<Void> setBudget(Post p, long amountMinor, UUID decisionId) {
        Long previous = p.budgetDailyMinor;
        if (previous != null && previous == amountMinor) return Uni.createFrom().voidItem();
        if (!p.isAd() || Post.FAILED.equals(p.status) || Post.CANCELLED.equals(p.status)) return Uni.createFrom().voidItem();
        Uni<Boolean> remote = p.adSetId == null ? Uni.createFrom().item(true)
                : token(p).chain(t -> t == null ? Uni.createFrom().item(false)
                : graph.post("ads:" + t[1], p.adSetId, Map.of("daily_budget", Long.toString(amountMinor)), t[0]).replaceWith(true))
                .onFailure(GraphError.class).recoverWithUni(e -> permanentOrRetry(p, (GraphError) e));
        return remote.chain(ok -> {
            if (!ok) return Uni.createFrom().voidItem();
            p.budgetDailyMinor = amountMinor;
            p.updatedAt = Instant.now();
            return outbox.publish(EventFactory.budgetChanged(p, previous, decisionId));
        });
    }

    /** BudgetReallocated: each allocation names a content (and maybe a post). */
    public Uni<Void> reallocate(UUID campaignId, List<io.campaignengine.events.optimization.BudgetAllocation> allocations, UUID decisionId) {
        return posts.ofCampaign(campaignId).chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var a : allocations) {
                List<Post> ads = new ArrayList<>();
                for (Post p : list) {
                    if (!p.isAd()) continue;
                    if (a.getPostId() != null ? a.getPostId().equals(p.id) : a.getContentId().equals(p.contentId)) ads.add(p);
                }
                List<Long> shares = ScheduleRules.split(a.getAmountDaily().getAmountMinor(), ads.size());
                for (int i = 0; i < ads.size(); i++) {
                    Post p = ads.get(i);
                    long amount = shares.get(i);
                    chain = chain.chain(() -> setBudget(p, amount, decisionId));
                }
            }
            return chain;
        });
    }

    /** CampaignBudgetChanged: the ads keep their shares of the new total. */
    public Uni<Void> rebudget(UUID campaignId, long newTotal) {
        return posts.ofCampaign(campaignId).chain(list -> {
            List<Post> ads = new ArrayList<>();
            long current = 0;
            for (Post p : list) {
                if (p.isAd() && !Post.FAILED.equals(p.status) && !Post.CANCELLED.equals(p.status)) {
                    ads.add(p);
                    current += p.budgetDailyMinor == null ? 0 : p.budgetDailyMinor;
                }
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            List<Long> equal = ScheduleRules.split(newTotal, ads.size());
            for (int i = 0; i < ads.size(); i++) {
                Post p = ads.get(i);
                long amount = current > 0 && p.budgetDailyMinor != null ? Math.round((double) newTotal * p.budgetDailyMinor / current) : equal.get(i);
                chain = chain.chain(() -> setBudget(p, amount, null));
            }
            return chain;
        });
    }

    private static Uni<Void> each(List<Post> list, java.util.function.Function<Post, Uni<Void>> f) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Post p : list) chain = chain.chain(() -> f.apply(p));
        return chain;
    }
}
