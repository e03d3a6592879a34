package io.campaignengine.image.events;

import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.business.BusinessUpdated;
import io.campaignengine.events.content.ContentGenerated;
import io.campaignengine.events.content.ContentImageAssigned;
import io.campaignengine.events.content.ContentRetired;
import io.campaignengine.events.playbook.PlaybookActivated;
import io.campaignengine.events.playbook.PlaybookArchived;
import io.campaignengine.events.publishing.PostPublished;
import io.campaignengine.events.publishing.PostScheduled;
import io.campaignengine.image.service.Copies;
import io.campaignengine.kit.consumer.ConsumedEvent;
import io.campaignengine.kit.consumer.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Set;
import java.util.UUID;

/**
 * What image-service learns from others: business slugs (scope), the active playbook (tag vocabulary, visual
 * direction), content pieces (automatic matching), which image a piece uses and whether it is scheduled or posted
 * (delete rule, usage count). Idempotent and poison-safe through service-kit's {@link IdempotentConsumer}.
 */
@ApplicationScoped
public class EventsConsumer {
    /** Acted on; any other event of these topics is acknowledged without decoding. */
    static final Set<String> HANDLED = Set.of("BusinessCreated", "BusinessUpdated", "PlaybookActivated", "PlaybookArchived",
            "ContentGenerated", "ContentImageAssigned", "ContentRetired", "PostScheduled", "PostPublished");

    private final IdempotentConsumer consumer;
    private final Copies copies;

    public EventsConsumer(IdempotentConsumer consumer, Copies copies) {
        this.consumer = consumer;
        this.copies = copies;
    }

    @Incoming("business-events")
    public Uni<Void> onBusiness(Message<byte[]> message) {
        return handle(message);
    }

    @Incoming("playbook-events")
    public Uni<Void> onPlaybook(Message<byte[]> message) {
        return handle(message);
    }

    @Incoming("content-events")
    public Uni<Void> onContent(Message<byte[]> message) {
        return handle(message);
    }

    @Incoming("publishing-events")
    public Uni<Void> onPublishing(Message<byte[]> message) {
        return handle(message);
    }

    Uni<Void> handle(Message<byte[]> message) {
        return consumer.consume(message, HANDLED, this::apply);
    }

    Uni<?> apply(SpecificRecord event, ConsumedEvent ctx) {
        UUID business = uuid(ctx.envelope().getBusinessId());
        UUID campaign = uuid(ctx.envelope().getCampaignId());
        return switch (event) {
            case BusinessCreated e -> copies.business(e.getBusiness());
            case BusinessUpdated e -> copies.business(e.getBusiness());
            case PlaybookActivated e -> copies.playbookActivated(e);
            case PlaybookArchived e -> copies.playbookArchived(business, e);
            case ContentGenerated e -> copies.contentGenerated(business, campaign, e);
            case ContentImageAssigned e -> copies.imageAssigned(business, campaign, e);
            case ContentRetired e -> copies.retired(business, campaign, e);
            case PostScheduled e -> copies.scheduled(business, campaign, e);
            case PostPublished e -> copies.published(business, campaign, e);
            default -> Uni.createFrom().voidItem();
        };
    }

    private static UUID uuid(String s) {
        return s == null || s.isBlank() ? null : UUID.fromString(s);
    }
}
