package io.campaignengine.playbook.events;

import io.campaignengine.events.Envelope;
import io.campaignengine.kit.outbox.Envelopes;
import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.business.BusinessUpdated;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignBudgetChanged;
import io.campaignengine.events.campaign.CampaignCompleted;
import io.campaignengine.events.campaign.CampaignFailed;
import io.campaignengine.events.campaign.CampaignLaunched;
import io.campaignengine.events.campaign.CampaignObjective;
import io.campaignengine.events.campaign.CampaignPaused;
import io.campaignengine.events.campaign.CampaignResumed;
import io.campaignengine.events.campaign.CompletionReason;
import io.campaignengine.events.campaign.PauseReason;
import io.campaignengine.events.common.BusinessProfile;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Money;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.playbook.HookStatus;
import io.campaignengine.events.playbook.PlaybookActivated;
import io.campaignengine.events.playbook.PlaybookArchived;
import io.campaignengine.events.playbook.SegmentMessages;
import io.campaignengine.playbook.domain.AudienceSegment;
import io.campaignengine.playbook.domain.Business;
import io.campaignengine.playbook.domain.CallToAction;
import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.Hook;
import io.campaignengine.playbook.domain.ObjectionHandler;
import io.campaignengine.playbook.domain.PerformanceThresholds;
import io.campaignengine.playbook.domain.Playbook;
import io.campaignengine.playbook.domain.ScoreWeights;
import io.campaignengine.playbook.domain.ThresholdBand;
import io.campaignengine.playbook.service.Caller;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the Avro events of the contract from the domain (no I/O). */
public final class EventFactory {
    private EventFactory() {
    }

    /** New event id, now, and the current correlation (the request's or the consumed event's) and causation. */
    public static Envelope envelope(UUID businessId, UUID campaignId, Caller caller) {
        return Envelopes.create(businessId, campaignId);
    }

    // ---------------------------------------------------------------- business

    public static BusinessProfile profile(Business b) {
        return BusinessProfile.newBuilder()
                .setBusinessId(b.id)
                .setName(b.name)
                .setSlug(b.slug)
                .setDescription(b.description)
                .setWebsiteUrl(b.websiteUrl)
                .setBrandColors(Map.copyOf(b.brandColors))
                .setCurrency(b.currency)
                .setTimezone(b.timezone)
                .setMetaPageId(b.metaPageId)
                .setMetaInstagramId(b.metaInstagramId)
                .setMetaAdAccountId(b.metaAdAccountId)
                .setPixelId(b.pixelId)
                .setTargetMarkets(List.copyOf(b.targetMarkets))
                .setSettings(Map.copyOf(b.settings))
                .setCreatedAt(b.createdAt)
                .setUpdatedAt(b.updatedAt)
                .build();
    }

    public static BusinessCreated businessCreated(Business b, Caller caller) {
        return BusinessCreated.newBuilder()
                .setEnvelope(envelope(b.id, null, caller))
                .setBusiness(profile(b))
                .setCreatedBy(caller.name())
                .build();
    }

    public static BusinessUpdated businessUpdated(Business b, List<String> changedFields, Caller caller) {
        return BusinessUpdated.newBuilder()
                .setEnvelope(envelope(b.id, null, caller))
                .setBusiness(profile(b))
                .setChangedFields(List.copyOf(changedFields))
                .setUpdatedBy(caller.name())
                .build();
    }

    // ---------------------------------------------------------------- playbook

    public static PlaybookActivated playbookActivated(Playbook p, UUID previousPlaybookId, Caller caller) {
        var tone = p.tone;
        var vd = p.visualDirection;
        List<SegmentMessages> messages = new ArrayList<>();
        for (AudienceSegment s : p.audiences) {
            List<String> m = p.keyMessages.get(s.id());
            if (m != null) {
                messages.add(SegmentMessages.newBuilder().setSegmentId(s.id()).setMessages(List.copyOf(m)).build());
            }
        }
        p.keyMessages.forEach((segment, m) -> {
            if (p.segment(segment).isEmpty()) {
                messages.add(SegmentMessages.newBuilder().setSegmentId(segment).setMessages(List.copyOf(m)).build());
            }
        });
        var snapshot = io.campaignengine.events.playbook.Playbook.newBuilder()
                .setPlaybookId(p.id)
                .setBusinessId(p.businessId)
                .setName(p.name)
                .setVersion(p.version)
                .setPositioning(nz(p.positioning))
                .setFounderStory(p.founderStory)
                .setAudienceSegments(p.audiences.stream().map(EventFactory::segment).toList())
                .setKeyMessages(messages)
                .setObjectionHandlers(p.objectionHandlers.stream().map(EventFactory::objection).toList())
                .setHooks(p.hooks.stream().map(EventFactory::hook).toList())
                .setCallsToAction(p.callsToAction.stream().map(EventFactory::cta).toList())
                .setVisualDirection(io.campaignengine.events.playbook.VisualDirection.newBuilder()
                        .setStyle(vd.style())
                        .setBrandColors(Map.copyOf(vd.brandColors()))
                        .setImageGuidelines(vd.imageGuidelines())
                        .setAvoid(vd.avoid())
                        .setPreferredImageCategories(vd.preferredImageCategories())
                        .build())
                .setTone(io.campaignengine.events.playbook.Tone.newBuilder()
                        .setVoice(nz(tone.voice()))
                        .setAttributes(tone.attributes())
                        .setDos(tone.dos())
                        .setDonts(tone.donts())
                        .build())
                .setActivatedAt(p.activatedAt)
                .setActivatedBy(nz(p.activatedBy))
                .build();
        return PlaybookActivated.newBuilder()
                .setEnvelope(envelope(p.businessId, null, caller))
                .setPlaybook(snapshot)
                .setPreviousPlaybookId(previousPlaybookId)
                .build();
    }

