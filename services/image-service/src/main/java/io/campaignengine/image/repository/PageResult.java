package io.campaignengine.image.repository;

import java.util.List;
import java.util.function.Function;

/** One page of a list: 0-based page number, page size, total number of items matching the filters. */
public record PageResult<T>(List<T> items, int page, int size, long totalItems) {

    public long totalPages() {
        return size == 0 ? 0 : (totalItems + size - 1) / size;
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, totalItems);
    }
}
