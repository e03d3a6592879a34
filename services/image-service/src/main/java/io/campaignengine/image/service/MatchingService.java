package io.campaignengine.image.service;

import io.campaignengine.image.config.ImageConfig;
import io.campaignengine.image.domain.ContentCopy;
import io.campaignengine.image.domain.Image;
import io.campaignengine.image.domain.ImageRequest;
import io.campaignengine.image.domain.PlaybookCopy;
import io.campaignengine.image.domain.RequestStatus;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.events.EventFactory;
import io.campaignengine.image.repository.ContentRepository;
import io.campaignengine.image.repository.ImageRepository;
import io.campaignengine.image.repository.ImageRequestRepository;
import io.campaignengine.image.repository.PlaybookRepository;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.security.CallerContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ranks a business's library for a piece of content ({@link Matcher}, seed 5.2) and, on ContentGenerated, acts on the
 * result: a top score at or above the threshold → ImageMatched; below (or nothing suits the placement) → an image
 * request with a prompt → ImageRequested. Either event names the content and its campaign, which is what
 * playbook-service's match_images task waits for.
 */
@ApplicationScoped
public class MatchingService {
    private static final Logger LOG = Logger.getLogger(MatchingService.class);

    private final ImageRepository images;
    private final ImageRequestRepository requests;
    private final ContentRepository contents;
    private final PlaybookRepository playbooks;
    private final PromptWriter prompts;
    private final OutboxWriter outbox;
    private final EventFactory events;
    private final Scope scope;
    private final ImageConfig config;
    private final TieBreaker.Similarity similarity;
    private final boolean tieBreaker;
    private final MatchIndexes indexes;
    private final boolean useIndex;

    public MatchingService(ImageRepository images, ImageRequestRepository requests, ContentRepository contents, PlaybookRepository playbooks,
                           PromptWriter prompts, OutboxWriter outbox, EventFactory events, Scope scope, ImageConfig config,
                           EmbeddingSimilarity similarity, MatchIndexes indexes) {
        this.images = images;
        this.requests = requests;
        this.contents = contents;
        this.playbooks = playbooks;
        this.prompts = prompts;
        this.outbox = outbox;
        this.events = events;
        this.scope = scope;
        this.config = config;
        this.similarity = similarity;
        this.tieBreaker = "embedding".equalsIgnoreCase(config.tieBreaker());
        this.indexes = indexes;
        this.useIndex = config.matchIndex();
    }

    /** A ranking with the images it names. */
    public record Ranking(Matcher.Query query, double threshold, List<Matcher.Score> scores, Map<UUID, Image> images, int libraryCount,
                          int suitableCount, int maxUsage) {
        public boolean matched() {
            return !scores.isEmpty() && scores.get(0).total() >= threshold;
        }
    }

    /** Ranks (the images of the top places are loaded in the current session). */
    public Uni<Ranking> rank(UUID businessId, Matcher.Query q, int limit) {
        return rank(businessId, q, null, limit);
    }

    /**
     * As {@link #rank(UUID, Matcher.Query, int)}; with a message {@code text} and the tie-breaker on, images whose scores
     * tie are ordered by how close their alt text/description is to the message (embeddings, on a worker thread).
     */
    public Uni<Ranking> rank(UUID businessId, Matcher.Query q, String text, int limit) {
        return scores(businessId, q, text, limit).chain(r -> finish(q, text, limit, r));
    }

    /**
     * The seed order of the first places: from the business's in-memory index (checked against the library version,
     * reactive pool, no session needed), or — {@code match-index=false} — straight from a projection of the whole
     * library in a session. With a tie-breaker to run, {@link TieBreaker#MAX_GROUP} places more than {@code limit}
     * (all it can reorder into the first {@code limit}).
     */
    Uni<Matcher.Ranked> scores(UUID businessId, Matcher.Query q, String text, int limit) {
        int wanted = breaksTies(text) ? limit + TieBreaker.MAX_GROUP : limit;
        if (useIndex) {
            return indexes.current(businessId).map(index -> index.rank(q, wanted));
        }
        return Panache.withSession(() -> images.candidates(businessId)).map(candidates -> Matcher.rankAll(q, candidates, wanted));
    }

    private boolean breaksTies(String text) {
        return tieBreaker && text != null && !text.isBlank();
    }

