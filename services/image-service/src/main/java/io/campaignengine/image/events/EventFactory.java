package io.campaignengine.image.events;

import io.campaignengine.events.common.TagSet;
import io.campaignengine.events.image.ImageCandidate;
import io.campaignengine.events.image.ImageMatched;
import io.campaignengine.events.image.ImageRequestCancelled;
import io.campaignengine.events.image.ImageRequestFulfilled;
import io.campaignengine.events.image.ImageRequested;
import io.campaignengine.events.image.ImageType;
import io.campaignengine.events.image.ImageUploaded;
import io.campaignengine.events.image.MatchBreakdown;
import io.campaignengine.image.domain.Image;
import io.campaignengine.image.domain.ImageRequest;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.service.Matcher;
import io.campaignengine.image.service.ObjectStore;
import io.campaignengine.kit.outbox.Envelopes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the image.events records (envelope: business, and the campaign when there is one: key = campaign). */
@ApplicationScoped
public class EventFactory {
    private final ObjectStore store;

    public EventFactory(ObjectStore store) {
        this.store = store;
    }

    public static TagSet tagSet(Tags t) {
        return TagSet.newBuilder().setSegments(t.segments()).setEmotions(t.emotions()).setThemes(t.themes())
                .setKeywords(t.keywords()).build();
    }

    public ImageUploaded uploaded(Image i, UUID fulfillsRequestId) {
        return ImageUploaded.newBuilder()
                .setEnvelope(Envelopes.forBusiness(i.businessId))
                .setImageId(i.id)
                .setFilename(i.filename)
                .setStorageKey(i.storageKey)
                .setStorageUrl(store.storageUrl(i.storageKey))
                .setThumbnailUrl(store.storageUrl(i.thumbnailKey))
                .setImageType(ImageType.valueOf(i.type.name()))
                .setCategory(i.category)
                .setTags(tagSet(i.tags))
                .setAltText(i.altText)
                .setWidth(i.width)
                .setHeight(i.height)
                .setFileSizeBytes(i.fileSize)
                .setMimeType(i.mimeType)
                .setUploadedBy(i.uploadedBy == null ? "unknown" : i.uploadedBy)
                .setFulfillsRequestId(fulfillsRequestId)
                .build();
    }

    public ImageMatched matched(UUID businessId, UUID campaignId, UUID contentId, Image best, Matcher.Score top,
                                List<Matcher.Score> ranked, double threshold) {
        return ImageMatched.newBuilder()
                .setEnvelope(Envelopes.create(businessId, campaignId))
                .setContentId(contentId)
                .setImageId(best.id)
                .setStorageUrl(store.storageUrl(best.storageKey))
                .setThumbnailUrl(store.storageUrl(best.thumbnailKey))
                .setAltText(best.altText)
                .setMatchScore(top.total())
                .setBreakdown(MatchBreakdown.newBuilder().setSegment(top.segment()).setEmotion(top.emotion()).setTheme(top.theme())
                        .setUsageBalance(top.usageBalance()).build())
                .setThreshold(threshold)
                .setCandidates(ranked.stream().map(s -> ImageCandidate.newBuilder().setImageId(s.imageId()).setScore(s.total()).build())
                        .toList())
                .build();
    }

    public ImageRequested requested(ImageRequest r) {
        return ImageRequested.newBuilder()
                .setEnvelope(Envelopes.create(r.businessId, r.campaignId))
                .setRequestId(r.id)
                .setContentId(r.contentId)
                .setDescription(r.description)
                .setSuggestedPrompt(r.suggestedPrompt)
                .setSuggestedTags(tagSet(r.suggestedTags))
                .setPriority(r.priority)
                .setAspectRatio(r.aspectRatio)
                .setBestMatchScore(r.bestMatchScore)
                .setThreshold(r.threshold)
                .build();
    }

    public ImageRequestFulfilled fulfilled(ImageRequest r, Image i, String by, Instant at) {
        return ImageRequestFulfilled.newBuilder()
                .setEnvelope(Envelopes.create(r.businessId, r.campaignId))
                .setRequestId(r.id)
                .setImageId(i.id)
                .setContentId(r.contentId)
                .setStorageUrl(store.storageUrl(i.storageKey))
                .setThumbnailUrl(store.storageUrl(i.thumbnailKey))
                .setAltText(i.altText)
                .setTags(tagSet(i.tags))
                .setFulfilledBy(by)
                .setFulfilledAt(at)
                .build();
    }

    public ImageRequestCancelled cancelled(ImageRequest r, String by, Instant at) {
        return ImageRequestCancelled.newBuilder()
                .setEnvelope(Envelopes.create(r.businessId, r.campaignId))
                .setRequestId(r.id)
                .setContentId(r.contentId)
                .setReason(r.cancelReason)
                .setCancelledBy(by)
                .setCancelledAt(at)
                .build();
    }
}
