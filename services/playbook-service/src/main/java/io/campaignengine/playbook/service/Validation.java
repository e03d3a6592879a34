package io.campaignengine.playbook.service;

import io.campaignengine.kit.problem.FieldError;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors of business rules; {@link #throwIfAny()} turns them into one 400. */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    public Validation check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public Validation add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(List.copyOf(errors));
        }
    }
}
