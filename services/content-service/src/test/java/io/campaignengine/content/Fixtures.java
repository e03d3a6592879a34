package io.campaignengine.content;

import io.campaignengine.events.Envelope;
import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.campaign.Campaign;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignObjective;
import io.campaignengine.events.common.BusinessProfile;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.PerformanceThresholds;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.ScoreWeights;
import io.campaignengine.events.common.ThresholdBand;
import io.campaignengine.events.playbook.AudienceSegment;
import io.campaignengine.events.playbook.CallToAction;
import io.campaignengine.events.playbook.Hook;
import io.campaignengine.events.playbook.HookStatus;
import io.campaignengine.events.playbook.ObjectionHandler;
import io.campaignengine.events.playbook.Playbook;
import io.campaignengine.events.playbook.PlaybookActivated;
import io.campaignengine.events.playbook.SegmentMessages;
import io.campaignengine.events.playbook.Tone;
import io.campaignengine.events.playbook.VisualDirection;
import io.campaignengine.testkit.TestKafka;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The upstream events content-service needs, as playbook-service publishes them (its EventFactory), with fresh ids:
 * the test database and topics are shared and reused, so every test makes its own business, playbook and campaign.
 * Businesses get the slugs of the demo tokens (melissa: alice, bob; vaquero: alice, carol) but new ids.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Envelope envelope(UUID businessId, UUID campaignId) {
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now())
                .setBusinessId(businessId.toString())
                .setCampaignId(campaignId == null ? null : campaignId.toString())
                .setCorrelationId("test-" + UUID.randomUUID())
                .setCausationId(null)
                .build();
    }

    public static BusinessCreated businessCreated(UUID businessId, String slug) {
        return BusinessCreated.newBuilder()
                .setEnvelope(envelope(businessId, null))
                .setBusiness(BusinessProfile.newBuilder()
                        .setBusinessId(businessId)
                        .setName(slug + " test business")
                        .setSlug(slug)
                        .setDescription(null)
                        .setWebsiteUrl("https://" + slug + ".example.com")
                        .setBrandColors(Map.of())
                        .setCurrency("USD")
                        .setTimezone("America/Chicago")
                        .setMetaPageId(null)
                        .setMetaInstagramId(null)
                        .setMetaAdAccountId(null)
                        .setPixelId(null)
                        .setTargetMarkets(List.of("US-TX"))
                        .setSettings(Map.of())
                        .setCreatedAt(Instant.now())
                        .setUpdatedAt(null)
                        .build())
                .setCreatedBy("alice")
                .build();
    }

    public static Playbook playbook(UUID businessId, UUID playbookId) {
        return Playbook.newBuilder()
                .setPlaybookId(playbookId)
                .setBusinessId(businessId)
                .setName("Melissa for Educators")
                .setVersion(1)
                .setPositioning("The TIA coach for Texas teachers who want their students' growth to count.")
                .setFounderStory("Melissa taught fourth grade for eleven years. She built the coaching she wished she had.")
                .setAudienceSegments(List.of(
                        AudienceSegment.newBuilder().setSegmentId("tia_seeker").setName("TIA seekers")
                                .setDescription("Teachers going for a TIA designation").setPainPoints(List.of("paperwork", "unclear rubrics"))
                                .setDesires(List.of("a higher salary", "recognition for their work")).setTargetMarkets(List.of("US-TX")).build(),
                        AudienceSegment.newBuilder().setSegmentId("true_believer").setName("True believers")
                                .setDescription("Teachers who love the craft").setPainPoints(List.of("burnout"))
                                .setDesires(List.of("growth that counts")).setTargetMarkets(List.of("US-TX")).build()))
                .setKeyMessages(List.of(
                        SegmentMessages.newBuilder().setSegmentId("tia_seeker").setMessages(List.of(
                                "Our coaching walks you through every TIA step in plain language.",
                                "Teachers in our program finish their portfolio weeks earlier.")).build(),
                        SegmentMessages.newBuilder().setSegmentId("true_believer").setMessages(List.of(
                                "Your students' growth deserves to be seen.")).build()))
                .setObjectionHandlers(List.of(
                        ObjectionHandler.newBuilder().setObjection("I don't have time for another program")
                                .setResponse("Each module takes about twenty minutes and fits a planning period.").setSegmentIds(List.of()).build(),
                        ObjectionHandler.newBuilder().setObjection("Is it worth the price?")
                                .setResponse("A TIA designation can add thousands of dollars a year to a salary.").setSegmentIds(List.of("tia_seeker")).build()))
                .setHooks(List.of(
                        hook("h_roi", "What if your TIA designation paid for itself in a month?", HookStatus.WINNING, "roi", "hope"),
                        hook("h_story", "Melissa almost quit teaching in her sixth year", HookStatus.UNTESTED, "story", "trust"),
                        hook("h_paperwork", "Stop drowning in TIA paperwork", HookStatus.TESTING, "feature", "relief"),
                        hook("h_old", "Teachers are leaving, are you next?", HookStatus.RETIRED, "urgency", "fear")))
                .setCallsToAction(List.of(
                        CallToAction.newBuilder().setText("Start your free trial").setUrl("https://melissa.example.com/trial?ref=fb")
                                .setSegmentIds(List.of()).build(),
                        CallToAction.newBuilder().setText("See how it works").setUrl("https://melissa.example.com/how").setSegmentIds(List.of()).build()))
                .setVisualDirection(VisualDirection.newBuilder().setStyle("warm classroom photos").setBrandColors(Map.of())
                        .setImageGuidelines(List.of("real teachers")).setAvoid(List.of("stock smiles")).setPreferredImageCategories(List.of("classroom"))
                        .build())
                .setTone(Tone.newBuilder().setVoice("warm, encouraging, practical").setAttributes(List.of("encouraging", "practical"))
                        .setDos(List.of("speak to teachers as professionals")).setDonts(List.of("guilt trips")).build())
                .setActivatedAt(Instant.now())
                .setActivatedBy("bob")
                .build();
    }

    static Hook hook(String id, String text, HookStatus status, String theme, String emotion) {
        return Hook.newBuilder().setHookId(id).setText(text).setStatus(status).setSegmentIds(List.of()).setTheme(theme).setEmotion(emotion).build();
    }

    public static PlaybookActivated playbookActivated(UUID businessId, UUID playbookId) {
        return PlaybookActivated.newBuilder()
                .setEnvelope(envelope(businessId, null))
                .setPlaybook(playbook(businessId, playbookId))
                .setPreviousPlaybookId(null)
                .build();
    }

    static ThresholdBand band() {
        return ThresholdBand.newBuilder().setCtrMin(0.01).setCtrMax(null).setConversionRateMin(0.02).setConversionRateMax(null)
                .setCpaMinMinor(null).setCpaMaxMinor(5000L).build();
    }

    public static CampaignApproved campaignApproved(UUID businessId, UUID playbookId, UUID campaignId, int perSegment,
                                                    List<String> segments, List<Platform> platforms, List<ContentType> types,
                                                    Map<String, Double> successMetrics) {
        return CampaignApproved.newBuilder()
                .setEnvelope(envelope(businessId, campaignId))
                .setCampaign(Campaign.newBuilder()
                        .setCampaignId(campaignId)
                        .setBusinessId(businessId)
                        .setName("Back to School TIA " + campaignId.toString().substring(0, 8))
                        .setPlaybookId(playbookId)
                        .setPlaybookVersion(1)
                        .setObjective(CampaignObjective.TRIALS)
                        .setTargetSegmentIds(segments)
                        .setTargetMarkets(List.of("US-TX"))
                        .setPlatforms(platforms)
                        .setContentTypes(types)
                        .setHookIds(List.of())
                        .setBudgetDaily(null)
                        .setBudgetTotal(null)
                        .setStartDate(LocalDate.now())
                        .setEndDate(null)
                        .setContentCountPerSegment(perSegment)
                        .setLandingUrl("https://melissa.example.com/tia?src=campaign")
                        .setSuccessMetrics(successMetrics)
                        .setThresholds(PerformanceThresholds.newBuilder().setExceeding(band()).setMeeting(band()).setBelow(band())
                                .setCurrency("USD").setBelowThresholdDays(3).setPersistentFailureDays(7).setMinImpressions(1000).build())
                        .setScoreWeights(ScoreWeights.newBuilder().setConversion(0.4).setEngagement(0.3).setClick(0.2).setCost(0.1).build())
                        .setAutoOptimize(true)
                        .setApprovedBy("alice")
                        .setApprovedAt(Instant.now())
                        .build())
                .build();
    }

    /**
     * A business (slug of the demo tokens) with an active playbook, known to content-service. Returns {businessId, playbookId}.
     * Waits until the business is in scope: its copy comes from another topic than the campaign's events, so a test that
     * lists by the token's businesses right after a batch could otherwise see none (the generation itself waits for the playbook).
     */
    public static UUID[] businessWithPlaybook(String slug) {
        UUID business = UUID.randomUUID();
        UUID playbook = UUID.randomUUID();
        TestKafka.publish(businessCreated(business, slug));
        TestKafka.publish(playbookActivated(business, playbook));
        await().atMost(Support.WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> Support.as(Support.ALICE).queryParam("businessId", business.toString()).get("/api/content").statusCode() == 200);
        return new UUID[]{business, playbook};
    }
}
