package io.campaignengine.image.api;

import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.problem.ValidationProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Query, path and form parameter parsing with 400s that name the parameter. */
final class Params {
    static final int MAX_SIZE = 200;

    private Params() {
    }

    /** Path ids that are not UUIDs cannot exist: 404. */
    static UUID id(String entity, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw NotFound.of(entity, value);
        }
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ValidationProblem.of(name, "'" + value + "' is not a UUID");
        }
    }

    static UUID requiredUuid(String name, String value) {
        UUID id = uuid(name, value);
        if (id == null) {
            throw ValidationProblem.of(name, "is required");
        }
        return id;
    }

    static void page(int page, int size) {
        if (page < 0) {
            throw ValidationProblem.of("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ValidationProblem.of("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Repeated form fields and/or comma-separated values: "a, b" + "c" → [a, b, c]. Null when none was sent. */
    static List<String> list(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v == null) {
                continue;
            }
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
