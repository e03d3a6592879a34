package io.campaignengine.events;

import io.campaignengine.events.campaign.Campaign;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignObjective;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.EscalationAction;
import io.campaignengine.events.common.EscalationActionType;
import io.campaignengine.events.common.EscalationTrigger;
import io.campaignengine.events.common.Money;
import io.campaignengine.events.common.PerformanceThresholds;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.PlatformVariant;
import io.campaignengine.events.common.ScoreWeights;
import io.campaignengine.events.common.TagSet;
import io.campaignengine.events.common.ThresholdBand;
import io.campaignengine.events.common.UtmParams;
import io.campaignengine.events.content.ContentBatchCompleted;
import io.campaignengine.events.content.BatchTrigger;
import io.campaignengine.events.content.ContentGenerated;
import io.campaignengine.events.content.ContentScores;
import io.campaignengine.events.content.GenerationMetadata;
import io.campaignengine.events.escalation.EscalationDecision;
import io.campaignengine.events.escalation.EscalationResolved;
import io.campaignengine.events.image.ImageRequested;
import io.campaignengine.events.publishing.ConnectionChanged;
import io.campaignengine.events.publishing.ConnectionStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Populated instances of a few events, as a producer would build them. */
final class Fixtures {

    static final String BUSINESS_ID = "6f1c2e54-5a0b-4d1e-9a53-0e2d8a9b7c11";
    static final String CAMPAIGN_ID = "0b7e4b8a-3f2c-4b9e-8d1a-2c3d4e5f6a7b";
    static final Instant NOW = Instant.parse("2026-01-15T10:15:30.123Z");

    private Fixtures() {
    }

    static Envelope envelope(String campaignId) {
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(NOW)
                .setBusinessId(BUSINESS_ID)
                .setCampaignId(campaignId)
                .setCorrelationId(UUID.randomUUID().toString())
                .setCausationId(null)
                .build();
    }

    static Money usd(long cents) {
        return Money.newBuilder().setAmountMinor(cents).setCurrency("USD").build();
    }

    static CampaignApproved campaignApproved() {
        ThresholdBand exceeding = ThresholdBand.newBuilder().setCtrMin(0.03).setConversionRateMin(0.10).setCpaMaxMinor(5_000L).build();
        ThresholdBand meeting = ThresholdBand.newBuilder().setCtrMin(0.01).setCtrMax(0.03)
                .setConversionRateMin(0.02).setConversionRateMax(0.10).setCpaMinMinor(5_000L).setCpaMaxMinor(10_000L).build();
        ThresholdBand below = ThresholdBand.newBuilder().setCtrMax(0.01).setConversionRateMax(0.02).setCpaMinMinor(10_000L).build();
        Campaign campaign = Campaign.newBuilder()
                .setCampaignId(UUID.fromString(CAMPAIGN_ID))
                .setBusinessId(UUID.fromString(BUSINESS_ID))
                .setName("TIA Seekers - ROI Campaign")
                .setPlaybookId(UUID.randomUUID())
                .setPlaybookVersion(3)
                .setObjective(CampaignObjective.TRIALS)
                .setTargetSegmentIds(List.of("tia_seeker", "true_believer"))
                .setTargetMarkets(List.of("US-TX"))
                .setPlatforms(List.of(Platform.FACEBOOK, Platform.INSTAGRAM))
                .setBudgetDaily(usd(2_500L))
                .setBudgetTotal(usd(150_000L))
                .setStartDate(LocalDate.of(2026, 2, 1))
                .setEndDate(null)
                .setContentCountPerSegment(5)
                .setLandingUrl("https://melissa.example/trial")
                .setSuccessMetrics(Map.of("subscribers", 15.0, "cac", 100.0))
                .setThresholds(PerformanceThresholds.newBuilder()
                        .setExceeding(exceeding).setMeeting(meeting).setBelow(below).setCurrency("USD").build())
                .setScoreWeights(ScoreWeights.newBuilder().build())
                .setApprovedBy("marketer@melissa.example")
                .setApprovedAt(NOW)
                .build();
        return CampaignApproved.newBuilder().setEnvelope(envelope(CAMPAIGN_ID)).setCampaign(campaign).build();
    }

