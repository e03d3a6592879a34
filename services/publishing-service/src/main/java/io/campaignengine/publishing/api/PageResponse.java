package io.campaignengine.publishing.api;

import io.campaignengine.publishing.repository.PageResult;

import java.util.List;
import java.util.function.Function;

/** A page of a list: items plus paging (0-based page, page size, total items and pages). */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {
    static <S, T> PageResponse<T> of(PageResult<S> r, Function<S, T> f) {
        return new PageResponse<>(r.items().stream().map(f).toList(), r.page(), r.size(), r.totalItems(), r.totalPages());
    }
}
