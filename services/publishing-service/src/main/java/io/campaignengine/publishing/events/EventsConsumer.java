package io.campaignengine.publishing.events;

import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.business.BusinessUpdated;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignBudgetChanged;
import io.campaignengine.events.campaign.CampaignCompleted;
import io.campaignengine.events.campaign.CampaignFailed;
import io.campaignengine.events.campaign.CampaignLaunched;
import io.campaignengine.events.campaign.CampaignPaused;
import io.campaignengine.events.campaign.CampaignResumed;
import io.campaignengine.events.content.ContentApproved;
import io.campaignengine.events.content.ContentGenerated;
import io.campaignengine.events.content.ContentImageAssigned;
import io.campaignengine.events.content.ContentRetired;
import io.campaignengine.events.image.ImageMatched;
import io.campaignengine.events.optimization.BudgetReallocated;
import io.campaignengine.events.optimization.ContentPauseRequested;
import io.campaignengine.kit.consumer.ConsumedEvent;
import io.campaignengine.kit.consumer.IdempotentConsumer;
import io.campaignengine.publishing.domain.Campaign;
import io.campaignengine.publishing.domain.Content;
import io.campaignengine.publishing.service.Copies;
import io.campaignengine.publishing.service.DecisionService;
import io.campaignengine.publishing.service.SchedulingService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Set;
import java.util.UUID;

/**
 * Everything publishing-service consumes: businesses and campaigns (local copies, lifecycle), content and images
 * (what to post), optimization's decisions (pause, budgets). Idempotent and poison-safe through service-kit's
 * {@link IdempotentConsumer}: the handler's writes, its outbox events and the processed_event row commit together.
 */
@ApplicationScoped
public class EventsConsumer {
    static final Set<String> HANDLED = Set.of("BusinessCreated", "BusinessUpdated", "CampaignApproved", "CampaignLaunched",
            "CampaignPaused", "CampaignResumed", "CampaignCompleted", "CampaignFailed", "CampaignBudgetChanged", "ContentGenerated",
            "ContentApproved", "ContentImageAssigned", "ContentRetired", "ImageMatched", "ContentPauseRequested", "BudgetReallocated");

    private final IdempotentConsumer consumer;
    private final Copies copies;
    private final SchedulingService scheduling;
    private final DecisionService decisions;

    public EventsConsumer(IdempotentConsumer consumer, Copies copies, SchedulingService scheduling, DecisionService decisions) {
        this.consumer = consumer;
        this.copies = copies;
        this.scheduling = scheduling;
        this.decisions = decisions;
    }

    @Incoming("business-events")
    public Uni<Void> onBusiness(Message<byte[]> m) {
        return handle(m);
    }

    @Incoming("campaign-events")
    public Uni<Void> onCampaign(Message<byte[]> m) {
        return handle(m);
    }

    @Incoming("content-events")
    public Uni<Void> onContent(Message<byte[]> m) {
        return handle(m);
    }

    @Incoming("image-events")
    public Uni<Void> onImage(Message<byte[]> m) {
        return handle(m);
    }

    @Incoming("optimization-events")
    public Uni<Void> onOptimization(Message<byte[]> m) {
        return handle(m);
    }

    Uni<Void> handle(Message<byte[]> message) {
        return consumer.consume(message, HANDLED, this::apply);
    }

    static UUID uuid(String s) {
        return s == null || s.isBlank() ? null : UUID.fromString(s);
    }

