package io.campaignengine.publishing;

import io.campaignengine.events.Envelope;
import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.campaign.Campaign;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignLaunched;
import io.campaignengine.events.campaign.CampaignObjective;
import io.campaignengine.events.common.BusinessProfile;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Money;
import io.campaignengine.events.common.PerformanceThresholds;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.PlatformVariant;
import io.campaignengine.events.common.ScoreWeights;
import io.campaignengine.events.common.ThresholdBand;
import io.campaignengine.events.common.UtmParams;
import io.campaignengine.events.content.ContentApproved;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events of the other services, as they would publish them (random ids: the test database is shared and reused). */
public final class Fixtures {
    /**
     * The test businesses' zone. A campaign starts "today" in it: with the JVM's (UTC) date the campaign would start
     * tomorrow between midnight UTC and midnight in Chicago, and its ads rightly wait for that day.
     */
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("America/Chicago");
    private Fixtures() {
    }

    public static Envelope envelope(UUID businessId, UUID campaignId) {
        return Envelope.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setBusinessId(businessId.toString())
                .setCampaignId(campaignId == null ? null : campaignId.toString()).setCorrelationId("test-" + UUID.randomUUID())
                .setCausationId(null).build();
    }

    public static BusinessCreated businessCreated(UUID businessId, String slug) {
        return BusinessCreated.newBuilder().setEnvelope(envelope(businessId, null))
                .setBusiness(BusinessProfile.newBuilder().setBusinessId(businessId).setName(slug + " test business").setSlug(slug)
                        .setDescription(null).setWebsiteUrl("https://" + slug + ".example.com").setBrandColors(Map.of()).setCurrency("USD")
                        .setTimezone(BUSINESS_ZONE.getId()).setMetaPageId(null).setMetaInstagramId(null).setMetaAdAccountId(null).setPixelId(null)
                        .setTargetMarkets(List.of("US-TX")).setSettings(Map.of()).setCreatedAt(Instant.now()).setUpdatedAt(null).build())
                .setCreatedBy("alice").build();
    }

    static ThresholdBand band() {
        return ThresholdBand.newBuilder().setCtrMin(0.01).setCtrMax(null).setConversionRateMin(0.02).setConversionRateMax(null)
                .setCpaMinMinor(null).setCpaMaxMinor(5000L).build();
    }

    public static CampaignApproved campaignApproved(UUID businessId, UUID campaignId, List<Platform> platforms, Long budgetDailyMinor) {
        return CampaignApproved.newBuilder().setEnvelope(envelope(businessId, campaignId))
                .setCampaign(Campaign.newBuilder().setCampaignId(campaignId).setBusinessId(businessId)
                        .setName("Test campaign " + campaignId.toString().substring(0, 8)).setPlaybookId(UUID.randomUUID()).setPlaybookVersion(1)
                        .setObjective(CampaignObjective.TRIALS).setTargetSegmentIds(List.of("tia_seeker", "true_believer"))
                        .setTargetMarkets(List.of("US-TX")).setPlatforms(platforms).setContentTypes(List.of(ContentType.ORGANIC_POST, ContentType.AD))
                        .setHookIds(List.of())
                        .setBudgetDaily(budgetDailyMinor == null ? null : Money.newBuilder().setAmountMinor(budgetDailyMinor).setCurrency("USD").build())
                        .setBudgetTotal(null).setStartDate(LocalDate.now(BUSINESS_ZONE)).setEndDate(null).setContentCountPerSegment(2)
                        .setLandingUrl("https://melissa.example.com/tia").setSuccessMetrics(Map.of())
                        .setThresholds(PerformanceThresholds.newBuilder().setExceeding(band()).setMeeting(band()).setBelow(band())
                                .setCurrency("USD").setBelowThresholdDays(3).setPersistentFailureDays(7).setMinImpressions(1000).build())
                        .setScoreWeights(ScoreWeights.newBuilder().setConversion(0.4).setEngagement(0.3).setClick(0.2).setCost(0.1).build())
                        .setAutoOptimize(true).setApprovedBy("alice").setApprovedAt(Instant.now()).build())
                .build();
    }

