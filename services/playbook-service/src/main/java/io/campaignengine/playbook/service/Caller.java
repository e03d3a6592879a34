package io.campaignengine.playbook.service;

import java.util.Set;

/**
 * Who is acting: a user (from the bearer token: name, realm roles, business slugs of the {@code businesses} claim)
 * or the system (an event consumer, named after the service that reported the event).
 */
public record Caller(String name, Set<String> roles, Set<String> businesses, boolean system, boolean allBusinesses) {

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        businesses = businesses == null ? Set.of() : Set.copyOf(businesses);
    }

    public static Caller user(String name, Set<String> roles, Set<String> businesses, boolean allBusinesses) {
        return new Caller(name, roles, businesses, false, allBusinesses);
    }

    /** The system acting on an event of another service: every business. */
    public static Caller system(String component) {
        return new Caller(component, Set.of(), Set.of(), true, true);
    }

    /** Whether the business with this slug is in the caller's scope. */
    public boolean canSee(String slug) {
        return allBusinesses || businesses.contains(slug);
    }

    /** The slugs lists are filtered by; null = every business. */
    public Set<String> scope() {
        return allBusinesses ? null : businesses;
    }

    /** Whether lists are necessarily empty (a user without businesses). */
    public boolean seesNothing() {
        return !allBusinesses && businesses.isEmpty();
    }
}
