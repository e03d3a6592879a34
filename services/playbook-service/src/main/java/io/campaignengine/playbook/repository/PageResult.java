package io.campaignengine.playbook.repository;

import java.util.List;
import java.util.function.Function;

/** One page of a list: 0-based page number, page size, total number of items matching the filters. */
public record PageResult<T>(List<T> items, int page, int size, long totalItems) {

    public long totalPages() {
        return size == 0 ? 0 : (totalItems + size - 1) / size;
    }

    /**
     * Runs a Panache query for one page; the count query is skipped when the page shows everything there is (a first
     * page that is not full).
     */
    public static <E> io.smallrye.mutiny.Uni<PageResult<E>> of(
            io.quarkus.hibernate.reactive.panache.PanacheQuery<E> query, int page, int size) {
        return query.page(io.quarkus.panache.common.Page.of(page, size)).list().chain(items -> page == 0 && items.size() < size
                ? io.smallrye.mutiny.Uni.createFrom().item(new PageResult<>(items, page, size, items.size()))
                : query.count().map(total -> new PageResult<>(items, page, size, total)));
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, totalItems);
    }
}
