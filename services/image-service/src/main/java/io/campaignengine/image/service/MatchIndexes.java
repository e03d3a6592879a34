package io.campaignengine.image.service;

import io.campaignengine.image.domain.Tags;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.campaignengine.image.config.ImageConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The match index of each business this instance has matched for, kept in step with the database across instances:
 * every match first reads the business's library version (one primary-key row, bumped by a trigger in the same
 * transaction as every change of images — V2 migration); when it moved, the images changed since are reloaded
 * (a delta), or the whole library when the index is too far behind or the change is a bulk one. Refreshes of one
 * business run one at a time, in order (a later one waits for the running one), and callers continue on their own
 * Vert.x context (the Hibernate session of the request lives there). Reads use the reactive pool directly: committed
 * state, no entity mapping.
 */
@ApplicationScoped
public class MatchIndexes {
    private static final Logger LOG = Logger.getLogger(MatchIndexes.class);
    /** Farther behind than this, the changes may have been pruned (the trigger keeps 1000 versions): full reload. */
    static final long MAX_DELTA_VERSIONS = 500;
    /** More changed images than this: a full reload is cheaper than a lookup by ids. */
    static final int MAX_DELTA_IMAGES = 5000;
    static final int PAGE = 10_000;

    private static final String COLUMNS = "select id, array(select jsonb_array_elements_text(coalesce(tags->'segments', '[]'::jsonb))),"
            + " array(select jsonb_array_elements_text(coalesce(tags->'emotions', '[]'::jsonb))),"
            + " array(select jsonb_array_elements_text(coalesce(tags->'themes', '[]'::jsonb))),"
            + " width, height, usage_count, created_at from images";

    private final Pool pool;
    private final Vertx vertx;
    private final Duration idle;
    private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();
    private long timer = -1;

    public MatchIndexes(Pool pool, Vertx vertx, ImageConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.idle = config.matchIndexIdle();
    }