    public static ContentApproved contentApproved(UUID businessId, UUID campaignId, UUID contentId, ContentType type, String segment,
                                                  String text, String imageUrl) {
        String url = "https://melissa.example.com/tia?utm_content=" + contentId;
        return ContentApproved.newBuilder().setEnvelope(envelope(businessId, campaignId)).setContentId(contentId).setContentType(type)
                .setSegmentId(segment).setHookId("h_roi").setHeadline("Your TIA designation").setBody(text).setCtaText("Start free trial")
                .setCtaUrl("https://melissa.example.com/tia")
                .setUtm(UtmParams.newBuilder().setSource("facebook").setMedium("social").setCampaign(campaignId.toString())
                        .setContent(contentId.toString()).setTerm(null).build())
                .setTrackedUrl(url)
                .setPlatformVariants(List.of(
                        variant(Platform.FACEBOOK, text, url),
                        variant(Platform.INSTAGRAM, text + " (link in bio)", null)))
                .setImageId(imageUrl == null ? null : UUID.randomUUID()).setImageUrl(imageUrl)
                .setApprovedBy("bob").setApprovedAt(Instant.now()).setAutoApproved(false).build();
    }

    static PlatformVariant variant(Platform p, String text, String link) {
        return PlatformVariant.newBuilder().setPlatform(p).setText(text).setHeadline(null).setCtaText(null).setHashtags(List.of("TIA"))
                .setLinkUrl(link).setCharacterCount(text.length()).setCharacterLimit(null).setAspectRatio(null).setImageWidth(null)
                .setImageHeight(null).build();
    }

    public static io.campaignengine.events.campaign.CampaignPaused campaignPaused(UUID businessId, UUID campaignId) {
        return io.campaignengine.events.campaign.CampaignPaused.newBuilder().setEnvelope(envelope(businessId, campaignId))
                .setReason(io.campaignengine.events.campaign.PauseReason.MANUAL).setReasonText("holiday break").setPausedBy("alice")
                .setPausedAt(Instant.now()).setEscalationId(null).build();
    }

    public static io.campaignengine.events.campaign.CampaignResumed campaignResumed(UUID businessId, UUID campaignId) {
        return io.campaignengine.events.campaign.CampaignResumed.newBuilder().setEnvelope(envelope(businessId, campaignId))
                .setResumedBy("alice").setResumedAt(Instant.now()).setNote(null).setEscalationId(null).build();
    }

    public static io.campaignengine.events.campaign.CampaignCompleted campaignCompleted(UUID businessId, UUID campaignId) {
        return io.campaignengine.events.campaign.CampaignCompleted.newBuilder().setEnvelope(envelope(businessId, campaignId))
                .setReason(io.campaignengine.events.campaign.CompletionReason.MANUAL).setCompletedBy("alice").setCompletedAt(Instant.now())
                .setSummary(null).build();
    }

    public static io.campaignengine.events.campaign.CampaignBudgetChanged budgetChanged(UUID businessId, UUID campaignId, long from, long to) {
        return io.campaignengine.events.campaign.CampaignBudgetChanged.newBuilder().setEnvelope(envelope(businessId, campaignId))
                .setPreviousBudgetDaily(Money.newBuilder().setAmountMinor(from).setCurrency("USD").build())
                .setBudgetDaily(Money.newBuilder().setAmountMinor(to).setCurrency("USD").build())
                .setPreviousBudgetTotal(null).setBudgetTotal(null).setChangedBy("alice").setChangedAt(Instant.now()).setReason("more reach").build();
    }

    public static CampaignLaunched campaignLaunched(UUID businessId, UUID campaignId, List<UUID> contentIds) {
        return CampaignLaunched.newBuilder().setEnvelope(envelope(businessId, campaignId)).setLaunchedAt(Instant.now()).setLaunchedBy("alice")
                .setContentIds(contentIds).build();
    }
}
