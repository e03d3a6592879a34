package io.campaignengine.publishing.service;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/** Background work for Hibernate Reactive: each unit on a safe duplicated Vert.x context of its own. */
final class Contexts {
    private Contexts() {
    }

    static <T> Uni<T> onNewContext(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(em -> {
            Context ctx = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(ctx, true);
            ctx.runOnContext(v -> {
                Uni<T> u;
                try {
                    u = work.get();
                } catch (Throwable t) {
                    em.fail(t);
                    return;
                }
                u.subscribe().with(em::complete, em::fail);
            });
        });
    }
}
