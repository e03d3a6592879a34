package io.campaignengine.kit.security;

import io.campaignengine.kit.problem.NotFound;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The caller of the current HTTP request: who (user id = token {@code sub}, name = {@code preferred_username}),
 * roles ({@code realm_access.roles}: admin, marketer, viewer) and business scope (slugs of the multivalued
 * {@code businesses} claim).
 *
 * <p>Business scoping: call {@link #requireBusiness(String)} with the slug of the business a request touches, before
 * reading or writing anything of it. Outside the caller's scope it throws {@link NotFound} (404, not 403: whether a
 * business or its ids exist must not leak). Use {@link #businesses()} to filter listings.
 *
 * <p>Admins are scoped like everyone else (they see the businesses of their token) unless
 * {@code campaign-engine.security.admin-all-businesses=true}.
 */
@RequestScoped
public class CallerContext {

    /** Token claim listing the caller's business slugs. */
    public static final String BUSINESSES_CLAIM = "businesses";

    private final SecurityIdentity identity;
    private final boolean adminAllBusinesses;
    private Set<String> businesses;

    public CallerContext(SecurityIdentity identity,
            @ConfigProperty(name = "campaign-engine.security.admin-all-businesses", defaultValue = "false") boolean adminAllBusinesses) {
        this.identity = identity;
        this.adminAllBusinesses = adminAllBusinesses;
    }

    /** Whether the request carries a valid token. */
    public boolean isAuthenticated() {
        return identity != null && !identity.isAnonymous();
    }

    /** The user id (token {@code sub}); UnauthorizedException (401) when anonymous. */
    public String userId() {
        JsonWebToken jwt = jwt();
        String sub = jwt != null ? jwt.getSubject() : null;
        return sub != null ? sub : principal().getName();
    }

    /** The user name ({@code preferred_username}, else the principal name). */
    public String userName() {
        JsonWebToken jwt = jwt();
        if (jwt != null) {
            Object preferred = jwt.getClaim("preferred_username");
            if (preferred != null) {
                return claimText(preferred);
            }
        }
        return principal().getName();
    }

    /** The caller's roles. */
    public Set<String> roles() {
        return isAuthenticated() ? Collections.unmodifiableSet(identity.getRoles()) : Set.of();
    }

    public boolean hasRole(String role) {
        return isAuthenticated() && identity.hasRole(role);
    }

    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    public boolean isMarketer() {
        return hasRole(Roles.MARKETER);
    }

    public boolean isViewer() {
        return hasRole(Roles.VIEWER);
    }

    /** Whether the caller may change things (admin or marketer); viewers only read. */
    public boolean canWrite() {
        return isAdmin() || isMarketer();
    }

    /** Slugs of the businesses the caller belongs to ({@code businesses} claim). */
    public Set<String> businesses() {
        if (businesses == null) {
            businesses = Collections.unmodifiableSet(readBusinesses());
        }
        return businesses;
    }

    /** Whether every business is in scope (admin with {@code admin-all-businesses}). */
    public boolean allBusinesses() {
        return adminAllBusinesses && isAdmin();
    }

    /** Whether the business with this slug is in the caller's scope. */
    public boolean canAccessBusiness(String slug) {
        return slug != null && isAuthenticated() && (allBusinesses() || businesses().contains(slug));
    }

    /**
     * THE scope check: returns normally when the business is in the caller's scope; otherwise {@link NotFound} (404),
     * exactly as if it did not exist. Anonymous callers get 401.
     */
    public void requireBusiness(String slug) {
        if (!isAuthenticated()) {
            throw new UnauthorizedException();
        }
        if (!canAccessBusiness(slug)) {
            throw NotFound.of("business", slug);
        }
    }

    /**
     * The scope check for a business known by id, for services that keep a slug by id (e.g. from BusinessCreated):
     * {@code slugOf} returns the slug or null when unknown (then 404 too).
     */
    public <ID> void requireBusinessId(ID businessId, Function<ID, String> slugOf) {
        String slug = businessId == null ? null : slugOf.apply(businessId);
        if (!isAuthenticated()) {
            throw new UnauthorizedException();
        }
        if (!canAccessBusiness(slug)) {
            throw NotFound.of("business", businessId);
        }
    }

    /** Reactive form of {@link #requireBusinessId(Object, Function)}, for slug lookups in the database. */
    public <ID> Uni<Void> requireBusinessIdAsync(ID businessId, Function<ID, Uni<String>> slugOf) {
        if (!isAuthenticated()) {
            return Uni.createFrom().failure(new UnauthorizedException());
        }
        if (businessId == null) {
            return Uni.createFrom().failure(NotFound.of("business", null));
        }
        return slugOf.apply(businessId).onItem().transformToUni(slug -> canAccessBusiness(slug)
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(NotFound.of("business", businessId)));
    }

    private Set<String> readBusinesses() {
        Set<String> slugs = new LinkedHashSet<>();
        JsonWebToken jwt = jwt();
        Object claim = jwt == null ? null : jwt.getClaim(BUSINESSES_CLAIM);
        if (claim == null && isAuthenticated()) {
            claim = identity.getAttribute(BUSINESSES_CLAIM);
        }
        if (claim instanceof JsonArray array) {
            array.forEach(v -> addSlug(slugs, v));
        } else if (claim instanceof Collection<?> values) {
            values.forEach(v -> addSlug(slugs, v));
        } else if (claim != null) {
            addSlug(slugs, claim);
        }
        return slugs;
    }

    private static void addSlug(Set<String> slugs, Object value) {
        String text = claimText(value);
        if (text != null) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    slugs.add(part);
                }
            }
        }
    }

    private static String claimText(Object value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonValue v && v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return Objects.toString(value, null);
    }

    private JsonWebToken jwt() {
        if (!isAuthenticated()) {
            return null;
        }
        Principal p = identity.getPrincipal();
        return p instanceof JsonWebToken jwt ? jwt : null;
    }

    private Principal principal() {
        if (!isAuthenticated()) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal();
    }
}
