package io.campaignengine.image.service;

import io.campaignengine.image.domain.BusinessCopy;
import io.campaignengine.image.repository.BusinessRepository;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Business scoping by the token's {@code businesses} claim (slugs), with the id → slug copy from BusinessCreated.
 * Anything of another business — or of a business this service has not heard of — is a 404, as if it did not exist.
 */
@ApplicationScoped
public class Scope {
    private final BusinessRepository businesses;

    public Scope(BusinessRepository businesses) {
        this.businesses = businesses;
    }

    public Uni<Void> requireBusiness(CallerContext caller, UUID businessId) {
        return caller.requireBusinessIdAsync(businessId, businesses::slugOf);
    }

    /** The business must be in scope; otherwise "{entity} {id} not found". */
    public Uni<Void> require(CallerContext caller, UUID businessId, String entity, Object id) {
        return requireBusiness(caller, businessId).onFailure(NotFound.class).transform(e -> NotFound.of(entity, id));
    }

    /** Ids of the businesses the caller may see. */
    public Uni<List<UUID>> visible(CallerContext caller) {
        if (caller.allBusinesses()) {
            return businesses.listAll().map(l -> l.stream().map(b -> b.id).toList());
        }
        if (caller.businesses().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return businesses.list("slug in ?1", caller.businesses()).map(l -> l.stream().map((BusinessCopy b) -> b.id).toList());
    }
}
