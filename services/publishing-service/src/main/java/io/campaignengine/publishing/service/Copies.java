package io.campaignengine.publishing.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignengine.events.common.BusinessProfile;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.PlatformVariant;
import io.campaignengine.publishing.domain.Business;
import io.campaignengine.publishing.domain.Campaign;
import io.campaignengine.publishing.domain.Content;
import io.campaignengine.publishing.repository.BusinessRepository;
import io.campaignengine.publishing.repository.CampaignRepository;
import io.campaignengine.publishing.repository.ContentRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** The local copies of other services' data, upserted from their events (inside the consumer's transaction). */
@ApplicationScoped
public class Copies {
    private final BusinessRepository businesses;
    private final CampaignRepository campaigns;
    private final ContentRepository contents;
    private final ObjectMapper mapper;

    public Copies(BusinessRepository businesses, CampaignRepository campaigns, ContentRepository contents, ObjectMapper mapper) {
        this.businesses = businesses;
        this.campaigns = campaigns;
        this.contents = contents;
        this.mapper = mapper;
    }

    public Uni<Business> business(BusinessProfile p) {
        return businesses.findById(p.getBusinessId()).chain(existing -> {
            Business b = existing != null ? existing : new Business();
            b.id = p.getBusinessId();
            b.slug = p.getSlug();
            b.name = p.getName();
            b.timezone = p.getTimezone() == null || p.getTimezone().isBlank() ? "UTC" : p.getTimezone();
            b.currency = p.getCurrency() == null ? "USD" : p.getCurrency();
            b.targetMarkets = String.join(",", p.getTargetMarkets());
            b.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(b) : businesses.persist(b);
        });
    }

    public Uni<Campaign> campaignApproved(io.campaignengine.events.campaign.Campaign s) {
        return campaigns.findById(s.getCampaignId()).chain(existing -> {
            Campaign c = existing != null ? existing : new Campaign();
            c.id = s.getCampaignId();
            c.businessId = s.getBusinessId();
            c.name = s.getName();
            if (existing == null) c.status = Campaign.APPROVED;
            c.objective = s.getObjective().name();
            c.platforms = String.join(",", s.getPlatforms().stream().map(Platform::name).toList());
            c.targetMarkets = String.join(",", s.getTargetMarkets());
            c.budgetDailyMinor = s.getBudgetDaily() == null ? null : s.getBudgetDaily().getAmountMinor();
            c.currency = s.getBudgetDaily() == null ? "USD" : s.getBudgetDaily().getCurrency();
            c.startDate = s.getStartDate();
            c.endDate = s.getEndDate();
            c.landingUrl = s.getLandingUrl();
            c.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(c) : campaigns.persist(c);
        });
    }

    /** Changes a known campaign; null (ignored) when this service never saw it approved. */
    public Uni<Campaign> campaign(UUID id, Consumer<Campaign> change) {
        return campaigns.findById(id).invoke(c -> {
            if (c != null) {
                change.accept(c);
                c.updatedAt = Instant.now();
            }
        });
    }

    public Uni<Content> content(UUID id, UUID campaignId, UUID businessId, Consumer<Content> change) {
        return contents.findById(id).chain(existing -> {
            Content c = existing != null ? existing : new Content();
            c.id = id;
            if (campaignId != null) c.campaignId = campaignId;
            if (businessId != null) c.businessId = businessId;
            change.accept(c);
            c.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(c) : contents.persist(c);
        });
    }

    public String variants(List<PlatformVariant> list) {
        ObjectNode root = mapper.createObjectNode();
        for (PlatformVariant v : list) {
            ObjectNode n = root.putObject(v.getPlatform().name());
            n.put("text", v.getText());
            if (v.getHeadline() != null) n.put("headline", v.getHeadline());
            if (v.getLinkUrl() != null) n.put("linkUrl", v.getLinkUrl());
            var tags = n.putArray("hashtags");
            v.getHashtags().forEach(tags::add);
        }
        return root.toString();
    }
}
