package io.campaignengine.playbook.repository;

import io.campaignengine.playbook.domain.ActivityEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ActivityRepository implements PanacheRepositoryBase<ActivityEntry, UUID> {

    /** Newest first. */
    public Uni<PageResult<ActivityEntry>> page(Set<String> scopeSlugs, UUID businessId, UUID campaignId, String entityType,
                                               String action, int page, int size) {
        Filter f = new Filter()
                .where("a.businessId in (select b.id from Business b where b.slug in :slugs)", "slugs", scopeSlugs)
                .where("a.businessId = :businessId", "businessId", businessId)
                .where("a.campaignId = :campaignId", "campaignId", campaignId)
                .where("a.entityType = :entityType", "entityType", entityType)
                .where("a.action = :action", "action", action);
        var query = find("from ActivityEntry a where " + f.query(), Sort.descending("seq"), f.params());
        return PageResult.of(query, page, size);
    }

    public Uni<Long> countFor(UUID entityId, String action) {
        return count("entityId = ?1 and action = ?2", entityId, action);
    }
}
