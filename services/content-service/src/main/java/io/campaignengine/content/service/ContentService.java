package io.campaignengine.content.service;

import io.campaignengine.content.domain.CampaignCopy;
import io.campaignengine.content.domain.Content;
import io.campaignengine.content.domain.ContentRevision;
import io.campaignengine.content.domain.GenerationJob;
import io.campaignengine.content.domain.PlatformVariant;
import io.campaignengine.content.domain.PlaybookCopy;
import io.campaignengine.content.events.ContentEvents;
import io.campaignengine.content.repository.BusinessRepository;
import io.campaignengine.content.repository.CampaignRepository;
import io.campaignengine.content.repository.ContentRepository;
import io.campaignengine.content.repository.JobRepository;
import io.campaignengine.content.repository.PageResult;
import io.campaignengine.content.repository.PlaybookRepository;
import io.campaignengine.content.repository.RevisionRepository;
import io.campaignengine.events.content.ImageAssignment;
import io.campaignengine.events.content.RetireReason;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.kit.problem.Conflict;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Content operations of the API and of the consumers; every change with its event, in one transaction. */
@ApplicationScoped
public class ContentService {
    private final ContentRepository contents;
    private final RevisionRepository revisions;
    private final BusinessRepository businesses;
    private final CampaignRepository campaigns;
    private final PlaybookRepository playbooks;
    private final JobRepository jobs;
    private final OutboxWriter outbox;

    public ContentService(ContentRepository contents, RevisionRepository revisions, BusinessRepository businesses, CampaignRepository campaigns,
                          PlaybookRepository playbooks, JobRepository jobs, OutboxWriter outbox) {
        this.contents = contents;
        this.revisions = revisions;
        this.businesses = businesses;
        this.campaigns = campaigns;
        this.playbooks = playbooks;
        this.jobs = jobs;
        this.outbox = outbox;
    }

    // ---------------------------------------------------------------- scope

    /** The business ids the caller may see: the given one (scope-checked), else all of the caller's. */
    public Uni<List<UUID>> scope(CallerContext caller, UUID businessId) {
        if (businessId != null) {
            return caller.requireBusinessIdAsync(businessId, businesses::slugOf).replaceWith(List.of(businessId));
        }
        if (caller.allBusinesses()) {
            return businesses.listAll().map(l -> l.stream().map(b -> b.id).toList());
        }
        return businesses.idsOf(caller.businesses());
    }

    /** A piece the caller may see, else 404 (also for another business's piece). */
    public Uni<Content> visible(CallerContext caller, UUID id, boolean lock) {
        Uni<Content> load = lock ? contents.lock(id) : contents.findById(id);
        return load.onItem().ifNull().failWith(() -> NotFound.of("content", id))
                .call(c -> caller.requireBusinessIdAsync(c.businessId, businesses::slugOf)
                        .onFailure(NotFound.class).transform(e -> NotFound.of("content", id)));
    }

    public Uni<CampaignCopy> visibleCampaign(CallerContext caller, UUID campaignId) {
        return campaigns.findById(campaignId).onItem().ifNull().failWith(() -> NotFound.of("campaign", campaignId))
                .call(c -> caller.requireBusinessIdAsync(c.businessId, businesses::slugOf)
                        .onFailure(NotFound.class).transform(e -> NotFound.of("campaign", campaignId)));
    }

    public Uni<GenerationJob> visibleJob(CallerContext caller, UUID jobId) {
        return jobs.findById(jobId).onItem().ifNull().failWith(() -> NotFound.of("generation job", jobId))
                .call(j -> caller.requireBusinessIdAsync(j.businessId, businesses::slugOf)
                        .onFailure(NotFound.class).transform(e -> NotFound.of("generation job", jobId)));
    }

    // ---------------------------------------------------------------- reads

    public Uni<PageResult<Content>> list(CallerContext caller, UUID businessId, UUID campaignId, String status, String type, String segment,
                                         String hook, UUID parentId, String sort, int page, int size) {
        return scope(caller, businessId).chain(ids -> ids.isEmpty()
                ? Uni.createFrom().item(new PageResult<>(List.<Content>of(), page, size, 0))
                : contents.page(new ContentRepository.Filters(ids, campaignId, status, type, segment, hook, parentId, null), sort, page, size));
    }

    public Uni<List<ContentRevision>> revisions(CallerContext caller, UUID id) {
        return visible(caller, id, false).chain(c -> revisions.of(c.id));
    }

    // ---------------------------------------------------------------- edit, approve, retire

    public record Edit(String headline, String body, String ctaText, String ctaUrl, String note) {
    }

