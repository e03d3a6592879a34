package io.campaignengine.publishing.repository;

import io.campaignengine.publishing.domain.Post;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class PostRepository implements PanacheRepositoryBase<Post, UUID> {

    /**
     * Claims due posts for this instance: rows locked with {@code for update skip locked} (other instances skip them),
     * then marked PUBLISHING with a lease in the same transaction. A PUBLISHING post whose lease ran out (its
     * instance died) is claimed again and reconciled.
     */
    public Uni<List<UUID>> claimDue(Instant now, int limit, Instant leaseUntil) {
        String sql = "select p.id from post p join campaign c on c.id = p.campaign_id"
                + " where ((p.status = 'SCHEDULED' and p.scheduled_for <= :now"
                + "         and (p.next_attempt_at is null or p.next_attempt_at <= :now)"
                + "         and (c.status = 'ACTIVE' or p.publish_now))"
                + "     or (p.status = 'PUBLISHING' and p.claimed_until < :now))"
                + " order by p.scheduled_for limit :n for update of p skip locked";
        return getSession().chain(s -> s.createNativeQuery(sql, UUID.class)
                        .setParameter("now", now).setParameter("n", limit).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(ids)
                        : update("status = :st, claimedUntil = :lease, updatedAt = :now where id in :ids",
                        Parameters.with("st", Post.PUBLISHING).and("lease", leaseUntil).and("now", now).and("ids", ids))
                        .replaceWith(ids));
    }

    public Uni<List<Post>> ofCampaign(UUID campaignId) {
        return list("campaignId", Sort.by("scheduledFor").and("id"), campaignId);
    }

    public Uni<List<Post>> ofContent(UUID contentId) {
        return list("contentId", contentId);
    }

    public Uni<List<Post>> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) return Uni.createFrom().item(List.of());
        return list("id in ?1", ids);
    }

    /** Posts of a campaign on one platform (organic) whose slot lies in [from, to): for the daily caps. */
    public Uni<List<Instant>> organicTimes(UUID campaignId, String platform) {
        return find("campaignId = ?1 and platform = ?2 and kind = ?3 and status in ?4", campaignId, platform, Post.ORGANIC,
                Set.of(Post.SCHEDULED, Post.PUBLISHING, Post.POSTED)).list()
                .map(l -> {
                    List<Instant> out = new ArrayList<>();
                    for (Post p : l) out.add(p.scheduledFor);
                    return out;
                });
    }

    public Uni<PageResult<Post>> page(Set<UUID> businessIds, UUID businessId, UUID campaignId, UUID contentId, String platform,
                                      String status, int page, int size) {
        StringBuilder q = new StringBuilder("businessId in :bs");
        Parameters p = Parameters.with("bs", businessIds);
        if (businessId != null) {
            q.append(" and businessId = :b");
            p.and("b", businessId);
        }
        if (campaignId != null) {
            q.append(" and campaignId = :c");
            p.and("c", campaignId);
        }
        if (contentId != null) {
            q.append(" and contentId = :ct");
            p.and("ct", contentId);
        }
        if (platform != null) {
            q.append(" and platform = :pl");
            p.and("pl", platform);
        }
        if (status != null) {
            q.append(" and status = :st");
            p.and("st", status);
        }
        var query = find(q.toString(), Sort.descending("scheduledFor").and("id"), p);
        return PageResult.of(query, page, size);
    }

    public Uni<List<Post>> upcoming(Set<UUID> businessIds, UUID businessId, UUID campaignId, int limit) {
        StringBuilder q = new StringBuilder("businessId in :bs and status in :st");
        Parameters p = Parameters.with("bs", businessIds).and("st", Set.of(Post.SCHEDULED, Post.PUBLISHING));
        if (businessId != null) {
            q.append(" and businessId = :b");
            p.and("b", businessId);
        }
        if (campaignId != null) {
            q.append(" and campaignId = :c");
            p.and("c", campaignId);
        }
        return find(q.toString(), Sort.by("scheduledFor").and("id"), p).page(0, limit).list();
    }
}
