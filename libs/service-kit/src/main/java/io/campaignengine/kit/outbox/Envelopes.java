package io.campaignengine.kit.outbox;

import io.campaignengine.events.Envelope;
import io.campaignengine.kit.correlation.CorrelationContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds the envelope of a new event: a new UUID eventId, occurredAt = now (millisecond precision, as Avro
 * timestamp-millis keeps it), the business and campaign, and the correlation/causation of the work in progress
 * ({@link CorrelationContext}: the HTTP request's correlation id; while handling a consumed event, that event's
 * correlation id and its eventId as causation id).
 *
 * <pre>{@code
 * var event = CampaignApproved.newBuilder()
 *         .setEnvelope(Envelopes.create(campaign.businessId, campaign.id))
 *         ...
 *         .build();
 * }</pre>
 */
public final class Envelopes {

    private Envelopes() {
    }

    /** An envelope for an event of a business (no campaign). */
    public static Envelope forBusiness(Object businessId) {
        return create(businessId, null);
    }

    /** An envelope for an event of a campaign ({@code campaignId} may be null for business-level events). */
    public static Envelope create(Object businessId, Object campaignId) {
        return create(businessId, campaignId, CorrelationContext.correlationIdOrNew(), CorrelationContext.causationId().orElse(null));
    }

    /** An envelope with explicit correlation and causation (e.g. replays, batch jobs). */
    public static Envelope create(Object businessId, Object campaignId, String correlationId, String causationId) {
        Objects.requireNonNull(businessId, "businessId");
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setBusinessId(businessId.toString())
                .setCampaignId(campaignId == null ? null : campaignId.toString())
                .setCorrelationId(correlationId == null || correlationId.isBlank() ? CorrelationContext.newId() : correlationId)
                .setCausationId(causationId)
                .build();
    }
}
