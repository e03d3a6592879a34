package io.campaignengine.tokencache;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Bearer tokens that were verified, with the identity each was verified to, until the token expires (and at most
 * {@code maxAgeMillis}). Keyed by the whole token: a token that differs by one character is a different key and is
 * verified in full. Bounded: a flood of distinct tokens drops the expired entries, then everything, rather than grow.
 */
public final class VerifiedTokens {
    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private final LongAdder hits = new LongAdder();

    public VerifiedTokens(int maxEntries, long maxAgeMillis, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    /** The identity {@code token} was verified to, or null when unknown or expired. */
    public SecurityIdentity get(String token) {
        Entry e = entries.get(token);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() >= e.expiresAtMillis) {
            entries.remove(token, e);
            return null;
        }
        return e.identity;
    }

    /** {@link #get}, counted as a verification saved when known ({@link #hits}). */
    public SecurityIdentity serve(String token) {
        SecurityIdentity known = get(token);
        if (known != null) {
            hits.increment();
        }
        return known;
    }

    /** Remembers a verified token until {@code tokenExpiresAtMillis} (its {@code exp}), at most maxAge from now. */
    public void put(String token, SecurityIdentity identity, long tokenExpiresAtMillis) {
        long now = clock.getAsLong();
        long until = Math.min(tokenExpiresAtMillis, now + maxAgeMillis);
        if (until <= now || maxEntries <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now >= e.expiresAtMillis);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(identity, until));
    }

    /** How many requests were answered from the cache ({@link #serve}). */
    public long hits() {
        return hits.sum();
    }

    public int size() {
        return entries.size();
    }
}