    // memory stays bounded by the businesses matched recently, not by every business ever matched
    void start(@Observes StartupEvent e) {
        long every = Math.max(1000, Math.min(idle.toMillis() / 2, 60_000));
        timer = vertx.setPeriodic(every, id -> {
            int n = evictIdle(System.currentTimeMillis());
            if (n > 0) {
                LOG.infof("dropped the match index of %d business(es) not matched for %s", n, idle);
            }
        });
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Drops the indexes not used since {@code now - idle}; the next match of such a business loads it again. */
    public int evictIdle(long nowMillis) {
        long before = nowMillis - idle.toMillis();
        int n = 0;
        for (var it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().lastUsed < before) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** The business's index, current as of the library version read now. */
    public Uni<MatchIndex> current(UUID businessId) {
        Context caller = Vertx.currentContext();
        return version(businessId).chain(v -> {
            Entry e = entries.computeIfAbsent(businessId, Entry::new);
            e.lastUsed = System.currentTimeMillis();
            MatchIndex ready = e.readyAt(v);
            if (ready != null) {
                return Uni.createFrom().item(ready);
            }
            Uni<MatchIndex> refreshed = Uni.createFrom().completionStage(() -> e.refreshTo(v));
            return caller == null ? refreshed : refreshed.emitOn(r -> caller.runOnContext(x -> r.run()));
        });
    }

    /** Drops every index (tests; a business whose library should be reloaded from scratch). */
    public void clear() {
        entries.clear();
    }

    /** The version and size of a business's index in this instance, null when none is loaded. */
    public long[] state(UUID businessId) {
        Entry e = entries.get(businessId);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            return e.index == null ? null : new long[]{e.version, e.index.size(), e.index.estimatedBytes()};
        }
    }

    Uni<Long> version(UUID businessId) {
        return pool.preparedQuery("select version from library_versions where business_id = $1").execute(Tuple.of(businessId))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    private final class Entry {
        final UUID businessId;
        volatile long lastUsed = System.currentTimeMillis();
        MatchIndex index;
        long version = -1;
        CompletableFuture<MatchIndex> running;
        long runningTarget = -1;

        Entry(UUID businessId) {
            this.businessId = businessId;
        }

        synchronized MatchIndex readyAt(long v) {
            return index != null && version >= v ? index : null;
        }

        /** Chains a refresh to {@code target} behind the running one, unless that one already reaches it. */
        synchronized CompletionStage<MatchIndex> refreshTo(long target) {
            if (index != null && version >= target) {
                return CompletableFuture.completedFuture(index);
            }
            if (running != null && runningTarget >= target) {
                return running;
            }
            CompletableFuture<MatchIndex> before = running == null ? CompletableFuture.completedFuture(null) : running;
            CompletableFuture<MatchIndex> next = before.handle((x, err) -> null)
                    .thenCompose(x -> refresh(target).subscribeAsCompletionStage());
            running = next;
            runningTarget = target;
            next.whenComplete((x, err) -> {
                synchronized (this) {
                    if (running == next) {
                        running = null;
                        runningTarget = -1;
                    }
                }
            });
            return next;
        }

        private Uni<MatchIndex> refresh(long target) {
            MatchIndex base;
            long from;
            synchronized (this) {
                if (index != null && version >= target) {
                    return Uni.createFrom().item(index);
                }
                base = index;
                from = version;
            }
            if (base == null || target - from > MAX_DELTA_VERSIONS) {
                return fullLoad(target);
            }
            return pool.preparedQuery("select distinct image_id from library_changes where business_id = $1 and version > $2 and version <= $3"
                            + " limit " + (MAX_DELTA_IMAGES + 1))
                    .execute(Tuple.of(businessId, from, target))
                    .chain(rows -> {
                        if (rows.size() > MAX_DELTA_IMAGES) {
                            return fullLoad(target);
                        }
                        List<UUID> ids = new ArrayList<>();
                        rows.forEach(r -> ids.add(r.getUUID(0)));
                        if (ids.isEmpty()) {
                            return done(base, target);
                        }
                        return pool.preparedQuery(COLUMNS + " where business_id = $1 and id = any($2)")
                                .execute(Tuple.of(businessId, ids.toArray(UUID[]::new)))
                                .map(found -> {
                                    List<Matcher.Candidate> changed = candidates(found);
                                    Set<UUID> gone = new HashSet<>(ids);
                                    changed.forEach(c -> gone.remove(c.imageId()));
                                    base.apply(changed, gone);
                                    return changed.size() + gone.size();
                                })
                                .chain(count -> {
                                    LOG.debugf("match index of business %s: %d image(s) changed, version %d -> %d", businessId, count, from, target);
                                    return done(base, target);
                                });
                    });
        }

        /** Every image of the business, in keyset pages (bounded memory per round trip), into a new index. */
        private Uni<MatchIndex> fullLoad(long target) {
            long started = System.nanoTime();
            MatchIndex fresh = new MatchIndex(0);
            return page(fresh, new UUID(Long.MIN_VALUE, Long.MIN_VALUE), true).chain(() -> {
                LOG.infof("match index of business %s loaded: %d images, ~%d KB, version %d, %d ms", businessId, fresh.size(),
                        fresh.estimatedBytes() / 1024, target, (System.nanoTime() - started) / 1_000_000);
                synchronized (this) {
                    index = fresh;
                }
                return done(fresh, target);
            });
        }

        private Uni<Void> page(MatchIndex into, UUID after, boolean first) {
            String sql = COLUMNS + " where business_id = $1" + (first ? "" : " and id > $3") + " order by id limit $2";
            Tuple args = first ? Tuple.of(businessId, (long) PAGE) : Tuple.of(businessId, (long) PAGE, after);
            return pool.preparedQuery(sql).execute(args).chain(rows -> {
                List<Matcher.Candidate> list = candidates(rows);
                into.upsertAll(list);
                if (list.size() < PAGE) {
                    return Uni.createFrom().voidItem();
                }
                return page(into, list.get(list.size() - 1).imageId(), false);
            });
        }

        private Uni<MatchIndex> done(MatchIndex idx, long target) {
            synchronized (this) {
                if (index == idx) {
                    version = Math.max(version, target);
                }
                return Uni.createFrom().item(index);
            }
        }
    }

    static List<Matcher.Candidate> candidates(RowSet<Row> rows) {
        List<Matcher.Candidate> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            // through Tags, so normalized exactly like the entity's tags are when read (the straight path)
            Tags tags = new Tags(list(r.getArrayOfStrings(1)), list(r.getArrayOfStrings(2)), list(r.getArrayOfStrings(3)), List.of());
            OffsetDateTime created = r.getOffsetDateTime(7);
            out.add(new Matcher.Candidate(r.getUUID(0), tags, r.getInteger(4), r.getInteger(5), r.getInteger(6),
                    created == null ? 0 : created.toInstant().toEpochMilli()));
        }
        return out;
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
