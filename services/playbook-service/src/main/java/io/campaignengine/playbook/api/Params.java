package io.campaignengine.playbook.api;

import io.campaignengine.playbook.domain.Codes;
import io.campaignengine.playbook.service.ApiProblem;

import java.util.Arrays;
import java.util.UUID;

/** Query and path parameter parsing with 400s that name the parameter. */
final class Params {
    static final int MAX_SIZE = 200;

    private Params() {
    }

    /** Path ids that are not UUIDs cannot exist: 404. */
    static UUID id(String entity, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(entity, value);
        }
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(name, "'" + value + "' is not a UUID");
        }
    }

    static <E extends Enum<E>> E code(String name, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Codes.parse(type, value).orElseThrow(() -> ApiProblem.invalid(name, "'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Codes::code).toList()));
    }

    static void page(int page, int size) {
        if (page < 0) {
            throw ApiProblem.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
    }
}
