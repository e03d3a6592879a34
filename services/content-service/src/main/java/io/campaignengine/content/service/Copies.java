package io.campaignengine.content.service;

import io.campaignengine.content.domain.CampaignCopy;
import io.campaignengine.content.domain.CampaignSnapshot;
import io.campaignengine.content.domain.PlaybookCopy;
import io.campaignengine.content.domain.PlaybookSnapshot;
import io.campaignengine.content.repository.BusinessRepository;
import io.campaignengine.content.repository.CampaignRepository;
import io.campaignengine.content.repository.PlaybookRepository;
import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.business.BusinessUpdated;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.playbook.PlaybookActivated;
import io.campaignengine.events.playbook.PlaybookArchived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** This service's copies of businesses, active playbooks and approved campaigns (event-carried state transfer). */
@ApplicationScoped
public class Copies {
    /** successMetrics key of CampaignApproved that overrides the auto-approval quality floor. */
    public static final String QUALITY_FLOOR_METRIC = "contentQualityFloor";

    private final BusinessRepository businesses;
    private final PlaybookRepository playbooks;
    private final CampaignRepository campaigns;
    private final int defaultQualityFloor;

    public Copies(BusinessRepository businesses, PlaybookRepository playbooks, CampaignRepository campaigns,
                  @ConfigProperty(name = "campaign-engine.content.quality-floor", defaultValue = "60") int defaultQualityFloor) {
        this.businesses = businesses;
        this.playbooks = playbooks;
        this.campaigns = campaigns;
        this.defaultQualityFloor = defaultQualityFloor;
    }

    public Uni<Void> businessCreated(BusinessCreated e) {
        return businesses.upsert(e.getBusiness().getBusinessId(), e.getBusiness().getSlug(), e.getBusiness().getName()).replaceWithVoid();
    }

    public Uni<Void> businessUpdated(BusinessUpdated e) {
        return businesses.upsert(e.getBusiness().getBusinessId(), e.getBusiness().getSlug(), e.getBusiness().getName()).replaceWithVoid();
    }

    public Uni<PlaybookCopy> playbookActivated(PlaybookActivated e) {
        PlaybookSnapshot s = snapshot(e.getPlaybook());
        return playbooks.findById(s.playbookId()).chain(existing -> {
            PlaybookCopy p = existing == null ? new PlaybookCopy() : existing;
            p.id = s.playbookId();
            p.businessId = s.businessId();
            p.version = s.version();
            p.active = true;
            p.snapshot = s;
            p.activatedAt = e.getPlaybook().getActivatedAt();
            p.updatedAt = Instant.now();
            Uni<PlaybookCopy> saved = existing == null ? playbooks.persist(p) : Uni.createFrom().item(p);
            return saved.call(x -> playbooks.flush()).call(x -> playbooks.deactivateOthers(x.businessId, x.id));
        });
    }

    public Uni<Void> playbookArchived(PlaybookArchived e) {
        return playbooks.findById(e.getPlaybookId()).invoke(p -> {
            if (p != null) {
                p.active = false;
                p.updatedAt = Instant.now();
            }
        }).replaceWithVoid();
    }

    /** Stores (or refreshes) the campaign copy; returns it. */
    public Uni<CampaignCopy> campaignApproved(CampaignApproved e) {
        var c = e.getCampaign();
        CampaignSnapshot s = new CampaignSnapshot(c.getCampaignId(), c.getBusinessId(), c.getName(), c.getPlaybookId(), c.getPlaybookVersion(),
                c.getObjective().name().toLowerCase(Locale.ROOT), List.copyOf(c.getTargetSegmentIds()),
                c.getPlatforms().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).filter(p -> !"unknown".equals(p)).toList(),
                c.getContentTypes().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).filter(t -> !"unknown".equals(t)).toList(),
                List.copyOf(c.getHookIds()), c.getContentCountPerSegment(), c.getLandingUrl(), c.getApprovedBy());
        Double floor = c.getSuccessMetrics() == null ? null : c.getSuccessMetrics().get(QUALITY_FLOOR_METRIC);
        return campaigns.findById(s.campaignId()).chain(existing -> {
            CampaignCopy copy = existing == null ? new CampaignCopy() : existing;
            copy.id = s.campaignId();
            copy.businessId = s.businessId();
            copy.playbookId = s.playbookId();
            copy.playbookVersion = s.playbookVersion();
            copy.name = s.name();
            copy.status = existing == null ? "approved" : existing.status;
            copy.snapshot = s;
            copy.qualityFloor = floor == null ? defaultQualityFloor : (int) Math.round(floor);
            copy.approvedAt = c.getApprovedAt();
            copy.updatedAt = Instant.now();
            return existing == null ? campaigns.persist(copy) : Uni.createFrom().item(copy);
        });
    }

    public Uni<CampaignCopy> campaignStatus(UUID campaignId, String status) {
        return campaigns.findById(campaignId).invoke(c -> {
            if (c != null) {
                c.status = status;
                c.updatedAt = Instant.now();
            }
        });
    }

    static PlaybookSnapshot snapshot(io.campaignengine.events.playbook.Playbook p) {
        Map<String, List<String>> messages = new LinkedHashMap<>();
        p.getKeyMessages().forEach(m -> messages.put(m.getSegmentId(), List.copyOf(m.getMessages())));
        var t = p.getTone();
        var vd = p.getVisualDirection();
        return new PlaybookSnapshot(p.getPlaybookId(), p.getBusinessId(), p.getName(), p.getVersion(), p.getPositioning(), p.getFounderStory(),
                p.getAudienceSegments().stream().map(s -> new PlaybookSnapshot.Segment(s.getSegmentId(), s.getName(), s.getDescription(),
                        List.copyOf(s.getPainPoints()), List.copyOf(s.getDesires()))).toList(),
                messages,
                p.getObjectionHandlers().stream().map(o -> new PlaybookSnapshot.Objection(o.getObjection(), o.getResponse(),
                        List.copyOf(o.getSegmentIds()))).toList(),
                p.getHooks().stream().map(h -> new PlaybookSnapshot.Hook(h.getHookId(), h.getText(), h.getStatus().name().toLowerCase(Locale.ROOT),
                        List.copyOf(h.getSegmentIds()), h.getTheme(), h.getEmotion())).toList(),
                p.getCallsToAction().stream().map(c -> new PlaybookSnapshot.Cta(c.getText(), c.getUrl(), List.copyOf(c.getSegmentIds()))).toList(),
                t == null ? null : new PlaybookSnapshot.Tone(t.getVoice(), List.copyOf(t.getAttributes()), List.copyOf(t.getDos()),
                        List.copyOf(t.getDonts())),
                vd == null ? List.of() : List.copyOf(vd.getImageGuidelines()));
    }
}
