package io.campaignengine.kit.consumer;

/**
 * Thrown by an {@link EventHandler} for a failure worth retrying (a dependency is briefly unavailable): the event is
 * retried with back-off instead of being dead-lettered (up to {@code campaign-engine.consumer.max-attempts}).
 */
public class TransientEventException extends RuntimeException {

    public TransientEventException(String message) {
        super(message);
    }

    public TransientEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
