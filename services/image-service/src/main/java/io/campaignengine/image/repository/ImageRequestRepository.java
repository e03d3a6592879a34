package io.campaignengine.image.repository;

import io.campaignengine.image.domain.ImageRequest;
import io.campaignengine.image.domain.RequestStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ImageRequestRepository implements PanacheRepositoryBase<ImageRequest, UUID> {

    public Uni<ImageRequest> openFor(UUID contentId) {
        return find("contentId = ?1 and status in ?2", contentId, List.of(RequestStatus.PENDING, RequestStatus.IN_PROGRESS))
                .firstResult();
    }

    public Uni<ImageRequest> lock(UUID id) {
        return getSession().chain(s -> s.find(ImageRequest.class, id, org.hibernate.LockMode.PESSIMISTIC_WRITE));
    }

    /** Pending first (then in progress, completed, cancelled), by priority (high first), oldest first. */
    public Uni<PageResult<ImageRequest>> list(Collection<UUID> businessIds, UUID campaignId, Collection<RequestStatus> statuses,
                                              int page, int size) {
        StringBuilder where = new StringBuilder("businessId in :businesses");
        Parameters p = Parameters.with("businesses", businessIds);
        if (campaignId != null) {
            where.append(" and campaignId = :campaign");
            p.and("campaign", campaignId);
        }
        if (statuses != null && !statuses.isEmpty()) {
            where.append(" and status in :statuses");
            p.and("statuses", statuses);
        }
        String order = " order by case when status = :sPending then 0 when status = :sProgress then 1 when status = :sDone then 2"
                + " else 3 end, priority desc, requestedAt, id";
        Parameters ordered = Parameters.with("businesses", businessIds);
        p.map().forEach(ordered::and);
        ordered.and("sPending", RequestStatus.PENDING).and("sProgress", RequestStatus.IN_PROGRESS).and("sDone", RequestStatus.COMPLETED);
        var query = find(where + order, ordered);
        return query.page(Page.of(page, size)).list().chain(items -> page == 0 && items.size() < size
                ? Uni.createFrom().item(new PageResult<>(items, page, size, items.size()))
                : count(where.toString(), p).map(total -> new PageResult<>(items, page, size, total)));
    }
}
