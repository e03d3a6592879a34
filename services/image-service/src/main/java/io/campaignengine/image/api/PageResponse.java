package io.campaignengine.image.api;

import java.util.List;

/** A page of a list: items plus paging (0-based page, page size, total items and pages). */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {
}
