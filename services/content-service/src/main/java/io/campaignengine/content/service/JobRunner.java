package io.campaignengine.content.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs queued generation jobs, one at a time per instance: polled (so a job queued by a consumer's transaction, by
 * another instance or before a crash is picked up) and kicked right after a REST request queues one. Jobs are claimed
 * with {@code for update skip locked}, so several instances share the queue; a job left running by a dead instance is
 * claimed again after the stale timeout.
 */
@ApplicationScoped
public class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    static final String CLAIM = "update generation_jobs set status = 'running', started_at = now(), attempts = attempts + 1"
            + " where id = (select id from generation_jobs"
            + "   where (status = 'queued' and (not_before is null or not_before <= now()))"
            + "      or (status = 'running' and started_at < now() - make_interval(secs => $1))"
            + "   order by created_at for update skip locked limit 1)"
            + " returning id";

    private final Vertx vertx;
    private final Pool pool;
    private final GenerationService generation;
    private final Duration pollInterval;
    private final Duration staleAfter;
    private final boolean enabled;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;
    private long timer = -1;

    public JobRunner(Vertx vertx, Pool pool, GenerationService generation,
                     @ConfigProperty(name = "campaign-engine.content.jobs.poll-interval", defaultValue = "PT0.5S") Duration pollInterval,
                     @ConfigProperty(name = "campaign-engine.content.jobs.stale-after", defaultValue = "PT10M") Duration staleAfter,
                     @ConfigProperty(name = "campaign-engine.content.jobs.enabled", defaultValue = "true") boolean enabled) {
        this.vertx = vertx;
        this.pool = pool;
        this.generation = generation;
        this.pollInterval = pollInterval;
        this.staleAfter = staleAfter;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent ev) {
        if (enabled) {
            timer = vertx.setPeriodic(pollInterval.toMillis(), id -> kick());
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Drains the queue unless a drain is already running (then it drains once more when done). */
    public void kick() {
        if (!enabled || stopping) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        // Hibernate Reactive needs a safe, isolated (duplicated) context of its own
        Context ctx = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(ctx, true);
        ctx.runOnContext(v -> drainOne().subscribe().with(found -> {
            running.set(false);
            if (found || again.get()) {
                vertx.runOnContext(x -> kick());
            }
        }, e -> {
            running.set(false);
            LOG.warnf("generation job runner: %s", e.getMessage());
        }));
    }

    Uni<Boolean> drainOne() {
        return pool.preparedQuery(CLAIM).execute(io.vertx.mutiny.sqlclient.Tuple.of((double) staleAfter.toSeconds()))
                .chain(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = it.next();
                    UUID id = row.getUUID("id");
                    return generation.process(id).replaceWith(true);
                });
    }
}