    /** Tie-breaker on the first places, then the images of the first {@code limit} loaded (current session). */
    private Uni<Ranking> finish(Matcher.Query q, String text, int limit, Matcher.Ranked ranked) {
        List<Matcher.Score> all = ranked.top();
        List<Matcher.Score> tied = breaksTies(text) ? tieGroups(all, limit) : List.of();
        Uni<List<Matcher.Score>> ordered;
        if (tied.isEmpty()) {
            ordered = Uni.createFrom().item(all.subList(0, Math.min(limit, all.size())));
        } else {
            ordered = images.list("id in ?1", tied.stream().map(Matcher.Score::imageId).toList())
                    .map(list -> list.stream().collect(Collectors.toMap(i -> i.id, i -> TieBreaker.imageText(i.altText, i.description,
                            i.category))))
                    .chain(texts -> Blocking.call(() -> TieBreaker.apply(all, texts, text, similarity, limit)))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("tie-breaker failed (%s); seed order kept", e.toString());
                        return all.subList(0, Math.min(limit, all.size()));
                    });
        }
        return ordered.chain(scores -> {
            Uni<List<Image>> top = scores.isEmpty() ? Uni.createFrom().item(List.<Image>of())
                    : images.list("id in ?1", scores.stream().map(Matcher.Score::imageId).toList());
            return top.map(list -> new Ranking(q, config.matchThreshold(), scores,
                    list.stream().collect(Collectors.toMap(i -> i.id, Function.identity())), ranked.libraryCount(), ranked.suitableCount(),
                    ranked.maxUsage()));
        });
    }

    /** The scores that tie with a neighbour, in the groups that reach into the first {@code limit} places. */
    static List<Matcher.Score> tieGroups(List<Matcher.Score> ranked, int limit) {
        List<Matcher.Score> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < ranked.size() && i < limit) {
            int j = i + 1;
            while (j < ranked.size() && ranked.get(j).total() == ranked.get(i).total()) {
                j++;
            }
            if (j - i > 1) {
                out.addAll(ranked.subList(i, Math.min(j, i + TieBreaker.MAX_GROUP)));
            }
            i = j;
        }
        return out;
    }

    /** The text a content piece is compared with: its headline and hook. */
    static String text(ContentCopy c) {
        return TieBreaker.imageText(c.headline, c.hookText, null);
    }

    // The session is closed while the index is checked (another pool connection): a request never holds two at once.
    public Uni<Ranking> match(CallerContext caller, UUID businessId, Matcher.Query q, String text, int limit) {
        return Panache.withSession(() -> scope.requireBusiness(caller, businessId))
                .chain(() -> scores(businessId, q, text, limit))
                .chain(r -> Panache.withSession(() -> finish(q, text, limit, r)));
    }

    public Uni<Ranking> matchContent(CallerContext caller, UUID contentId, int limit) {
        return Panache.withSession(() -> contents.findById(contentId)
                        .onItem().ifNull().failWith(() -> NotFound.of("content", contentId))
                        .call(c -> scope.require(caller, c.businessId, "content", contentId)))
                .chain(c -> scores(c.businessId, query(c), text(c), limit)
                        .chain(r -> Panache.withSession(() -> finish(query(c), text(c), limit, r))));
    }

    public static Matcher.Query query(ContentCopy c) {
        return new Matcher.Query(c.segmentId, c.emotions, c.themes, c.placements);
    }

    /** ContentGenerated: match or request, in the consumer's transaction (the content row is locked by the caller). */
    public Uni<Void> autoMatch(ContentCopy c) {
        return rank(c.businessId, query(c), text(c), Math.max(1, config.matchCandidates())).chain(r -> {
            if (r.matched()) {
                Matcher.Score top = r.scores().get(0);
                Image best = r.images().get(top.imageId());
                c.imageId = best.id;
                c.assignment = "auto_match";
                c.matchScore = top.total();
                LOG.infof("content %s matched image %s (%.3f >= %.2f)", c.id, best.id, top.total(), r.threshold());
                return outbox.publish(events.matched(c.businessId, c.campaignId, c.id, best, top, r.scores(), r.threshold()));
            }
            return requests.openFor(c.id).chain(open -> {
                if (open != null) {
                    LOG.infof("content %s already has the open image request %s", c.id, open.id);
                    return Uni.createFrom().voidItem();
                }
                Double best = r.scores().isEmpty() ? null : r.scores().get(0).total();
                return playbooks.active(c.businessId).chain(pb -> request(c, pb, best, r.threshold()));
            });
        });
    }

    private Uni<Void> request(ContentCopy c, PlaybookCopy pb, Double bestScore, double threshold) {
        ImageBrief brief = new ImageBrief(c.segmentId, null, c.emotions, c.themes, c.headline, c.body, c.hookText, c.contentType,
                c.placements, pb == null ? null : pb.visualDirection, pb == null ? null : pb.positioning);
        return prompts.write(brief).chain(p -> {
            ImageRequest r = new ImageRequest();
            r.id = UUID.randomUUID();
            r.businessId = c.businessId;
            r.campaignId = c.campaignId;
            r.contentId = c.id;
            r.status = RequestStatus.PENDING;
            r.description = p.description();
            r.suggestedPrompt = p.prompt();
            r.promptSource = p.source();
            r.suggestedTags = new Tags(c.segmentId == null ? List.of() : List.of(c.segmentId), c.emotions, c.themes,
                    pb == null ? List.of() : pb.visualDirection.preferredImageCategories().stream().limit(1).toList());
            r.priority = priority(c.contentType, bestScore, threshold);
            r.aspectRatio = OfflinePromptWriter.aspectRatio(c.placements);
            r.placements = c.placements;
            r.bestMatchScore = bestScore;
            r.threshold = threshold;
            r.requestedAt = Instant.now();
            LOG.infof("content %s: no image scores %.2f (best %s); image request %s", c.id, threshold, bestScore, r.id);
            return requests.persist(r).chain(saved -> outbox.publish(events.requested(saved)));
        });
    }

    /**
     * 1..10: 5, +2 for an ad (money is waiting on it), +1 for a story or reel (fewest library images suit 9:16), +2 when
     * nothing in the library suits at all, +1 when the best is far below the threshold (under half of it).
     */
    public static int priority(String contentType, Double bestScore, double threshold) {
        int p = 5;
        if ("ad".equals(contentType)) {
            p += 2;
        }
        if ("story".equals(contentType) || "reel".equals(contentType)) {
            p += 1;
        }
        if (bestScore == null) {
            p += 2;
        } else if (bestScore < threshold / 2) {
            p += 1;
        }
        return Math.max(1, Math.min(10, p));
    }
}
