package io.campaignengine.content.repository;

import io.campaignengine.content.domain.PlaybookCopy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class PlaybookRepository implements PanacheRepositoryBase<PlaybookCopy, UUID> {

    public Uni<PlaybookCopy> activeFor(UUID businessId) {
        return find("businessId = ?1 and active = true", Sort.descending("activatedAt"), businessId).firstResult();
    }

    /** Activating one playbook deactivates the business's others (one active playbook per business). */
    public Uni<Integer> deactivateOthers(UUID businessId, UUID activeId) {
        return update("active = false, updatedAt = current_timestamp where businessId = ?1 and id <> ?2 and active = true",
                businessId, activeId);
    }
}
