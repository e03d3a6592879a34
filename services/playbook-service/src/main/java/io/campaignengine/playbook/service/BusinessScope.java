package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Business;
import io.campaignengine.playbook.repository.BusinessRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business scoping: a caller sees only the businesses whose slug is in their token's {@code businesses} claim.
 * Anything of another business is reported as not found (404), so ids do not leak. Slugs never change, so the
 * id → slug mapping is cached.
 */
@ApplicationScoped
public class BusinessScope {
    private final BusinessRepository businesses;
    private final Map<UUID, String> slugs = new ConcurrentHashMap<>();

    public BusinessScope(BusinessRepository businesses) {
        this.businesses = businesses;
    }

    /** The business, or 404 when it does not exist or is not in the caller's scope. */
    public Uni<Business> require(Caller caller, UUID businessId) {
        return businesses.findById(businessId).map(b -> {
            if (b == null || !caller.canSee(b.slug)) {
                throw ApiProblem.notFound("business", businessId);
            }
            slugs.put(b.id, b.slug);
            return b;
        });
    }

    /** Succeeds when the business is in the caller's scope; else 404 naming {@code entity} {@code id}. */
    public Uni<Void> check(Caller caller, UUID businessId, String entity, Object id) {
        if (caller.system()) {
            return Uni.createFrom().voidItem();
        }
        String cached = slugs.get(businessId);
        Uni<String> slug = cached != null ? Uni.createFrom().item(cached)
                : businesses.findById(businessId).map(b -> {
                    if (b == null) {
                        return null;
                    }
                    slugs.put(b.id, b.slug);
                    return b.slug;
                });
        return slug.map(s -> {
            if (s == null || !caller.canSee(s)) {
                throw ApiProblem.notFound(entity, id);
            }
            return null;
        }).replaceWithVoid();
    }

    void forget(UUID businessId) {
        slugs.remove(businessId);
    }
}
