package io.campaignengine.content.events;

import io.campaignengine.content.service.ContentService;
import io.campaignengine.content.service.Copies;
import io.campaignengine.content.service.GenerationService;
import io.campaignengine.content.service.JobRunner;
import io.campaignengine.content.repository.JobRepository;
import io.campaignengine.content.repository.CampaignRepository;
import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.business.BusinessUpdated;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignCompleted;
import io.campaignengine.events.campaign.CampaignFailed;
import io.campaignengine.events.campaign.CampaignLaunched;
import io.campaignengine.events.campaign.CampaignPaused;
import io.campaignengine.events.campaign.CampaignResumed;
import io.campaignengine.events.content.ImageAssignment;
import io.campaignengine.events.image.ImageMatched;
import io.campaignengine.events.metrics.ContentScored;
import io.campaignengine.events.image.ImageRequestFulfilled;
import io.campaignengine.events.optimization.ContentPauseRequested;
import io.campaignengine.events.optimization.VariantsRequested;
import io.campaignengine.events.playbook.PlaybookActivated;
import io.campaignengine.events.publishing.PostPublished;
import io.campaignengine.events.publishing.PostScheduled;
import io.campaignengine.events.playbook.PlaybookArchived;
import io.campaignengine.kit.consumer.ConsumedEvent;
import io.campaignengine.kit.consumer.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What content-service consumes, idempotently and poison-safe through service-kit's {@link IdempotentConsumer}
 * (processed_event in the handler's transaction; poison to {@code <topic>.dlq}). Generation itself is not run in the
 * consumer's transaction: the handler queues a job, which {@link JobRunner} picks up once the transaction committed.
 */
@ApplicationScoped
public class InboundEventsConsumer {
    static final Set<String> HANDLED = Set.of("BusinessCreated", "BusinessUpdated", "PlaybookActivated", "PlaybookArchived",
            "CampaignApproved", "CampaignLaunched", "CampaignPaused", "CampaignResumed", "CampaignCompleted", "CampaignFailed",
            "ImageMatched", "ImageRequestFulfilled", "VariantsRequested", "ContentPauseRequested", "PostScheduled", "PostPublished", "ContentScored");

    private final IdempotentConsumer consumer;
    private final Copies copies;
    private final GenerationService generation;
    private final ContentService content;
    private final JobRepository jobs;
    private final CampaignRepository campaigns;

    public InboundEventsConsumer(IdempotentConsumer consumer, Copies copies, GenerationService generation, ContentService content,
                                 JobRepository jobs, CampaignRepository campaigns) {
        this.campaigns = campaigns;
        this.consumer = consumer;
        this.copies = copies;
        this.generation = generation;
        this.content = content;
        this.jobs = jobs;
    }

    @Incoming("business-events")
    public Uni<Void> onBusiness(Message<byte[]> message) {
        return handle(message);
    }

    @Incoming("playbook-events")
    public Uni<Void> onPlaybook(Message<byte[]> message) {
        return handle(message);
    }

    @Incoming("campaign-events")
    public Uni<Void> onCampaign(Message<byte[]> message) {
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

    @Incoming("metrics-events")
    public Uni<Void> onMetrics(Message<byte[]> message) {
        return handle(message);
    }

    @Incoming("optimization-events")
    public Uni<Void> onOptimization(Message<byte[]> message) {
        return handle(message);
    }

    Uni<Void> handle(Message<byte[]> message) {
        return consumer.consume(message, HANDLED, this::apply);
    }

    Uni<?> apply(SpecificRecord event, ConsumedEvent ctx) {
        String campaign = ctx.envelope().getCampaignId();
        UUID campaignId = campaign == null || campaign.isBlank() ? null : UUID.fromString(campaign);
        String system = "system:" + io.campaignengine.events.EventCatalog.producerOf(ctx.topic());
        return switch (event) {
            case BusinessCreated e -> copies.businessCreated(e);
            case BusinessUpdated e -> copies.businessUpdated(e);
            case PlaybookActivated e -> copies.playbookActivated(e);
            case PlaybookArchived e -> copies.playbookArchived(e);
            case CampaignApproved e -> copies.campaignApproved(e)
                    // one CampaignApproved batch per campaign, even if the campaign is approved again
                    .chain(c -> jobs.countByCampaignAndTrigger(c.id, "campaign_approved").chain(n -> n > 0 ? Uni.createFrom().voidItem()
                            : generation.enqueue(c, "campaign_approved", Math.min(generation.maxPerSegment(),
                                    Math.max(1, c.snapshot.contentCountPerSegment())), c.snapshot.hookIds(), c.snapshot.segmentIds(),
                                    Map.of(), system).replaceWithVoid()));
            case CampaignLaunched e -> copies.campaignStatus(campaignId, "live");
            case CampaignPaused e -> copies.campaignStatus(campaignId, "paused");
            case CampaignResumed e -> copies.campaignStatus(campaignId, "live");
            case CampaignFailed e -> copies.campaignStatus(campaignId, "failed");
            case CampaignCompleted e -> copies.campaignStatus(campaignId, "completed")
                    .chain(() -> content.retireCampaign(campaignId, system));
            case ImageMatched e -> content.assignImage(e.getContentId(), e.getImageId(), e.getStorageUrl(), e.getThumbnailUrl(),
                    e.getAltText(), e.getMatchScore(), ImageAssignment.AUTO_MATCH);
            case ImageRequestFulfilled e -> e.getContentId() == null ? Uni.createFrom().voidItem()
                    : content.assignImage(e.getContentId(), e.getImageId(), e.getStorageUrl(), e.getThumbnailUrl(), e.getAltText(), null,
                    ImageAssignment.REQUEST_FULFILLED);
            case ContentScored e -> content.scored(e.getContentId(), e.getScore());
            case PostScheduled e -> content.postState(e.getContentId(), "scheduled");
            case PostPublished e -> content.postState(e.getContentId(), "posted");
            case ContentPauseRequested e -> content.pauseRequested(e.getContentId(), e.getRetire(), e.getReason(), e.getDecisionId(), system);
            case VariantsRequested e -> campaignId == null ? Uni.createFrom().voidItem() : campaigns.findById(campaignId)
                    .chain(c -> {
                        if (c == null) {
                            throw new IllegalStateException("VariantsRequested for campaign " + campaignId + " unknown to content-service");
                        }
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("decisionId", e.getDecisionId().toString());
                        extra.put("mode", e.getMode().name().toLowerCase(java.util.Locale.ROOT));
                        extra.put("guidance", e.getGuidance());
                        extra.put("baseContentId", e.getBaseContentId() == null ? null : e.getBaseContentId().toString());
                        List<String> segments = e.getSegmentIds().isEmpty() ? c.snapshot.segmentIds() : List.copyOf(e.getSegmentIds());
                        int perSegment = Math.max(1, (int) Math.ceil((double) Math.max(1, e.getCount()) / Math.max(1, segments.size())));
                        return generation.enqueue(c, "variants_requested", Math.min(generation.maxPerSegment(), perSegment),
                                List.copyOf(e.getHookIds()), segments, extra, system);
                    });
            default -> Uni.createFrom().voidItem();
        };
    }
}
