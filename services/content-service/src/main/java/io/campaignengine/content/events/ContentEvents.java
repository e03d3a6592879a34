package io.campaignengine.content.events;

import io.campaignengine.content.domain.Content;
import io.campaignengine.content.domain.GenerationJob;
import io.campaignengine.content.domain.PlatformVariant;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.UtmParams;
import io.campaignengine.events.content.BatchTrigger;
import io.campaignengine.events.content.ContentApproved;
import io.campaignengine.events.content.ContentBatchCompleted;
import io.campaignengine.events.content.ContentGenerated;
import io.campaignengine.events.content.ContentImageAssigned;
import io.campaignengine.events.content.ContentRetired;
import io.campaignengine.events.content.ContentScores;
import io.campaignengine.events.content.GenerationMetadata;
import io.campaignengine.events.content.ImageAssignment;
import io.campaignengine.events.content.RetireReason;
import io.campaignengine.kit.outbox.Envelopes;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Builds the content.events of the contract from the domain (no I/O). */
public final class ContentEvents {
    private ContentEvents() {
    }

    public static ContentType type(String type) {
        return switch (type) {
            case "ad" -> ContentType.AD;
            case "organic_post" -> ContentType.ORGANIC_POST;
            case "story" -> ContentType.STORY;
            case "carousel" -> ContentType.CAROUSEL;
            case "email" -> ContentType.EMAIL;
            default -> ContentType.UNKNOWN;
        };
    }

