package io.campaignengine.kit.consumer;

import io.campaignengine.events.Envelope;

/**
 * Where a consumed event came from and what it is.
 *
 * @param topic     e.g. {@code campaign.events}
 * @param partition the Kafka partition
 * @param offset    the Kafka offset
 * @param key       the record key (campaignId or businessId), may be null
 * @param eventType the simple name, e.g. {@code CampaignApproved}
 * @param envelope  the event's envelope
 * @param consumer  the consumer name under which it is recorded in processed_event
 */
public record ConsumedEvent(String topic, int partition, long offset, String key, String eventType, Envelope envelope,
        String consumer) {
}
