package io.campaignengine.image.repository;

import io.campaignengine.image.domain.BusinessCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Business id → slug (BusinessCreated/BusinessUpdated); slugs are immutable, so they are cached once read. */
@ApplicationScoped
public class BusinessRepository implements PanacheRepositoryBase<BusinessCopy, UUID> {
    private final Map<UUID, String> slugs = new ConcurrentHashMap<>();

    /** Inserts or updates the copy in the caller's transaction (concurrent deliveries cannot collide on the key). */
    public Uni<Void> upsert(UUID id, String slug, String name) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into businesses (id, slug, name, updated_at) values (:id, :slug, :name, now())
                        on conflict (id) do update set slug = excluded.slug, name = excluded.name, updated_at = now()""")
                .setParameter("id", id).setParameter("slug", slug).setParameter("name", name)
                .executeUpdate())
                .invoke(() -> slugs.put(id, slug))
                .replaceWithVoid();
    }

    /** The slug, or null when the business is unknown here. */
    public Uni<String> slugOf(UUID id) {
        String cached = slugs.get(id);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return findById(id).map(b -> {
            if (b == null) {
                return null;
            }
            slugs.put(id, b.slug);
            return b.slug;
        });
    }
}
