package io.campaignengine.image.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/**
 * Blocking work (S3 calls, image decoding) off the event loop: on a Vert.x worker, with the result delivered back on
 * the caller's context, so a Hibernate Reactive session can carry on where it was. Inline when not on an event loop.
 */
public final class Blocking {
    private Blocking() {
    }

    public static <T> Uni<T> call(Callable<T> work) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return Uni.createFrom().item(() -> {
                try {
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return Uni.createFrom().emitter(emitter -> context.<T>executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                emitter.complete(result.result());
            } else {
                emitter.fail(result.cause());
            }
        }));
    }

    public static Uni<Void> run(Runnable work) {
        return call(() -> {
            work.run();
            return null;
        });
    }
}