    public Uni<Content> edit(CallerContext caller, UUID id, Edit edit) {
        validate(edit);
        return visible(caller, id, true).chain(c -> {
            if ("posted".equals(c.status) || "retired".equals(c.status)) {
                throw new Conflict("content " + id + " is " + c.status + " and can no longer be edited")
                        .currentStatus(c.status).allowedActions(allowed(c.status));
            }
            ContentRevision r = new ContentRevision();
            r.id = UUID.randomUUID();
            r.contentId = c.id;
            r.revision = c.revision;
            r.headline = c.headline;
            r.body = c.body;
            r.ctaText = c.ctaText;
            r.ctaUrl = c.ctaUrl;
            r.platformVariants = c.platformVariants;
            r.editedBy = caller.userName();
            r.editedAt = Instant.now();
            r.note = edit.note();
            if (edit.headline() != null) {
                c.headline = edit.headline().strip();
            }
            if (edit.body() != null) {
                c.body = edit.body().strip();
            }
            if (edit.ctaText() != null) {
                c.ctaText = edit.ctaText().strip();
            }
            if (edit.ctaUrl() != null) {
                c.ctaUrl = edit.ctaUrl().strip();
                c.trackedUrl = Utm.url(c.ctaUrl, c.utmParams);
            }
            c.platformVariants = rebuildVariants(c);
            c.revision = c.revision + 1;
            c.updatedAt = Instant.now();
            return rescore(c).chain(() -> revisions.persist(r))
                    .chain(() -> "approved".equals(c.status) || "scheduled".equals(c.status)
                            ? outbox.publish(ContentEvents.approved(c)) : Uni.createFrom().voidItem())
                    .replaceWith(c);
        });
    }

    static void validate(Edit e) {
        ValidationProblem p = null;
        if (e.headline() == null && e.body() == null && e.ctaText() == null && e.ctaUrl() == null) {
            throw ValidationProblem.of("headline", "give at least one of headline, body, ctaText, ctaUrl");
        }
        List<String[]> errors = new ArrayList<>();
        if (e.headline() != null && (e.headline().isBlank() || Text.length(e.headline()) > 255)) {
            errors.add(new String[]{"headline", "must be 1..255 characters"});
        }
        if (e.body() != null && e.body().isBlank()) {
            errors.add(new String[]{"body", "must not be blank"});
        }
        if (e.body() != null && Text.length(e.body()) > 10_000) {
            errors.add(new String[]{"body", "must be at most 10,000 characters"});
        }
        if (e.ctaText() != null && (e.ctaText().isBlank() || Text.length(e.ctaText()) > 100)) {
            errors.add(new String[]{"ctaText", "must be 1..100 characters"});
        }
        if (e.ctaUrl() != null && !Utm.isHttpUrl(e.ctaUrl())) {
            errors.add(new String[]{"ctaUrl", "must be an http(s) URL"});
        }
        for (String[] err : errors) {
            p = p == null ? ValidationProblem.of(err[0], err[1]) : p.and(err[0], err[1]);
        }
        if (p != null) {
            throw p;
        }
    }

    /** Platform variants of the edited text, for the same platforms, each with its own UTM link. */
    static Map<String, PlatformVariant> rebuildVariants(Content c) {
        Map<String, PlatformVariant> out = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>(c.themes);
        tags.addAll(c.keywords);
        c.platformVariants.forEach((platform, old) -> {
            String link = null;
            if (c.ctaUrl != null && !c.ctaUrl.isBlank()) {
                Map<String, String> utm = new LinkedHashMap<>(c.utmParams);
                utm.put("source", platform);
                utm.put("medium", Utm.medium(platform, c.type));
                link = Utm.url(c.ctaUrl, utm);
            }
            out.put(platform, PlatformFormatter.variant(platform, c.type, c.headline, c.body, c.ctaText, tags, link));
        });
        return out;
    }

    Uni<Void> rescore(Content c) {
        if (c.campaignId == null || c.hookSource == null) {
            return Uni.createFrom().voidItem();
        }
        return campaigns.findById(c.campaignId)
                .chain(camp -> camp == null ? Uni.createFrom().<PlaybookCopy>nullItem() : playbooks.findById(camp.playbookId))
                .invoke(pb -> {
                    if (pb == null) {
                        return;
                    }
                    var scores = Scorer.score(pb.snapshot, pb.snapshot.hook(c.hookSource), c.headline, c.body, c.ctaText);
                    c.scoreBrandVoice = bd(scores.brandVoice());
                    c.scoreClarity = bd(scores.clarity());
                    c.scoreHookAlignment = bd(scores.hookAlignment());
                    c.scoreOverall = bd(scores.overall());
                    Map<String, Object> meta = new LinkedHashMap<>(c.generationMetadata);
                    meta.put("scores", Map.of(
                            "brandVoice", Map.of("score", scores.brandVoice(), "reasons", scores.brandVoiceReasons()),
                            "clarity", Map.of("score", scores.clarity(), "reasons", scores.clarityReasons()),
                            "hookAlignment", Map.of("score", scores.hookAlignment(), "reasons", scores.hookAlignmentReasons()),
                            "overall", scores.overall()));
                    meta.put("editedAfterGeneration", true);
                    c.generationMetadata = meta;
                }).replaceWithVoid();
    }

