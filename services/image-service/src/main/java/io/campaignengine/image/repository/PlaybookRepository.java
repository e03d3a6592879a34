package io.campaignengine.image.repository;

import io.campaignengine.image.domain.PlaybookCopy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class PlaybookRepository implements PanacheRepositoryBase<PlaybookCopy, UUID> {

    /** The business's active playbook copy, or null (none known, or archived without a successor). */
    public Uni<PlaybookCopy> active(UUID businessId) {
        return findById(businessId).map(p -> p == null || p.archivedAt != null ? null : p);
    }
}
