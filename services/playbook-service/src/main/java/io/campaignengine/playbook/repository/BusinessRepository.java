package io.campaignengine.playbook.repository;

import io.campaignengine.playbook.domain.Business;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class BusinessRepository implements PanacheRepositoryBase<Business, UUID> {

    /** Row-locks (select ... for update) and loads a business; null when it does not exist. */
    public Uni<Business> lock(UUID id) {
        return getSession().chain(s -> s.createNativeQuery("select cast(id as text) from businesses where id = :id for update", String.class)
                        .setParameter("id", id)
                        .getResultList())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem() : findById(id));
    }

    public Uni<Business> findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /** Businesses whose slug is in {@code slugs} (null: all), by name. */
    public Uni<PageResult<Business>> pageBySlugs(Set<String> slugs, int page, int size) {
        var q = slugs == null ? findAll(Sort.by("name").and("id"))
                : find("slug in :slugs", Sort.by("name").and("id"), Parameters.with("slugs", slugs));
        return PageResult.of(q, page, size);
    }
}
