package io.campaignengine.kit.consumer;

import io.smallrye.mutiny.Uni;
import org.apache.avro.specific.SpecificRecord;

/**
 * Applies one consumed event. Runs inside the consumer's transaction (Hibernate Reactive / Panache): everything it
 * writes commits together with the {@code processed_event} row, or not at all. Return a Uni of the writes
 * ({@code Uni.createFrom().voidItem()} for events it ignores). Throw (or fail the Uni with)
 * {@link TransientEventException} to have the event retried; any other failure dead-letters it.
 */
@FunctionalInterface
public interface EventHandler {

    Uni<?> handle(SpecificRecord event, ConsumedEvent context);
}
