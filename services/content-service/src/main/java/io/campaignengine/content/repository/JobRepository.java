package io.campaignengine.content.repository;

import io.campaignengine.content.domain.GenerationJob;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.UUID;

@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<GenerationJob, UUID> {

    public Uni<PageResult<GenerationJob>> page(Collection<UUID> businessIds, UUID campaignId, String status, int page, int size) {
        String q = "businessId in :b" + (campaignId == null ? "" : " and campaignId = :c") + (status == null ? "" : " and status = :s");
        Parameters p = Parameters.with("b", businessIds);
        if (campaignId != null) {
            p.and("c", campaignId);
        }
        if (status != null) {
            p.and("s", status);
        }
        return PageResult.of(find(q, Sort.descending("createdAt").and("id"), p), page, size);
    }

    public Uni<Long> countByCampaignAndTrigger(UUID campaignId, String trigger) {
        return count("campaignId = ?1 and trigger = ?2", campaignId, trigger);
    }
}
