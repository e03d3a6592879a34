package io.campaignengine.publishing.service;

import io.campaignengine.kit.problem.Forbidden;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.publishing.domain.Business;
import io.campaignengine.publishing.repository.BusinessRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Business scoping with the local copy of the businesses (slug by id from BusinessCreated): a caller reaches only the
 * businesses in their token's {@code businesses} claim; anything else is 404, exactly as if it did not exist.
 */
@ApplicationScoped
public class Scope {
    private final BusinessRepository businesses;

    public Scope(BusinessRepository businesses) {
        this.businesses = businesses;
    }

    /** The business named by id (or slug), in the caller's scope, else 404. */
    public Uni<Business> business(CallerContext caller, String idOrSlug) {
        UUID id = Ids.uuidOrNull(idOrSlug);
        Uni<Business> b = id != null ? businesses.findById(id)
                : businesses.find("slug", Sort.descending("updatedAt"), idOrSlug).firstResult();
        return b.map(found -> {
            if (found == null || !caller.canAccessBusiness(found.slug)) throw NotFound.of("business", idOrSlug);
            return found;
        });
    }

    public Uni<Business> writableBusiness(CallerContext caller, String idOrSlug) {
        return business(caller, idOrSlug).invoke(b -> requireWrite(caller));
    }

    public static void requireWrite(CallerContext caller) {
        if (!caller.canWrite()) throw new Forbidden("viewers cannot change publishing");
    }

    /** Ids of every business of the caller (the filter of lists). */
    public Uni<Set<UUID>> businessIds(CallerContext caller) {
        Uni<List<Business>> all = caller.allBusinesses() ? businesses.listAll()
                : caller.businesses().isEmpty() ? Uni.createFrom().item(List.of())
                : businesses.list("slug in ?1", caller.businesses());
        return all.map(l -> {
            Set<UUID> ids = new HashSet<>();
            for (Business b : l) ids.add(b.id);
            if (ids.isEmpty()) ids.add(new UUID(0, 0)); // an empty IN list is not valid HQL
            return ids;
        });
    }

    /** 404 unless the business of {@code businessId} is in scope. */
    public Uni<Void> check(CallerContext caller, UUID businessId, String entity, Object id) {
        return businesses.findById(businessId).map(b -> {
            if (b == null || !caller.canAccessBusiness(b.slug)) throw NotFound.of(entity, id);
            return null;
        }).replaceWithVoid();
    }
}
