package io.campaignengine.content.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** One page of a list: 0-based page, page size, total matching items. */
public record PageResult<T>(List<T> items, int page, int size, long totalItems) {

    public long totalPages() {
        return size == 0 ? 0 : (totalItems + size - 1) / size;
    }

    /** Runs a page of a Panache query; skips the count when a first page is not full. */
    public static <E> Uni<PageResult<E>> of(PanacheQuery<E> query, int page, int size) {
        return query.page(Page.of(page, size)).list().chain(items -> page == 0 && items.size() < size
                ? Uni.createFrom().item(new PageResult<>(items, page, size, items.size()))
                : query.count().map(total -> new PageResult<>(items, page, size, total)));
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, totalItems);
    }
}
