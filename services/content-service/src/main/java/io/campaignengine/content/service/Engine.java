package io.campaignengine.content.service;

import io.campaignengine.content.domain.CampaignSnapshot;
import io.campaignengine.content.domain.PlatformVariant;
import io.campaignengine.content.domain.PlaybookSnapshot;
import io.campaignengine.content.domain.Scores;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Seed 5.1 steps 2-5 and 8 for one batch, without I/O: choose hooks (untried first, then proven ones), ask the
 * provider for N variations per segment, validate, score, drop duplicates and near-duplicates, tag, build platform
 * variants and UTM links. Steps 6-7 (images) belong to image-service, which reacts to ContentGenerated; step 9
 * (storing) is the caller's, in one transaction with the events.
 */
public final class Engine {
    /** Top-up rounds when duplicates or invalid drafts leave a segment short. */
    static final int TOP_UP_ROUNDS = 2;

    public record Input(PlaybookSnapshot playbook, CampaignSnapshot campaign, List<String> segments, List<String> requestedHooks,
                        int countPerSegment, long seed, String guidance, List<String[]> existing, Set<String> triedHooks) {
    }

    public record Piece(UUID id, String segment, PlaybookSnapshot.Hook hook, String contentType, Draft draft, Scores scores,
                        Tagger.Tags tags, Map<String, PlatformVariant> variants, Map<String, String> utm, String ctaUrl, String trackedUrl,
                        int variationIndex, String provider, String model, Double temperature, long inputTokens, long outputTokens) {
    }

