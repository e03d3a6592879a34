package io.campaignengine.playbook.events;

import io.campaignengine.events.EventCatalog;
import io.campaignengine.events.content.ContentBatchCompleted;
import io.campaignengine.events.image.ImageMatched;
import io.campaignengine.events.image.ImageRequestCancelled;
import io.campaignengine.events.image.ImageRequestFulfilled;
import io.campaignengine.events.image.ImageRequested;
import io.campaignengine.events.publishing.ConnectionChanged;
import io.campaignengine.events.publishing.ConnectionStatus;
import io.campaignengine.events.publishing.PostScheduled;
import io.campaignengine.kit.consumer.ConsumedEvent;
import io.campaignengine.kit.consumer.IdempotentConsumer;
import io.campaignengine.playbook.service.Caller;
import io.campaignengine.playbook.service.TaskAutomation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Set;
import java.util.UUID;

/**
 * Consumes the progress other services report about campaigns in setup (content.events, image.events,
 * publishing.events) and lets {@link TaskAutomation} complete the system tasks. Idempotent and poison-safe through
 * service-kit's {@link IdempotentConsumer} (processed_event in the handler's transaction; poison to {@code <topic>.dlq}).
 */
@ApplicationScoped
public class ProgressEventsConsumer {
    /** The events this service acts on; other events of these topics are acknowledged without decoding. */
    static final Set<String> HANDLED = Set.of("ContentBatchCompleted", "ImageMatched", "ImageRequested", "ImageRequestFulfilled",
            "ImageRequestCancelled", "PostScheduled", "ConnectionChanged");

    private final IdempotentConsumer consumer;
    private final TaskAutomation automation;

    public ProgressEventsConsumer(IdempotentConsumer consumer, TaskAutomation automation) {
        this.consumer = consumer;
        this.automation = automation;
    }

    @Incoming("content-events")
    public Uni<Void> onContent(Message<byte[]> message) {
        return handle(message);
    }

    @Incoming("image-events")
    public Uni<Void> onImage(Message<byte[]> message) {
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
        Caller system = Caller.system(EventCatalog.producerOf(ctx.topic()));
        String campaign = ctx.envelope().getCampaignId();
        UUID campaignId = campaign == null || campaign.isBlank() ? null : UUID.fromString(campaign);
        return switch (event) {
            case ContentBatchCompleted e -> automation.contentBatchCompleted(system, campaignId, e.getBatchId(), e.getContentIds(),
                    e.getGeneratedCount(), e.getRequestedCount(), e.getErrorMessage());
            case ImageMatched e -> automation.imageMatched(system, campaignId, e.getContentId(), e.getImageId());
            case ImageRequested e -> automation.imageRequested(system, campaignId, e.getRequestId(), e.getContentId(), e.getDescription());
            case ImageRequestFulfilled e -> automation.imageRequestFulfilled(system, e.getRequestId());
            case ImageRequestCancelled e -> automation.imageRequestCancelled(system, e.getRequestId());
            case PostScheduled e -> automation.postScheduled(system, campaignId, e.getContentId());
            case ConnectionChanged e when e.getStatus() == ConnectionStatus.CONNECTED ->
                    automation.metaConnected(system, UUID.fromString(ctx.envelope().getBusinessId()), e.getPageId(),
                            e.getInstagramAccountId(), e.getAdAccountId());
            default -> Uni.createFrom().voidItem();
        };
    }
}
