package io.campaignengine.playbook.repository;

import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.CampaignStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<Campaign, UUID> {

    /**
     * Row-locks a campaign ({@code select ... for update}) and loads it: every change of a campaign or of its tasks is
     * serialized on it. Null when it does not exist. (A native lock, not Hibernate's lock upgrade: Hibernate Reactive
     * upgrades the lock of an already loaded versioned entity with the attribute name instead of the column name.)
     */
    public Uni<Campaign> lock(UUID id) {
        return getSession().chain(s -> s.createNativeQuery("select cast(id as text) from campaigns where id = :id for update", String.class)
                        .setParameter("id", id)
                        .getResultList())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem() : findById(id));
    }

    public Uni<List<Campaign>> findByBusinessAndStatuses(UUID businessId, List<CampaignStatus> statuses) {
        return find("businessId = :b and status in :s", Parameters.with("b", businessId).and("s", statuses)).list();
    }

    public Uni<Long> countByPlaybook(UUID playbookId) {
        return count("playbookId", playbookId);
    }
}
