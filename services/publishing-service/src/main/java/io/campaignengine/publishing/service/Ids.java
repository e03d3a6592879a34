package io.campaignengine.publishing.service;

import io.campaignengine.kit.problem.ValidationProblem;

import java.util.UUID;

final class Ids {
    private Ids() {
    }

    static UUID uuidOrNull(String s) {
        if (s == null) return null;
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static UUID require(String field, String s) {
        UUID id = uuidOrNull(s);
        if (s != null && id == null) throw ValidationProblem.of(field, "must be a UUID");
        return id;
    }
}