    public record Rejection(String segment, String hookId, String reason, String detail) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("segment", segment);
            m.put("hookId", hookId);
            m.put("reason", reason);
            m.put("detail", detail);
            return m;
        }
    }

    public record Output(List<Piece> pieces, List<Rejection> rejections, int failed, long inputTokens, long outputTokens,
                         List<String> errors) {
    }

    private final VariationProvider provider;

    public Engine(VariationProvider provider) {
        this.provider = provider;
    }

    public Output run(Input in) {
        List<Piece> pieces = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String[]> seen = new ArrayList<>(in.existing());
        long inTok = 0;
        long outTok = 0;
        int failed = 0;
        CampaignSnapshot c = in.campaign();
        List<String> types = c.contentTypes().isEmpty() ? List.of("organic_post") : c.contentTypes();
        for (String segment : in.segments()) {
            List<PlaybookSnapshot.Hook> hooks = chooseHooks(in.playbook(), c.hookIds(), in.requestedHooks(), segment, in.triedHooks());
            if (hooks.isEmpty()) {
                errors.add("segment " + segment + ": the playbook has no usable hook for it");
                failed += in.countPerSegment();
                continue;
            }
            int accepted = 0;
            int nextIndex = 0;
            boolean providerFailed = false;
            // top-up rounds replace duplicates and invalid drafts; after a provider failure (retries spent) the segment stops
            for (int round = 0; round <= TOP_UP_ROUNDS && accepted < in.countPerSegment() && !providerFailed; round++) {
                int missing = in.countPerSegment() - accepted;
                // slot i -> hook i % hooks, type i % types; one provider call per (hook, type)
                Map<String, List<Integer>> groups = new LinkedHashMap<>();
                for (int k = 0; k < missing; k++) {
                    int i = nextIndex + k;
                    PlaybookSnapshot.Hook h = hooks.get(i % hooks.size());
                    String type = types.get((i / hooks.size()) % types.size());
                    groups.computeIfAbsent(h.id() + "\u0000" + type, x -> new ArrayList<>()).add(i);
                }
                nextIndex += missing;
                for (var g : groups.entrySet()) {
                    String[] key = g.getKey().split("\u0000");
                    PlaybookSnapshot.Hook hook = in.playbook().hook(key[0]);
                    String type = key[1];
                    List<Integer> indexes = g.getValue();
                    GenerationRequest req = new GenerationRequest(in.playbook(), c.name(), c.objective(), segment, hook, type,
                            indexes.size(), indexes.get(0) * 7 + round * 1000, in.seed(), in.guidance());
                    ProviderResult result;
                    try {
                        result = provider.generate(req);
                    } catch (MalformedOutputException e) {
                        inTok += e.inputTokens;
                        outTok += e.outputTokens;
                        failed += indexes.size();
                        rejections.add(new Rejection(segment, hook.id(), "malformed_output", e.getMessage()));
                        errors.add("segment " + segment + ", hook " + hook.id() + ": " + e.getMessage());
                        providerFailed = true;
                        continue;
                    } catch (BudgetExceededException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        failed += indexes.size();
                        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        rejections.add(new Rejection(segment, hook.id(), "provider_error", msg));
                        errors.add("segment " + segment + ", hook " + hook.id() + ": " + msg);
                        providerFailed = true;
                        continue;
                    }
                    inTok += result.inputTokens();
                    outTok += result.outputTokens();
                    int n = 0;
                    for (Draft d : result.drafts()) {
                        int variationIndex = indexes.get(Math.min(n, indexes.size() - 1));
                        n++;
                        if (accepted >= in.countPerSegment()) {
                            break;
                        }
                        String invalid = DraftValidator.problem(d);
                        if (invalid != null) {
                            rejections.add(new Rejection(segment, hook.id(), "invalid", invalid));
                            continue;
                        }
                        String[] dup = nearDuplicate(d, seen);
                        if (dup != null) {
                            rejections.add(new Rejection(segment, hook.id(), "near_duplicate",
                                    "too similar to \"" + dup[0] + "\""));
                            continue;
                        }
                        seen.add(new String[]{d.headline(), d.body()});
                        long share = result.drafts().isEmpty() ? 0 : result.drafts().size();
                        pieces.add(piece(in, segment, hook, type, d, variationIndex, result,
                                share == 0 ? 0 : result.inputTokens() / share, share == 0 ? 0 : result.outputTokens() / share));
                        accepted++;
                    }
                }
            }
        }
        return new Output(pieces, rejections, failed, inTok, outTok, errors);
    }

    Piece piece(Input in, String segment, PlaybookSnapshot.Hook hook, String type, Draft d, int index, ProviderResult r, long inTok,
                long outTok) {
        UUID id = UUID.randomUUID();
        CampaignSnapshot c = in.campaign();
        Scores scores = Scorer.score(in.playbook(), hook, d.headline(), d.body(), d.ctaText());
        Tagger.Tags tags = Tagger.tag(segment, hook, d.headline(), d.body(), d.emotions(), d.themes());
        String base = baseUrl(in.playbook(), c, segment);
        String campaignSlug = Text.slug(c.name());
        List<String> platforms = c.platforms().isEmpty() ? List.of("facebook") : c.platforms();
        Map<String, PlatformVariant> variants = new LinkedHashMap<>();
        List<String> hashtagCandidates = new ArrayList<>(tags.themes());
        hashtagCandidates.addAll(tags.keywords());
        for (String platform : platforms) {
            String p = platform.toLowerCase(Locale.ROOT);
            Map<String, String> utm = Utm.params(p, Utm.medium(p, type), campaignSlug, id.toString());
            String link = base == null ? null : Utm.url(base, utm);
            variants.put(p, PlatformFormatter.variant(p, type, d.headline(), d.body(), d.ctaText(), hashtagCandidates, link));
        }
        String first = platforms.get(0).toLowerCase(Locale.ROOT);
        Map<String, String> utm = Utm.params(first, Utm.medium(first, type), campaignSlug, id.toString());
        String tracked = base == null ? null : Utm.url(base, utm);
        return new Piece(id, segment, hook, type, d, scores, tags, variants, utm, base, tracked, index, r.provider(), r.model(),
                r.temperature(), inTok, outTok);
    }

    static String baseUrl(PlaybookSnapshot p, CampaignSnapshot c, String segment) {
        if (c.landingUrl() != null && Utm.isHttpUrl(c.landingUrl())) {
            return c.landingUrl().strip();
        }
        return p.ctasFor(segment).stream().map(PlaybookSnapshot.Cta::url).filter(u -> u != null && Utm.isHttpUrl(u)).findFirst()
                .orElse(null);
    }

    static String[] nearDuplicate(Draft d, List<String[]> seen) {
        for (String[] s : seen) {
            if (Similarity.similarity(d.headline(), d.body(), s[0], s[1]) >= Similarity.NEAR_DUPLICATE) {
                return s;
            }
        }
        return null;
    }

    /**
     * Hooks to test for a segment, best first: the requested ones (else the campaign's, else all applicable), never
     * retired or losing ones unless explicitly requested; untried first (untested and not yet used by this campaign),
     * then winning, then testing, then the rest, in playbook order within each group.
     */
    public static List<PlaybookSnapshot.Hook> chooseHooks(PlaybookSnapshot p, List<String> campaignHooks, List<String> requested,
                                                          String segment, Set<String> tried) {
        boolean explicit = requested != null && !requested.isEmpty();
        List<String> ids = explicit ? requested : campaignHooks;
        List<PlaybookSnapshot.Hook> candidates = new ArrayList<>();
        for (PlaybookSnapshot.Hook h : p.hooks()) {
            boolean listed = ids == null || ids.isEmpty() || ids.contains(h.id());
            if (!listed) {
                continue;
            }
            if (!explicit && ("retired".equals(h.status()) || "losing".equals(h.status()))) {
                continue;
            }
            if (!explicit && (ids == null || ids.isEmpty()) && !h.appliesTo(segment)) {
                continue;
            }
            candidates.add(h);
        }
        List<PlaybookSnapshot.Hook> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparingInt(h -> rank(h, tried)));
        return ordered;
    }

    static int rank(PlaybookSnapshot.Hook h, Set<String> tried) {
        boolean untried = !tried.contains(h.id()) && ("untested".equals(h.status()) || "unknown".equals(h.status()) || h.status() == null);
        if (untried) {
            return 0;
        }
        return switch (h.status() == null ? "" : h.status()) {
            case "winning" -> 1;
            case "testing" -> 2;
            case "untested", "unknown" -> 3;
            default -> 4;
        };
    }
}