    static BigDecimal bd(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    public static List<String> allowed(String status) {
        return switch (status) {
            case "generated" -> List.of("edit", "approve", "retire");
            case "approved", "scheduled" -> List.of("edit", "retire");
            case "paused" -> List.of("edit", "approve", "retire");
            case "posted" -> List.of("retire");
            default -> List.of();
        };
    }

    public Uni<Content> approve(CallerContext caller, UUID id) {
        return visible(caller, id, true).chain(c -> {
            if (!Set.of("generated", "paused").contains(c.status)) {
                throw new Conflict("content " + id + " is " + c.status + ": only generated or paused content can be approved")
                        .currentStatus(c.status).allowedActions(allowed(c.status));
            }
            c.status = "approved";
            c.approvedBy = caller.userName();
            c.approvedAt = Instant.now();
            c.autoApproved = false;
            c.updatedAt = c.approvedAt;
            return outbox.publish(ContentEvents.approved(c)).replaceWith(c);
        });
    }

    public Uni<Content> retire(CallerContext caller, UUID id, String reason) {
        return visible(caller, id, true).chain(c -> {
            if ("retired".equals(c.status)) {
                throw new Conflict("content " + id + " is already retired").currentStatus(c.status).allowedActions(List.of());
            }
            return retire(c, RetireReason.MANUAL, reason, caller.userName(), null).replaceWith(c);
        });
    }

    Uni<Void> retire(Content c, RetireReason reason, String text, String by, UUID decisionId) {
        c.status = "retired";
        c.retiredAt = Instant.now();
        c.retireReason = text;
        c.updatedAt = c.retiredAt;
        return outbox.publish(ContentEvents.retired(c, reason, by, decisionId));
    }

    // ---------------------------------------------------------------- consumers

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ContentService.class);

    /**
     * An event about a piece this service does not have (e.g. another service's test data): nothing to change, and a
     * retry or the DLQ would not make it known either — logged and acknowledged.
     */
    static Uni<Void> unknown(UUID contentId, String what) {
        LOG.warnf("%s for content %s unknown to content-service: ignored", what, contentId);
        return Uni.createFrom().voidItem();
    }

    /** CampaignCompleted: the campaign's content is retired (CAMPAIGN_ENDED). */
    public Uni<Void> retireCampaign(UUID campaignId, String by) {
        if (campaignId == null) {
            return Uni.createFrom().voidItem();
        }
        return contents.ofCampaign(campaignId).chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Content c : list) {
                if (!"retired".equals(c.status)) {
                    chain = chain.chain(() -> retire(c, RetireReason.CAMPAIGN_ENDED, "campaign completed", by, null));
                }
            }
            return chain;
        });
    }

    /** ImageMatched / ImageRequestFulfilled: sets the image and emits ContentImageAssigned (no-op if it is already that image). */
    public Uni<Void> assignImage(UUID contentId, UUID imageId, String url, String thumbnail, String alt, Double score,
                                 ImageAssignment assignment) {
        return contents.lock(contentId).chain(c -> {
            if (c == null) {
                return unknown(contentId, "image assignment");
            }
            if (imageId.equals(c.imageId)) {
                return Uni.createFrom().voidItem();
            }
            UUID previous = c.imageId;
            c.imageId = imageId;
            c.imageUrl = url;
            c.updatedAt = Instant.now();
            return outbox.publish(ContentEvents.imageAssigned(c, previous, thumbnail, alt, score, assignment));
        });
    }

    /** ContentScored (metrics-service, seed 5.4): the piece's performance score, for sorting and the performance route. */
    public Uni<Void> scored(UUID contentId, double score) {
        return contents.lock(contentId).chain(c -> {
            if (c == null) {
                return unknown(contentId, "ContentScored");
            }
            c.performanceScore = BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP);
            c.updatedAt = Instant.now();
            return Uni.createFrom().voidItem();
        });
    }

    /** PostScheduled / PostPublished: scheduled, then posted (posted content can no longer be edited). */
    public Uni<Void> postState(UUID contentId, String status) {
        return contents.lock(contentId).invoke(c -> {
            if (c == null) {
                LOG.warnf("%s for content %s unknown to content-service: ignored", status, contentId);
                return;
            }
            // never back from posted/retired/paused to scheduled; posted wins over scheduled
            boolean apply = "posted".equals(status) ? !Set.of("retired", "posted").contains(c.status)
                    : Set.of("generated", "approved").contains(c.status);
            if (apply) {
                c.status = status;
                c.updatedAt = Instant.now();
            }
        }).replaceWithVoid();
    }

    /** ContentPauseRequested: paused, or retired (UNDERPERFORMING) when the optimizer says so. */
    public Uni<Void> pauseRequested(UUID contentId, boolean retire, String reason, UUID decisionId, String by) {
        return contents.lock(contentId).chain(c -> {
            if (c == null) {
                return unknown(contentId, "pause/retire request");
            }
            if ("retired".equals(c.status)) {
                return Uni.createFrom().voidItem();
            }
            if (retire) {
                return retire(c, RetireReason.UNDERPERFORMING, reason, by, decisionId);
            }
            c.status = "paused";
            c.updatedAt = Instant.now();
            return Uni.createFrom().voidItem();
        });
    }
}
