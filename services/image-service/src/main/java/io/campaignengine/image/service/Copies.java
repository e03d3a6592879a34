package io.campaignengine.image.service;

import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.PlatformVariant;
import io.campaignengine.events.content.ContentGenerated;
import io.campaignengine.events.content.ContentImageAssigned;
import io.campaignengine.events.content.ContentRetired;
import io.campaignengine.events.playbook.Hook;
import io.campaignengine.events.playbook.Playbook;
import io.campaignengine.events.playbook.PlaybookActivated;
import io.campaignengine.events.playbook.PlaybookArchived;
import io.campaignengine.events.publishing.PostPublished;
import io.campaignengine.events.publishing.PostScheduled;
import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.PlaybookCopy;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.domain.VisualDirection;
import io.campaignengine.image.repository.BusinessRepository;
import io.campaignengine.image.repository.ContentRepository;
import io.campaignengine.image.repository.ImageRepository;
import io.campaignengine.image.repository.PlaybookRepository;
import io.campaignengine.events.common.BusinessProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the local copies other services' events carry (all inside the idempotent consumer's transaction).
 */
@ApplicationScoped
public class Copies {
    private final BusinessRepository businesses;
    private final PlaybookRepository playbooks;
    private final ContentRepository contents;
    private final ImageRepository images;
    private final MatchingService matching;

    public Copies(BusinessRepository businesses, PlaybookRepository playbooks, ContentRepository contents, ImageRepository images,
                  MatchingService matching) {
        this.businesses = businesses;
        this.playbooks = playbooks;
        this.contents = contents;
        this.images = images;
        this.matching = matching;
    }

    public Uni<Void> business(BusinessProfile b) {
        return businesses.upsert(b.getBusinessId(), b.getSlug(), b.getName());
    }

    public Uni<Void> playbookActivated(PlaybookActivated e) {
        Playbook p = e.getPlaybook();
        UUID businessId = p.getBusinessId();
        return playbooks.findById(businessId).chain(existing -> {
            // an older activation delivered late must not replace a newer playbook
            if (existing != null && existing.activatedAt != null && p.getActivatedAt() != null
                    && existing.activatedAt.isAfter(p.getActivatedAt())) {
                return Uni.createFrom().voidItem();
            }
            PlaybookCopy c = existing != null ? existing : new PlaybookCopy();
            c.businessId = businessId;
            c.playbookId = p.getPlaybookId();
            c.version = p.getVersion();
            c.name = p.getName();
            c.positioning = p.getPositioning();
            c.segments = Tags.normalize(p.getAudienceSegments().stream().map(s -> s.getSegmentId()).toList());
            c.emotions = Tags.normalize(p.getHooks().stream().map(Hook::getEmotion).filter(Objects::nonNull).toList());
            c.themes = Tags.normalize(p.getHooks().stream().map(Hook::getTheme).filter(Objects::nonNull).toList());
            var v = p.getVisualDirection();
            c.categories = v == null ? List.of() : Tags.normalize(v.getPreferredImageCategories());
            c.visualDirection = v == null ? VisualDirection.EMPTY
                    : new VisualDirection(v.getStyle(), v.getBrandColors(), v.getImageGuidelines(), v.getAvoid(), v.getPreferredImageCategories());
            c.activatedAt = p.getActivatedAt();
            c.archivedAt = null;
            return existing != null ? Uni.createFrom().voidItem() : playbooks.persist(c).replaceWithVoid();
        });
    }

    public Uni<Void> playbookArchived(UUID businessId, PlaybookArchived e) {
        return playbooks.findById(businessId).invoke(c -> {
            if (c != null && c.playbookId.equals(e.getPlaybookId()) && e.getSupersededBy() == null) {
                c.archivedAt = e.getArchivedAt() == null ? Instant.now() : e.getArchivedAt();
            }
        }).replaceWithVoid();
    }

    /** Copies the piece, then matches it (ImageMatched or ImageRequested). */
    public Uni<Void> contentGenerated(UUID businessId, UUID campaignId, ContentGenerated e) {
        return contents.ensure(e.getContentId(), businessId, campaignId).chain(c -> {
            c.campaignId = campaignId != null ? campaignId : c.campaignId;
            c.contentType = e.getContentType() == null ? null : e.getContentType().name().toLowerCase(Locale.ROOT);
            c.segmentId = Tags.normalize(e.getSegmentId());
            c.emotions = Tags.normalize(e.getEmotions());
            c.themes = Tags.normalize(e.getThemes());
            c.placements = placements(e.getContentType(), e.getPlatformVariants());
            c.headline = e.getHeadline();
            c.body = e.getBody();
            c.hookText = e.getHookText();
            c.generatedAt = e.getEnvelope().getOccurredAt();
            return matching.autoMatch(c);
        });
    }

    /**
     * Where the piece will be shown: a story or reel needs 9:16; otherwise each platform variant's feed (the variant's
     * own aspect ratio when it names 9:16). No placement (email, landing page...) = no filter.
     */
    public static List<Placement> placements(ContentType type, List<PlatformVariant> variants) {
        Set<Placement> out = new LinkedHashSet<>();
        if (type == ContentType.STORY || type == ContentType.REEL) {
            out.add(Placement.STORY);
            return List.copyOf(out);
        }
        if (type == ContentType.EMAIL || type == ContentType.LANDING_PAGE || type == ContentType.VIDEO_SCRIPT) {
            return List.of();
        }
        for (PlatformVariant v : variants == null ? List.<PlatformVariant>of() : variants) {
            if ("9:16".equals(v.getAspectRatio())) {
                out.add(Placement.STORY);
            } else if (v.getPlatform() == Platform.FACEBOOK) {
                out.add(Placement.FACEBOOK_FEED);
            } else if (v.getPlatform() == Platform.INSTAGRAM) {
                out.add(Placement.INSTAGRAM_FEED);
            }
        }
        return new ArrayList<>(out);
    }

    public Uni<Void> imageAssigned(UUID businessId, UUID campaignId, ContentImageAssigned e) {
        return contents.ensure(e.getContentId(), businessId, campaignId).invoke(c -> {
            c.imageId = e.getImageId();
            c.assignment = e.getAssignment() == null ? null : e.getAssignment().name().toLowerCase(Locale.ROOT);
            if (e.getMatchScore() != null) {
                c.matchScore = e.getMatchScore();
            }
        }).replaceWithVoid();
    }

    public Uni<Void> retired(UUID businessId, UUID campaignId, ContentRetired e) {
        return contents.ensure(e.getContentId(), businessId, campaignId).invoke(c -> c.retiredAt = e.getRetiredAt() != null ? e.getRetiredAt() : e.getEnvelope().getOccurredAt())
                .replaceWithVoid();
    }

    public Uni<Void> scheduled(UUID businessId, UUID campaignId, PostScheduled e) {
        return contents.ensure(e.getContentId(), businessId, campaignId).invoke(c -> {
            if (c.scheduledAt == null) {
                c.scheduledAt = e.getEnvelope().getOccurredAt();
            }
        }).replaceWithVoid();
    }

    /** A post went live: the content is posted, and the image it uses has one more use (usage balance, seed 5.2). */
    public Uni<Void> published(UUID businessId, UUID campaignId, PostPublished e) {
        return contents.ensure(e.getContentId(), businessId, campaignId).chain(c -> {
            c.publishedAt = e.getPublishedAt() == null ? Instant.now() : e.getPublishedAt();
            c.posts = c.posts + 1;
            return c.imageId == null ? Uni.createFrom().voidItem() : images.incrementUsage(c.imageId).replaceWithVoid();
        });
    }
}
