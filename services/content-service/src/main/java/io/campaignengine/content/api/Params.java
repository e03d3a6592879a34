package io.campaignengine.content.api;

import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.problem.ValidationProblem;

import java.util.Set;
import java.util.UUID;

/** Query/path parameter parsing with 400s that name the parameter. */
final class Params {
    private Params() {
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ValidationProblem.of(field, "must be a UUID");
        }
    }

    /** A path id: not a UUID = it does not exist (404). */
    static UUID id(String kind, String value) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw NotFound.of(kind, value);
        }
    }

    static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ValidationProblem.of(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return v;
    }

    static void page(int page, int size) {
        ValidationProblem p = null;
        if (page < 0) {
            p = ValidationProblem.of("page", "must be >= 0");
        }
        if (size < 1 || size > 200) {
            p = p == null ? ValidationProblem.of("size", "must be between 1 and 200") : p.and("size", "must be between 1 and 200");
        }
        if (p != null) {
            throw p;
        }
    }
}