    static Platform platform(String p) {
        try {
            return Platform.valueOf(p.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return Platform.UNKNOWN;
        }
    }

    static UtmParams utm(Map<String, String> u) {
        return UtmParams.newBuilder()
                .setSource(u.getOrDefault("source", ""))
                .setMedium(u.getOrDefault("medium", ""))
                .setCampaign(u.getOrDefault("campaign", ""))
                .setContent(u.getOrDefault("content", ""))
                .setTerm(u.get("term"))
                .build();
    }

    static List<io.campaignengine.events.common.PlatformVariant> variants(Map<String, PlatformVariant> variants) {
        return variants.values().stream().map(v -> io.campaignengine.events.common.PlatformVariant.newBuilder()
                .setPlatform(platform(v.platform()))
                .setText(v.text())
                .setHeadline(v.headline())
                .setCtaText(v.ctaText())
                .setHashtags(v.hashtags().stream().map(h -> h.startsWith("#") ? h.substring(1) : h).toList())
                .setLinkUrl(v.linkUrl())
                .setCharacterCount(v.characterCount())
                .setCharacterLimit(v.characterLimit())
                .setAspectRatio(v.aspectRatio())
                .setImageWidth(v.imageWidth())
                .setImageHeight(v.imageHeight())
                .build()).toList();
    }

    static double unit(java.math.BigDecimal score) {
        return score == null ? 0 : score.doubleValue() / 100.0;
    }

    public static ContentGenerated generated(Content c, UUID playbookId, int playbookVersion, UUID requestDecisionId) {
        Map<String, Object> meta = c.generationMetadata;
        return ContentGenerated.newBuilder()
                .setEnvelope(Envelopes.create(c.businessId, c.campaignId))
                .setContentId(c.id)
                .setBatchId(c.jobId)
                .setContentType(type(c.type))
                .setPlaybookId(playbookId)
                .setPlaybookVersion(playbookVersion)
                .setSegmentId(nz(c.audienceSegment))
                .setHookId(nz(c.hookSource))
                .setHookText(nz(c.hookText))
                .setHeadline(c.headline)
                .setBody(c.body)
                .setCtaText(nz(c.ctaText))
                .setCtaUrl(nz(c.ctaUrl))
                .setUtm(utm(c.utmParams))
                .setTrackedUrl(nz(c.trackedUrl))
                .setEmotions(List.copyOf(c.emotions))
                .setThemes(List.copyOf(c.themes))
                .setPlatformVariants(variants(c.platformVariants))
                .setScores(ContentScores.newBuilder()
                        .setBrandVoice(unit(c.scoreBrandVoice))
                        .setClarity(unit(c.scoreClarity))
                        .setHookAlignment(unit(c.scoreHookAlignment))
                        .setOverall(unit(c.scoreOverall))
                        .setPredictedCtr(null)
                        .build())
                .setGeneration(GenerationMetadata.newBuilder()
                        .setModel(String.valueOf(meta.getOrDefault("model", "unknown")))
                        .setPromptVersion((String) meta.get("promptVersion"))
                        .setTemperature(meta.get("temperature") instanceof Number n ? n.doubleValue() : null)
                        .setInputTokens(meta.get("inputTokens") instanceof Number n ? n.intValue() : null)
                        .setOutputTokens(meta.get("outputTokens") instanceof Number n ? n.intValue() : null)
                        .setVariationIndex(meta.get("variationIndex") instanceof Number n ? n.intValue() : 0)
                        .build())
                .setParentContentId(c.parentId)
                .setRequestDecisionId(requestDecisionId)
                .build();
    }

    public static BatchTrigger trigger(String trigger) {
        return switch (trigger) {
            case "campaign_approved" -> BatchTrigger.CAMPAIGN_APPROVED;
            case "variants_requested" -> BatchTrigger.VARIANTS_REQUESTED;
            case "manual" -> BatchTrigger.MANUAL;
            case "repurpose" -> BatchTrigger.REPURPOSE;
            default -> BatchTrigger.UNKNOWN;
        };
    }

    public static ContentBatchCompleted batchCompleted(GenerationJob job, List<String> segments, List<String> hooks) {
        String decision = job.textParam("decisionId");
        return ContentBatchCompleted.newBuilder()
                .setEnvelope(Envelopes.create(job.businessId, job.campaignId))
                .setBatchId(job.id)
                .setTrigger(trigger(job.trigger))
                .setRequestedCount(job.requested)
                .setGeneratedCount(job.generated)
                .setFailedCount(job.failed + job.rejected)
                .setContentIds(List.copyOf(job.contentIds))
                .setSegmentIds(List.copyOf(segments))
                .setHookIds(List.copyOf(hooks))
                .setRequestDecisionId(decision == null ? null : UUID.fromString(decision))
                .setErrorMessage(job.error)
                .build();
    }

    public static ContentApproved approved(Content c) {
        return ContentApproved.newBuilder()
                .setEnvelope(Envelopes.create(c.businessId, c.campaignId))
                .setContentId(c.id)
                .setContentType(type(c.type))
                .setSegmentId(nz(c.audienceSegment))
                .setHookId(nz(c.hookSource))
                .setHeadline(c.headline)
                .setBody(c.body)
                .setCtaText(nz(c.ctaText))
                .setCtaUrl(nz(c.ctaUrl))
                .setUtm(utm(c.utmParams))
                .setTrackedUrl(nz(c.trackedUrl))
                .setPlatformVariants(variants(c.platformVariants))
                .setImageId(c.imageId)
                .setImageUrl(c.imageUrl)
                .setApprovedBy(nz(c.approvedBy))
                .setApprovedAt(c.approvedAt == null ? Instant.now() : c.approvedAt)
                .setAutoApproved(c.autoApproved)
                .build();
    }

    public static ContentRetired retired(Content c, RetireReason reason, String retiredBy, UUID decisionId) {
        return ContentRetired.newBuilder()
                .setEnvelope(Envelopes.create(c.businessId, c.campaignId))
                .setContentId(c.id)
                .setReason(reason)
                .setReasonText(c.retireReason)
                .setRetiredBy(retiredBy)
                .setRetiredAt(c.retiredAt == null ? Instant.now() : c.retiredAt)
                .setFinalScore(c.performanceScore == null ? null : c.performanceScore.doubleValue())
                .setDecisionId(decisionId)
                .build();
    }

    public static ContentImageAssigned imageAssigned(Content c, UUID previous, String thumbnailUrl, String altText, Double matchScore,
                                                     ImageAssignment assignment) {
        return ContentImageAssigned.newBuilder()
                .setEnvelope(Envelopes.create(c.businessId, c.campaignId))
                .setContentId(c.id)
                .setImageId(c.imageId)
                .setImageUrl(nz(c.imageUrl))
                .setThumbnailUrl(thumbnailUrl)
                .setAltText(altText)
                .setMatchScore(matchScore)
                .setAssignment(assignment)
                .setPreviousImageId(previous)
                .build();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
