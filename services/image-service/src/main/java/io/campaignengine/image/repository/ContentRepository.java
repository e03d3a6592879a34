package io.campaignengine.image.repository;

import io.campaignengine.image.domain.ContentCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ContentRepository implements PanacheRepositoryBase<ContentCopy, UUID> {

    /**
     * The content row, created when missing: the events that describe a piece (content, publishing) arrive on different
     * topics in any order, so each one makes sure the row exists (insert ... on conflict do nothing) and then locks it.
     */
    public Uni<ContentCopy> ensure(UUID id, UUID businessId, UUID campaignId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into contents (id, business_id, campaign_id) values (:id, :business, :campaign)
                        on conflict (id) do nothing""")
                .setParameter("id", id).setParameter("business", businessId).setParameter("campaign", campaignId)
                .executeUpdate()
                .chain(() -> s.find(ContentCopy.class, id, org.hibernate.LockMode.PESSIMISTIC_WRITE)));
    }

    /** Whether content that is scheduled or posted (and not retired) uses the image. */
    public Uni<Boolean> liveUseOf(UUID imageId) {
        return count("imageId = ?1 and retiredAt is null and (scheduledAt is not null or publishedAt is not null)", imageId)
                .map(n -> n > 0);
    }

    public Uni<Long> usesOf(UUID imageId) {
        return count("imageId = ?1 and retiredAt is null", imageId);
    }
}
