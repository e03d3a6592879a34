package io.campaignengine.publishing.service;

import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.kit.problem.Conflict;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.publishing.domain.Campaign;
import io.campaignengine.publishing.domain.Post;
import io.campaignengine.publishing.events.EventFactory;
import io.campaignengine.publishing.repository.CampaignRepository;
import io.campaignengine.publishing.repository.PageResult;
import io.campaignengine.publishing.repository.PostRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The posts API: read, publish now, cancel, reschedule; scoped to the caller's businesses. */
@ApplicationScoped
public class PostService {
    static final Set<String> STATUSES = Set.of(Post.SCHEDULED, Post.PUBLISHING, Post.POSTED, Post.PAUSED, Post.FAILED, Post.CANCELLED);
    static final Set<String> PLATFORMS = Set.of("FACEBOOK", "INSTAGRAM");

    private final PostRepository posts;
    private final CampaignRepository campaigns;
    private final Scope scope;
    private final OutboxWriter outbox;
    private final Publisher publisher;

    public PostService(PostRepository posts, CampaignRepository campaigns, Scope scope, OutboxWriter outbox, Publisher publisher) {
        this.posts = posts;
        this.campaigns = campaigns;
        this.scope = scope;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    public Uni<PageResult<Post>> list(CallerContext caller, String businessId, String campaignId, String contentId, String platform,
                                      String status, int page, int size) {
        UUID b = Ids.require("businessId", businessId);
        UUID c = Ids.require("campaignId", campaignId);
        UUID ct = Ids.require("contentId", contentId);
        String pl = platform == null ? null : platform.toUpperCase();
        String st = status == null ? null : status.toUpperCase();
        if (pl != null && !PLATFORMS.contains(pl)) throw ValidationProblem.of("platform", "must be one of " + PLATFORMS);
        if (st != null && !STATUSES.contains(st)) throw ValidationProblem.of("status", "must be one of " + STATUSES);
        if (page < 0) throw ValidationProblem.of("page", "must be 0 or more");
        if (size < 1 || size > 200) throw ValidationProblem.of("size", "must be between 1 and 200");
        return Panache.withSession(() -> scope.businessIds(caller).chain(ids -> posts.page(ids, b, c, ct, pl, st, page, size)));
    }

    public Uni<List<Post>> queue(CallerContext caller, String businessId, String campaignId, int limit) {
        UUID b = Ids.require("businessId", businessId);
        UUID c = Ids.require("campaignId", campaignId);
        if (limit < 1 || limit > 500) throw ValidationProblem.of("limit", "must be between 1 and 500");
        return Panache.withSession(() -> scope.businessIds(caller).chain(ids -> posts.upcoming(ids, b, c, limit)));
    }

    public Uni<Post> get(CallerContext caller, String id) {
        UUID pid = Ids.uuidOrNull(id);
        if (pid == null) return Uni.createFrom().failure(NotFound.of("post", id));
        return Panache.withSession(() -> visible(caller, pid));
    }

    private Uni<Post> visible(CallerContext caller, UUID id) {
        return posts.findById(id).chain(p -> p == null ? Uni.createFrom().failure(NotFound.of("post", id))
                : scope.check(caller, p.businessId, "post", id).replaceWith(p));
    }

    public Uni<Post> publishNow(CallerContext caller, String id) {
        Scope.requireWrite(caller);
        UUID pid = Ids.uuidOrNull(id);
        if (pid == null) return Uni.createFrom().failure(NotFound.of("post", id));
        return Panache.withTransaction(() -> visible(caller, pid).chain(p -> {
            if (!(Post.SCHEDULED.equals(p.status) || Post.FAILED.equals(p.status))) {
                throw new Conflict("post " + id + " is " + p.status + ": only a scheduled or failed post can be published now")
                        .currentStatus(p.status).allowedActions(allowed(p));
            }
            return campaigns.findById(p.campaignId).chain(c -> {
                if (c != null && (Campaign.PAUSED.equals(c.status) || Campaign.COMPLETED.equals(c.status) || Campaign.FAILED.equals(c.status))) {
                    throw new Conflict("campaign " + c.id + " is " + c.status + ": resume it first").currentStatus(c.status);
                }
                if (Post.FAILED.equals(p.status)) {
                    p.attempts = 0;
                    p.errorCode = null;
                    p.errorMessage = null;
                }
                p.status = Post.SCHEDULED;
                p.publishNow = true;
                p.scheduledFor = Instant.now();
                p.nextAttemptAt = null;
                p.updatedAt = Instant.now();
                return outbox.publish(EventFactory.scheduled(p, c == null ? List.of() : c.marketList())).replaceWith(p);
            });
        })).invoke(p -> publisher.kick());
    }

    public Uni<Post> cancel(CallerContext caller, String id) {
        Scope.requireWrite(caller);
        UUID pid = Ids.uuidOrNull(id);
        if (pid == null) return Uni.createFrom().failure(NotFound.of("post", id));
        String who = caller.userName() == null ? caller.userId() : caller.userName();
        return Panache.withTransaction(() -> visible(caller, pid).chain(p -> {
            if (!(Post.SCHEDULED.equals(p.status) || Post.FAILED.equals(p.status) || (Post.PAUSED.equals(p.status) && p.adId == null))) {
                throw new Conflict("post " + id + " is " + p.status + ": only a post that has not gone out can be cancelled")
                        .currentStatus(p.status).allowedActions(allowed(p));
            }
            p.status = Post.CANCELLED;
            p.updatedAt = Instant.now();
            return outbox.publish(EventFactory.paused(p, "cancelled by " + who, null)).replaceWith(p);
        }));
    }

    public Uni<Post> reschedule(CallerContext caller, String id, Instant at) {
        Scope.requireWrite(caller);
        if (at == null) throw ValidationProblem.of("scheduledFor", "is required");
        if (at.isBefore(Instant.now())) throw ValidationProblem.of("scheduledFor", "must be in the future (use publish-now to post at once)");
        UUID pid = Ids.uuidOrNull(id);
        if (pid == null) return Uni.createFrom().failure(NotFound.of("post", id));
        return Panache.withTransaction(() -> visible(caller, pid).chain(p -> {
            if (!(Post.SCHEDULED.equals(p.status) || Post.FAILED.equals(p.status) || Post.CANCELLED.equals(p.status))) {
                throw new Conflict("post " + id + " is " + p.status + ": it cannot be rescheduled").currentStatus(p.status).allowedActions(allowed(p));
            }
            p.status = Post.SCHEDULED;
            p.scheduledFor = at;
            p.publishNow = false;
            p.nextAttemptAt = null;
            p.attempts = 0;
            p.updatedAt = Instant.now();
            return campaigns.findById(p.campaignId).chain(c -> outbox.publish(EventFactory.scheduled(p, c == null ? List.of() : c.marketList())))
                    .replaceWith(p);
        }));
    }

    static List<String> allowed(Post p) {
        return switch (p.status) {
            case Post.SCHEDULED -> List.of("publish-now", "cancel", "reschedule");
            case Post.FAILED -> List.of("publish-now", "cancel", "reschedule");
            case Post.CANCELLED -> List.of("reschedule");
            case Post.PAUSED -> p.adId == null ? List.of("cancel") : List.of();
            default -> List.of();
        };
    }
}
