package io.campaignengine.playbook.repository;

import io.quarkus.panache.common.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a Panache JPQL where-clause from optional filters (null values are skipped). */
final class Filter {
    private final List<String> clauses = new ArrayList<>();
    private final Parameters params = new Parameters();

    Filter where(String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.and(name, value);
        }
        return this;
    }

    Filter always(String clause, String name, Object value) {
        clauses.add(clause);
        params.and(name, value);
        return this;
    }

    /** The where-clause ({@code 1 = 1} when no filter applies). */
    String query() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    Map<String, Object> params() {
        return params.map();
    }
}
