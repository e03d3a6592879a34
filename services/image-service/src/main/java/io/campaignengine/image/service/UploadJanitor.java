package io.campaignengine.image.service;

import io.campaignengine.image.domain.PendingUpload;
import io.campaignengine.image.repository.PendingUploadRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Presigned PUTs that were never confirmed would leave orphan objects: every {@code janitor-interval} the expired
 * pending uploads lose their object (if one was PUT) and their row.
 */
@ApplicationScoped
public class UploadJanitor {
    private static final Logger LOG = Logger.getLogger(UploadJanitor.class);
    static final int BATCH = 100;

    private final PendingUploadRepository pending;
    private final ObjectStore store;
    private final Vertx vertx;
    private final Duration interval;
    private long timer = -1;

    public UploadJanitor(PendingUploadRepository pending, ObjectStore store, Vertx vertx,
                         @ConfigProperty(name = "campaign-engine.images.janitor-interval", defaultValue = "PT5M") Duration interval) {
        this.pending = pending;
        this.store = store;
        this.vertx = vertx;
        this.interval = interval;
    }

    void start(@Observes StartupEvent e) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> sweepOnContext(Instant.now()).whenComplete((n, err) -> {
            if (err != null) {
                LOG.warnf("upload clean-up failed: %s", err.toString());
            } else if (n > 0) {
                LOG.infof("removed %d expired presigned upload(s)", n);
            }
        }));
    }

    /** {@link #sweep} on a fresh safe (duplicated) Vert.x context, as Hibernate Reactive requires; callable from any thread. */
    public java.util.concurrent.CompletionStage<Integer> sweepOnContext(Instant now) {
        var done = new java.util.concurrent.CompletableFuture<Integer>();
        var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> sweep(now).subscribe().with(done::complete, done::completeExceptionally));
        return done;
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Removes the uploads expired at {@code now}: object first, then the row. Returns how many. */
    public Uni<Integer> sweep(Instant now) {
        return Panache.withSession(() -> pending.expired(now, BATCH))
                .chain(list -> list.isEmpty() ? Uni.createFrom().item(0)
                        : Blocking.run(() -> list.forEach(p -> store.remove(p.objectKey)))
                        .chain(() -> Panache.withTransaction(() -> pending.delete("id in ?1", ids(list))))
                        .map(Long::intValue));
    }

    private static List<java.util.UUID> ids(List<PendingUpload> list) {
        return list.stream().map(p -> p.id).toList();
    }
}
