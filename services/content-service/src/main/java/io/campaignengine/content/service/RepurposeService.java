package io.campaignengine.content.service;

import io.campaignengine.content.domain.Content;
import io.campaignengine.content.repository.BusinessRepository;
import io.campaignengine.content.repository.CampaignRepository;
import io.campaignengine.content.repository.ContentRepository;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** POST /api/content/repurpose: the source is stored as long_form content, the repurposed pieces as its children. */
@ApplicationScoped
public class RepurposeService {
    private final ContentRepository contents;
    private final CampaignRepository campaigns;
    private final BusinessRepository businesses;

    public RepurposeService(ContentRepository contents, CampaignRepository campaigns, BusinessRepository businesses) {
        this.contents = contents;
        this.campaigns = campaigns;
        this.businesses = businesses;
    }

    public record Request(UUID businessId, UUID campaignId, String title, String text, String url, List<String> formats) {
    }

    public record Result(Content source, List<Content> children) {
    }

    public Uni<Result> repurpose(CallerContext caller, Request r) {
        List<String> formats = r.formats() == null || r.formats().isEmpty() ? Repurposer.FORMATS : r.formats();
        ValidationProblem p = null;
        for (int i = 0; i < formats.size(); i++) {
            if (!Repurposer.FORMATS.contains(formats.get(i))) {
                p = add(p, "formats[" + i + "]", "must be one of " + String.join(", ", Repurposer.FORMATS));
            }
        }
        if (r.url() != null && !Utm.isHttpUrl(r.url())) {
            p = add(p, "url", "must be an http(s) URL");
        }
        if (Text.words(r.text()).size() < 20) {
            p = add(p, "text", "must have at least 20 words to repurpose");
        }
        if (p != null) {
            throw p;
        }
        return caller.requireBusinessIdAsync(r.businessId(), businesses::slugOf)
                .chain(() -> r.campaignId() == null ? Uni.createFrom().nullItem() : campaigns.findById(r.campaignId()).invoke(c -> {
                    if (c == null || !c.businessId.equals(r.businessId())) {
                        throw ValidationProblem.of("campaignId", "is not a campaign of this business known to content-service");
                    }
                }))
                .chain(campaign -> {
                    String slug = campaign == null ? Text.slug(r.title()) : Text.slug(campaign.name);
                    Instant now = Instant.now();
                    Content source = new Content();
                    source.id = UUID.randomUUID();
                    source.businessId = r.businessId();
                    source.campaignId = r.campaignId();
                    source.type = "long_form";
                    source.format = "source";
                    source.status = "generated";
                    source.headline = Text.shorten(r.title().strip(), 255);
                    source.body = r.text().strip();
                    source.ctaUrl = r.url();
                    source.generationMetadata = Map.of("provider", "repurpose", "model", "extractive-v1", "role", "source");
                    source.createdAt = now;
                    List<Content> children = new ArrayList<>();
                    for (Repurposer.Child ch : Repurposer.repurpose(r.title().strip(), r.text().strip(), r.url(), slug, formats)) {
                        Content c = new Content();
                        c.id = ch.id();
                        c.businessId = r.businessId();
                        c.campaignId = r.campaignId();
                        c.parentId = source.id;
                        c.type = ch.type();
                        c.format = ch.format();
                        c.status = "generated";
                        c.headline = ch.headline();
                        c.body = ch.body();
                        c.ctaText = ch.ctaText();
                        c.ctaUrl = r.url();
                        c.trackedUrl = ch.trackedUrl();
                        c.utmParams = ch.utm();
                        c.platformVariants = Map.of(ch.platform(), ch.variant());
                        c.extra = ch.extra();
                        Map<String, Object> meta = new LinkedHashMap<>();
                        meta.put("provider", "repurpose");
                        meta.put("model", "extractive-v1");
                        meta.put("format", ch.format());
                        c.generationMetadata = meta;
                        c.createdAt = now;
                        children.add(c);
                    }
                    Uni<Void> chain = contents.persist(source).call(() -> contents.flush()).replaceWithVoid();
                    for (Content c : children) {
                        chain = chain.chain(() -> contents.persist(c)).replaceWithVoid();
                    }
                    return chain.replaceWith(new Result(source, children));
                })
                .onFailure(NotFound.class).transform(e -> e);
    }

    static ValidationProblem add(ValidationProblem p, String field, String message) {
        return p == null ? ValidationProblem.of(field, message) : p.and(field, message);
    }
}