    public static PlaybookArchived playbookArchived(Playbook p, UUID supersededBy, String reason, Caller caller) {
        return PlaybookArchived.newBuilder()
                .setEnvelope(envelope(p.businessId, null, caller))
                .setPlaybookId(p.id)
                .setVersion(p.version)
                .setArchivedAt(p.archivedAt)
                .setArchivedBy(caller.name())
                .setSupersededBy(supersededBy)
                .setReason(reason)
                .build();
    }

    private static io.campaignengine.events.playbook.AudienceSegment segment(AudienceSegment s) {
        return io.campaignengine.events.playbook.AudienceSegment.newBuilder()
                .setSegmentId(s.id())
                .setName(s.name())
                .setDescription(s.description())
                .setPainPoints(s.painPoints())
                .setDesires(s.desires())
                .setTargetMarkets(s.targetMarkets())
                .build();
    }

    private static io.campaignengine.events.playbook.ObjectionHandler objection(ObjectionHandler o) {
        return io.campaignengine.events.playbook.ObjectionHandler.newBuilder()
                .setObjection(o.objection())
                .setResponse(o.response())
                .setSegmentIds(o.segmentIds())
                .build();
    }

    private static io.campaignengine.events.playbook.Hook hook(Hook h) {
        HookStatus status;
        try {
            status = HookStatus.valueOf(h.status().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            status = HookStatus.UNKNOWN;
        }
        return io.campaignengine.events.playbook.Hook.newBuilder()
                .setHookId(h.id())
                .setText(h.text())
                .setStatus(status)
                .setSegmentIds(h.segmentIds())
                .setTheme(h.theme())
                .setEmotion(h.emotion())
                .build();
    }

    private static io.campaignengine.events.playbook.CallToAction cta(CallToAction c) {
        return io.campaignengine.events.playbook.CallToAction.newBuilder()
                .setText(c.text())
                .setUrl(c.url())
                .setSegmentIds(c.segmentIds())
                .build();
    }

    // ---------------------------------------------------------------- campaign

    public static CampaignApproved campaignApproved(Campaign c, Caller caller) {
        PerformanceThresholds t = c.performanceThresholds.withDefaults();
        ScoreWeights w = c.scoreWeights.withDefaults();
        var snapshot = io.campaignengine.events.campaign.Campaign.newBuilder()
                .setCampaignId(c.id)
                .setBusinessId(c.businessId)
                .setName(c.name)
                .setPlaybookId(c.playbookId)
                .setPlaybookVersion(c.playbookVersion)
                .setObjective(CampaignObjective.valueOf(c.objective.name()))
                .setTargetSegmentIds(List.of(c.targetAudience))
                .setTargetMarkets(List.copyOf(c.targetMarkets))
                .setPlatforms(c.channels.stream().map(ch -> Platform.valueOf(ch.name())).toList())
                .setContentTypes(c.contentTypes.stream().map(k -> ContentType.valueOf(k.name())).toList())
                .setHookIds(List.copyOf(c.hookIds))
                .setBudgetDaily(money(c.budgetDaily, c.currency))
                .setBudgetTotal(money(c.budgetTotal, c.currency))
                .setStartDate(c.startDate)
                .setEndDate(c.endDate)
                .setContentCountPerSegment(c.contentCountPerSegment)
                .setLandingUrl(c.landingUrl)
                .setSuccessMetrics(Map.copyOf(c.successMetrics))
                .setThresholds(io.campaignengine.events.common.PerformanceThresholds.newBuilder()
                        .setExceeding(band(t.exceeding(), c.currency))
                        .setMeeting(band(t.meeting(), c.currency))
                        .setBelow(band(t.below(), c.currency))
                        .setCurrency(c.currency)
                        .setBelowThresholdDays(t.belowThresholdDays())
                        .setPersistentFailureDays(t.persistentFailureDays())
                        .setMinImpressions(t.minImpressions())
                        .build())
                .setScoreWeights(io.campaignengine.events.common.ScoreWeights.newBuilder()
                        .setConversion(w.conversion())
                        .setEngagement(w.engagement())
                        .setClick(w.click())
                        .setCost(w.cost())
                        .build())
                .setAutoOptimize(c.autoOptimize)
                .setApprovedBy(c.approvedBy)
                .setApprovedAt(c.approvedAt)
                .build();
        return CampaignApproved.newBuilder()
                .setEnvelope(envelope(c.businessId, c.id, caller))
                .setCampaign(snapshot)
                .build();
    }

    public static CampaignLaunched campaignLaunched(Campaign c, List<UUID> contentIds, Caller caller) {
        return CampaignLaunched.newBuilder()
                .setEnvelope(envelope(c.businessId, c.id, caller))
                .setLaunchedAt(c.launchedAt)
                .setLaunchedBy(caller.name())
                .setContentIds(List.copyOf(contentIds))
                .build();
    }

    public static CampaignPaused campaignPaused(Campaign c, String reasonText, Caller caller) {
        return CampaignPaused.newBuilder()
                .setEnvelope(envelope(c.businessId, c.id, caller))
                .setReason(caller.system() ? PauseReason.UNKNOWN : PauseReason.MANUAL)
                .setReasonText(reasonText)
                .setPausedBy(caller.name())
                .setPausedAt(Instant.now())
                .setEscalationId(null)
                .build();
    }

    public static CampaignResumed campaignResumed(Campaign c, String note, Caller caller) {
        return CampaignResumed.newBuilder()
                .setEnvelope(envelope(c.businessId, c.id, caller))
                .setResumedBy(caller.name())
                .setResumedAt(Instant.now())
                .setNote(note)
                .setEscalationId(null)
                .build();
    }

    public static CampaignCompleted campaignCompleted(Campaign c, String summary, Caller caller) {
        return CampaignCompleted.newBuilder()
                .setEnvelope(envelope(c.businessId, c.id, caller))
                .setReason(CompletionReason.MANUAL)
                .setCompletedBy(caller.name())
                .setCompletedAt(c.completedAt)
                .setSummary(summary)
                .build();
    }

    public static CampaignFailed campaignFailed(Campaign c, Caller caller) {
        return CampaignFailed.newBuilder()
                .setEnvelope(envelope(c.businessId, c.id, caller))
                .setReason(c.failureReason)
                .setFailedBy(caller.name())
                .setFailedAt(c.failedAt)
                .setEscalationId(null)
                .build();
    }

    public static CampaignBudgetChanged budgetChanged(Campaign c, BigDecimal previousDaily, BigDecimal previousTotal,
                                                      String reason, Caller caller) {
        return CampaignBudgetChanged.newBuilder()
                .setEnvelope(envelope(c.businessId, c.id, caller))
                .setPreviousBudgetDaily(money(previousDaily, c.currency))
                .setBudgetDaily(money(c.budgetDaily, c.currency))
                .setPreviousBudgetTotal(money(previousTotal, c.currency))
                .setBudgetTotal(money(c.budgetTotal, c.currency))
                .setChangedBy(caller.name())
                .setChangedAt(Instant.now())
                .setReason(reason)
                .build();
    }

    // ---------------------------------------------------------------- helpers

    /** Money as integer minor units of the currency (USD 12.34 = 1234). */
    public static Money money(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        return Money.newBuilder().setAmountMinor(minor(amount, currency)).setCurrency(currency).build();
    }

    static long minor(BigDecimal amount, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return amount.setScale(digits, RoundingMode.HALF_UP).movePointRight(digits).longValueExact();
    }

    private static io.campaignengine.events.common.ThresholdBand band(ThresholdBand b, String currency) {
        return io.campaignengine.events.common.ThresholdBand.newBuilder()
                .setCtrMin(b.ctrMin())
                .setCtrMax(b.ctrMax())
                .setConversionRateMin(b.conversionRateMin())
                .setConversionRateMax(b.conversionRateMax())
                .setCpaMinMinor(b.cpaMin() == null ? null : minor(b.cpaMin(), currency))
                .setCpaMaxMinor(b.cpaMax() == null ? null : minor(b.cpaMax(), currency))
                .build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
