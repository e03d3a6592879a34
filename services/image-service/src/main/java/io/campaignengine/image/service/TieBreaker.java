package io.campaignengine.image.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reorders images whose seed 5.2 scores are EQUAL by how close their alt text and description are to the message
 * (issue 5, item 7). It never changes a score, never lets a lower score overtake a higher one, and only looks at the
 * tie groups that reach into the first {@code limit} places. Pure (the similarity is passed in): unit-testable.
 */
public final class TieBreaker {
    /**
     * Images of one tie group that are compared with the message at most. Because of this cap the first {@code limit}
     * places only depend on the first {@code limit + MAX_GROUP} places of the seed order, so matching hands over no more.
     */
    public static final int MAX_GROUP = 50;

    private TieBreaker() {
    }

    /** Similarity of the query to each text, higher = closer (e.g. cosine of sentence embeddings). */
    public interface Similarity {
        double[] scores(String query, List<String> texts);
    }

    public static List<Matcher.Score> apply(List<Matcher.Score> ranked, Map<UUID, String> texts, String query, Similarity similarity,
                                            int limit) {
        if (query == null || query.isBlank() || ranked.size() < 2) {
            return ranked.subList(0, Math.min(limit, ranked.size()));
        }
        List<Matcher.Score> out = new ArrayList<>(ranked.size());
        int i = 0;
        while (i < ranked.size() && out.size() < limit) {
            int j = i + 1;
            while (j < ranked.size() && ranked.get(j).total() == ranked.get(i).total()) {
                j++;
            }
            // at most MAX_GROUP images of a group are compared (embedding cost); the rest keep the seed order behind them
            List<Matcher.Score> group = ranked.subList(i, Math.min(j, i + MAX_GROUP));
            if (group.size() > 1) {
                List<String> groupTexts = group.stream().map(s -> texts.getOrDefault(s.imageId(), "")).toList();
                double[] sim = similarity.scores(query, groupTexts);
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < group.size(); k++) {
                    order.add(k);
                }
                // stable: equal similarity keeps the seed order (less used, newer, id)
                order.sort(Comparator.comparingDouble((Integer k) -> -sim[k]));
                order.forEach(k -> out.add(group.get(k)));
                out.addAll(ranked.subList(i + group.size(), j));
            } else {
                out.addAll(ranked.subList(i, j));
            }
            i = j;
        }
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** The text of an image that the message is compared with. */
    public static String imageText(String altText, String description, String category) {
        StringBuilder b = new StringBuilder();
        for (String s : new String[]{altText, description, category == null ? null : category.replace('_', ' ')}) {
            if (s != null && !s.isBlank()) {
                if (!b.isEmpty()) {
                    b.append(". ");
                }
                b.append(s.trim());
            }
        }
        return b.toString();
    }
}