    Uni<?> apply(SpecificRecord event, ConsumedEvent ctx) {
        UUID campaignId = uuid(ctx.envelope().getCampaignId());
        UUID businessId = uuid(ctx.envelope().getBusinessId());
        return switch (event) {
            case BusinessCreated e -> copies.business(e.getBusiness());
            case BusinessUpdated e -> copies.business(e.getBusiness());
            case CampaignApproved e -> copies.campaignApproved(e.getCampaign()).chain(c -> scheduling.planCampaign(c.id));
            case CampaignLaunched e -> copies.campaign(campaignId, c -> {
                c.status = Campaign.ACTIVE;
                c.launchedAt = e.getLaunchedAt();
            }).chain(c -> c == null ? Uni.createFrom().voidItem() : scheduling.onLaunch(c.id));
            case CampaignPaused e -> copies.campaign(campaignId, c -> c.status = Campaign.PAUSED)
                    .chain(c -> c == null ? Uni.createFrom().voidItem()
                            : decisions.pauseCampaign(c.id, "campaign paused (" + e.getReason() + (e.getReasonText() == null ? "" : ": " + e.getReasonText()) + ")"));
            case CampaignResumed e -> copies.campaign(campaignId, c -> c.status = Campaign.ACTIVE)
                    // held posts whose slot passed during the pause get new slots (as at launch)
                    .chain(c -> c == null ? Uni.createFrom().voidItem() : decisions.resumeCampaign(c.id).chain(() -> scheduling.onLaunch(c.id)));
            case CampaignCompleted e -> copies.campaign(campaignId, c -> c.status = Campaign.COMPLETED)
                    .chain(c -> c == null ? Uni.createFrom().voidItem() : decisions.stopCampaign(c.id, "campaign completed (" + e.getReason() + ")"));
            case CampaignFailed e -> copies.campaign(campaignId, c -> c.status = Campaign.FAILED)
                    .chain(c -> c == null ? Uni.createFrom().voidItem() : decisions.stopCampaign(c.id, "campaign failed"));
            case CampaignBudgetChanged e -> copies.campaign(campaignId, c -> {
                if (e.getBudgetDaily() != null) c.budgetDailyMinor = e.getBudgetDaily().getAmountMinor();
            }).chain(c -> c == null || e.getBudgetDaily() == null ? Uni.createFrom().voidItem()
                    : decisions.rebudget(c.id, e.getBudgetDaily().getAmountMinor()));
            case ContentGenerated e -> copies.content(e.getContentId(), campaignId, businessId, c -> {
                if (Content.UNKNOWN.equals(c.status)) c.status = Content.GENERATED;
                c.contentType = e.getContentType().name();
                c.segmentId = e.getSegmentId();
                c.hookId = e.getHookId();
                c.headline = e.getHeadline();
                c.body = e.getBody();
                c.ctaText = e.getCtaText();
                c.ctaUrl = e.getCtaUrl();
                c.trackedUrl = e.getTrackedUrl();
                c.variants = copies.variants(e.getPlatformVariants());
            });
            case ContentApproved e -> copies.content(e.getContentId(), campaignId, businessId, c -> {
                if (!Content.RETIRED.equals(c.status)) c.status = Content.APPROVED;
                c.contentType = e.getContentType().name();
                c.segmentId = e.getSegmentId();
                c.hookId = e.getHookId();
                c.headline = e.getHeadline();
                c.body = e.getBody();
                c.ctaText = e.getCtaText();
                c.ctaUrl = e.getCtaUrl();
                c.trackedUrl = e.getTrackedUrl();
                c.variants = copies.variants(e.getPlatformVariants());
                if (e.getImageId() != null) c.imageId = e.getImageId();
                if (e.getImageUrl() != null) c.imageUrl = e.getImageUrl();
            }).chain(c -> c.campaignId == null ? Uni.createFrom().voidItem() : scheduling.planCampaign(c.campaignId));
            case ContentImageAssigned e -> copies.content(e.getContentId(), campaignId, businessId, c -> {
                c.imageId = e.getImageId();
                c.imageUrl = e.getImageUrl();
            }).chain(c -> Content.APPROVED.equals(c.status) && c.campaignId != null ? scheduling.planCampaign(c.campaignId) : Uni.createFrom().voidItem());
            case ImageMatched e -> copies.content(e.getContentId(), campaignId, businessId, c -> {
                if (c.imageId == null) {
                    c.imageId = e.getImageId();
                    c.imageUrl = e.getStorageUrl();
                }
            }).chain(c -> Content.APPROVED.equals(c.status) && c.campaignId != null ? scheduling.planCampaign(c.campaignId) : Uni.createFrom().voidItem());
            case ContentRetired e -> copies.content(e.getContentId(), campaignId, businessId, c -> c.status = Content.RETIRED)
                    .chain(c -> decisions.retireContent(c.id, "content retired (" + e.getReason() + ")"));
            case ContentPauseRequested e -> decisions.pauseContent(e.getContentId(), e.getPostIds(), e.getReason(), e.getDecisionId());
            case BudgetReallocated e -> campaignId == null ? Uni.createFrom().voidItem()
                    : decisions.reallocate(campaignId, e.getAllocations(), e.getDecisionId());
            default -> Uni.createFrom().voidItem();
        };
    }
}
