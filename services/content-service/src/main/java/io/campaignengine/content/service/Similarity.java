package io.campaignengine.content.service;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Near-duplicate detection: Jaccard similarity of word bigram shingles (plus exact headline matches). */
public final class Similarity {
    private Similarity() {
    }

    /** Pieces at or above this similarity are near-duplicates. */
    public static final double NEAR_DUPLICATE = 0.72;

    public static Set<String> shingles(String text) {
        List<String> w = Text.words(text);
        Set<String> out = new HashSet<>();
        if (w.size() == 1) {
            out.add(w.get(0));
        }
        for (int i = 0; i + 1 < w.size(); i++) {
            out.add(w.get(i) + " " + w.get(i + 1));
        }
        return out;
    }

    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int inter = 0;
        for (String s : a) {
            if (b.contains(s)) {
                inter++;
            }
        }
        return (double) inter / (a.size() + b.size() - inter);
    }

    public static double similarity(String headlineA, String bodyA, String headlineB, String bodyB) {
        if (headlineA.strip().equalsIgnoreCase(headlineB.strip()) && bodyA.strip().equalsIgnoreCase(bodyB.strip())) {
            return 1;
        }
        return jaccard(shingles(headlineA + " " + bodyA), shingles(headlineB + " " + bodyB));
    }
}