    static ContentGenerated contentGenerated() {
        UtmParams utm = UtmParams.newBuilder().setSource("facebook").setMedium("paid_social")
                .setCampaign("tia-seekers-roi").setContent("c-0001").build();
        return ContentGenerated.newBuilder()
                .setEnvelope(envelope(CAMPAIGN_ID))
                .setContentId(UUID.randomUUID())
                .setBatchId(UUID.randomUUID())
                .setContentType(ContentType.AD)
                .setPlaybookId(UUID.randomUUID())
                .setPlaybookVersion(3)
                .setSegmentId("tia_seeker")
                .setHookId("h-roi")
                .setHookText("Your $99 pays for itself in one month")
                .setHeadline("Earn your TIA designation faster")
                .setBody("Teachers using Melissa document evidence in minutes, not weekends.")
                .setCtaText("Start Free Trial")
                .setCtaUrl("https://melissa.example/trial")
                .setUtm(utm)
                .setTrackedUrl("https://melissa.example/trial?utm_source=facebook&utm_medium=paid_social&utm_campaign=tia-seekers-roi&utm_content=c-0001")
                .setEmotions(List.of("achievement"))
                .setThemes(List.of("roi"))
                .setPlatformVariants(List.of(PlatformVariant.newBuilder()
                        .setPlatform(Platform.INSTAGRAM).setText("Earn your TIA faster #teachers")
                        .setHashtags(List.of("teachers")).setCharacterCount(30).setCharacterLimit(2200)
                        .setAspectRatio("4:5").setImageWidth(1080).setImageHeight(1350).build()))
                .setScores(ContentScores.newBuilder().setBrandVoice(0.9).setClarity(0.85).setHookAlignment(0.8)
                        .setOverall(0.85).build())
                .setGeneration(GenerationMetadata.newBuilder().setModel("claude-sonnet").setTemperature(0.7)
                        .setVariationIndex(2).build())
                .build();
    }

    static ImageRequested imageRequested() {
        return ImageRequested.newBuilder()
                .setEnvelope(envelope(CAMPAIGN_ID))
                .setRequestId(UUID.randomUUID())
                .setContentId(UUID.randomUUID())
                .setDescription("A relieved teacher closing a laptop at 4pm")
                .setSuggestedPrompt("photo, teacher in a bright classroom closing a laptop, relief, warm light --ar 4:5")
                .setSuggestedTags(TagSet.newBuilder().setSegments(List.of("tia_seeker"))
                        .setEmotions(List.of("relief")).setThemes(List.of("story")).build())
                .setPriority(7)
                .setBestMatchScore(0.41)
                .setThreshold(0.6)
                .build();
    }

    static EscalationResolved escalationResolved() {
        return EscalationResolved.newBuilder()
                .setEnvelope(envelope(CAMPAIGN_ID))
                .setEscalationId(UUID.randomUUID())
                .setTrigger(EscalationTrigger.PERSISTENT_FAILURE)
                .setDecision(EscalationDecision.REDIRECT)
                .setGuidance("Try the story hook for true believers; halve the budget meanwhile")
                .setActions(List.of(
                        EscalationAction.newBuilder().setType(EscalationActionType.CHANGE_BUDGET)
                                .setParameters(Map.of("budgetDailyMinor", "1250")).build(),
                        EscalationAction.newBuilder().setType(EscalationActionType.GENERATE_VARIANTS)
                                .setParameters(Map.of("hookIds", "h-story", "segmentIds", "true_believer")).build()))
                .setResolvedBy("owner@melissa.example")
                .build();
    }

    static ContentBatchCompleted contentBatchCompleted() {
        return ContentBatchCompleted.newBuilder()
                .setEnvelope(envelope(CAMPAIGN_ID))
                .setBatchId(UUID.randomUUID())
                .setTrigger(BatchTrigger.CAMPAIGN_APPROVED)
                .setRequestedCount(3).setGeneratedCount(2).setFailedCount(1)
                .setContentIds(List.of(UUID.randomUUID(), UUID.randomUUID()))
                .setRequestDecisionId(UUID.randomUUID())
                .build();
    }

    /** A business-level event on a campaign-keyed topic: no campaignId. */
    static ConnectionChanged connectionChanged() {
        return ConnectionChanged.newBuilder()
                .setEnvelope(envelope(null))
                .setConnectionId(UUID.randomUUID())
                .setPlatform(Platform.FACEBOOK)
                .setStatus(ConnectionStatus.CONNECTED)
                .setPreviousStatus(ConnectionStatus.EXPIRED)
                .setScopes(List.of("pages_manage_posts", "ads_management"))
                .setTokenExpiresAt(NOW.plus(60, ChronoUnit.DAYS))
                .setChangedBy("owner@melissa.example")
                .build();
    }
}
