package io.campaignengine.playbook.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** One page of a list: 0-based page number, page size, total number of items matching the filters. */
public record PageResult<T>(List<T> items, int page, int size, long totalItems) {

    public long totalPages() {
        return size == 0 ? 0 : (totalItems + size - 1) / size;
    }

    /**
     * Runs a Panache query for one page; the count query is skipped when the page shows everything there is (a first
     * page that is not full). The session becomes read-only: a list request never modifies what it reads, so Hibernate
     * keeps no snapshots and its auto-flush before the count (or the next query) has nothing to dirty-check — measured
     * as a large share of a list's CPU. (Call it only from read-only requests; Panache reactive has no query hints.)
     */
    public static <E> Uni<PageResult<E>> of(
            PanacheQuery<E> query, int page, int size) {
        return Panache.getSession().invoke(session -> session.setDefaultReadOnly(true))
                .chain(() -> query.page(Page.of(page, size)).list())
                .chain(items -> page == 0 && items.size() < size
                        ? Uni.createFrom().item(new PageResult<>(items, page, size, items.size()))
                        : query.count().map(total -> new PageResult<>(items, page, size, total)));
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, totalItems);
    }
}
