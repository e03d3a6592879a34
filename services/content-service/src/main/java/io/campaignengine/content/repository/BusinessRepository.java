package io.campaignengine.content.repository;

import io.campaignengine.content.domain.Business;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BusinessRepository implements PanacheRepositoryBase<Business, UUID> {

    /** The slug of a business, null when this service has not heard of it. */
    public Uni<String> slugOf(UUID id) {
        return findById(id).map(b -> b == null ? null : b.slug);
    }

    public Uni<List<UUID>> idsOf(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("slug in :slugs", Parameters.with("slugs", slugs)).project(IdOnly.class).list()
                .map(l -> l.stream().map(IdOnly::id).toList());
    }

    public record IdOnly(UUID id) {
    }

    public Uni<Business> upsert(UUID id, String slug, String name) {
        return findById(id).chain(b -> {
            Business e = b == null ? new Business() : b;
            e.id = id;
            e.slug = slug;
            e.name = name;
            e.updatedAt = Instant.now();
            return b == null ? persist(e) : Uni.createFrom().item(e);
        });
    }
}
