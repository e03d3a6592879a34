package io.campaignengine.publishing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

import java.util.List;

/** One page of a query: items and paging (0-based page). */
public record PageResult<T>(List<T> items, int page, int size, long totalItems, long totalPages) {
    public static <T> Uni<PageResult<T>> of(PanacheQuery<T> query, int page, int size) {
        return query.page(page, size).list().chain(items -> {
            if (page == 0 && items.size() < size) {
                return Uni.createFrom().item(new PageResult<>(items, page, size, items.size(), items.isEmpty() ? 0 : 1));
            }
            return query.count().map(n -> new PageResult<>(items, page, size, n, (n + size - 1) / size));
        });
    }
}
