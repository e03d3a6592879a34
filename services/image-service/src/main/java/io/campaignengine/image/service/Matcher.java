package io.campaignengine.image.service;

import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.Tags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Seed 5.2, exactly: score = 0.4 segment + 0.3 emotion + 0.2 theme + 0.1 usage balance, each component in [0, 1].
 * <ul>
 *   <li>segment: 1 when the content's segment is among the image's segments, else 0;</li>
 *   <li>emotion, theme: the share of the content's tags the image also has, |content ∩ image| / |content| (0 when the
 *       content names none) — an image is not penalized for carrying more tags than one piece asks for;</li>
 *   <li>usage balance: 1 − usage / max usage in the business's library (1 for every image while nothing is used).</li>
 * </ul>
 * Images that do not suit every placement of the content are left out. Ties: less used first, then newer, then id.
 * Pure arithmetic (no I/O): unit-tested against hand-computed cases.
 */
public final class Matcher {
    public static final double W_SEGMENT = 0.4;
    public static final double W_EMOTION = 0.3;
    public static final double W_THEME = 0.2;
    public static final double W_USAGE = 0.1;

    private Matcher() {
    }

    /** What a piece of content needs. Tags are normalized like image tags. */
    public record Query(String segment, List<String> emotions, List<String> themes, List<Placement> placements) {
        public Query {
            segment = Tags.normalize(segment);
            emotions = Tags.normalize(emotions);
            themes = Tags.normalize(themes);
            placements = placements == null ? List.of() : List.copyOf(placements);
        }
    }

    /** What matching needs to know of a library image. */
    public record Candidate(UUID imageId, Tags tags, int width, int height, int usageCount, long createdAtMillis) {
    }

    public record Score(UUID imageId, double total, double segment, double emotion, double theme, double usageBalance) {
    }

    public static double segment(String segment, List<String> imageSegments) {
        return segment != null && imageSegments.contains(segment) ? 1.0 : 0.0;
    }

    public static double overlap(List<String> wanted, List<String> have) {
        if (wanted.isEmpty()) {
            return 0.0;
        }
        Set<String> h = new HashSet<>(have);
        long common = wanted.stream().filter(h::contains).count();
        return (double) common / wanted.size();
    }

    public static double usageBalance(int usage, int maxUsage) {
        if (maxUsage <= 0) {
            return 1.0;
        }
        return 1.0 - Math.min(1.0, Math.max(0, usage) / (double) maxUsage);
    }

    public static Score score(Query q, Candidate c, int maxUsage) {
        double s = segment(q.segment(), c.tags().segments());
        double e = overlap(q.emotions(), c.tags().emotions());
        double t = overlap(q.themes(), c.tags().themes());
        double u = usageBalance(c.usageCount(), maxUsage);
        return new Score(c.imageId(), total(s, e, t, u), s, e, t, u);
    }

    /** The weighted sum, rounded to 1e-6 so that equal sums compare equal whatever the order of the terms. */
    public static double total(double segment, double emotion, double theme, double usageBalance) {
        return Math.round((W_SEGMENT * segment + W_EMOTION * emotion + W_THEME * theme + W_USAGE * usageBalance) * 1e6) / 1e6;
    }

    /** The first {@code limit} scores of a library, with what the response reports about the whole library. */
    public record Ranked(List<Score> top, int libraryCount, int suitableCount, int maxUsage) {
    }

    /** The straightforward computation: every image scored, fully sorted (the reference the match index is tested against). */
    public static Ranked rankAll(Query q, List<Candidate> library, int limit) {
        int maxUsage = maxUsage(library);
        int suitable = (int) library.stream().filter(c -> suits(q.placements(), c.width(), c.height())).count();
        return new Ranked(rank(q, library, maxUsage, limit), library.size(), suitable, maxUsage);
    }

    public static boolean suits(List<Placement> placements, int width, int height) {
        for (Placement p : placements) {
            if (!p.suits(width, height)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ranked list, best first, at most {@code limit} entries. {@code maxUsage} is the highest usage count in the
     * business's whole library (not only among the candidates that suit the placement).
     */
    public static List<Score> rank(Query q, List<Candidate> library, int maxUsage, int limit) {
        record Scored(Score score, Candidate candidate) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Candidate c : library) {
            if (suits(q.placements(), c.width(), c.height())) {
                scored.add(new Scored(score(q, c, maxUsage), c));
            }
        }
        scored.sort(Comparator.<Scored>comparingDouble(s -> -s.score().total())
                .thenComparingInt(s -> s.candidate().usageCount())
                .thenComparingLong(s -> -s.candidate().createdAtMillis())
                .thenComparing(s -> s.candidate().imageId()));
        return scored.stream().limit(Math.max(0, limit)).map(Scored::score).toList();
    }

    public static int maxUsage(List<Candidate> library) {
        return library.stream().mapToInt(Candidate::usageCount).max().orElse(0);
    }
}
