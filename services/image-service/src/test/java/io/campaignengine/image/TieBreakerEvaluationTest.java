package io.campaignengine.image;

import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.service.EmbeddingSimilarity;
import io.campaignengine.image.service.Matcher;
import io.campaignengine.image.service.TieBreaker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5 item 7, measured: on a labelled set (messages → the image a person would pick), how often is the top match
 * the right one with the seed 5.2 order alone (ties: less used, newer, id) and with the embedding tie-breaker?
 * Images within a group carry identical tags, so seed scores tie and only the texts can tell them apart.
 */
class TieBreakerEvaluationTest {
    record Img(String key, String group, String altText) {
    }

    record Labelled(String group, String message, String expected) {
    }

    static final Map<String, Tags> GROUP_TAGS = Map.of(
            "A", new Tags(List.of("tia_seeker"), List.of("achievement"), List.of("roi"), List.of()),
            "B", new Tags(List.of("lot_owner"), List.of("confidence"), List.of("feature"), List.of()),
            "C", new Tags(List.of("true_believer"), List.of("relief"), List.of("story"), List.of()),
            "D", new Tags(List.of("relocating_family"), List.of("belonging"), List.of("story"), List.of()));

    static final List<Img> LIBRARY = List.of(
            new Img("a1", "A", "Teacher holding a framed TIA designation certificate in her classroom"),
            new Img("a2", "A", "Stack of dollar bills next to a teacher's paycheck stub"),
            new Img("a3", "A", "Teacher celebrating with colleagues at a school awards ceremony"),
            new Img("a4", "A", "Laptop screen showing a student growth chart dashboard"),
            new Img("b1", "B", "Empty rural lot with a survey stake at sunset in the Texas Hill Country"),
            new Img("b2", "B", "Construction crew framing the walls of a new custom home"),
            new Img("b3", "B", "Family relaxing on the porch of a finished farmhouse"),
            new Img("b4", "B", "Architect's blueprint of a floor plan spread on a table"),
            new Img("c1", "C", "Tired teacher grading papers late at night at the kitchen table"),
            new Img("c2", "C", "Smiling teacher walking out of school in the afternoon with her bag"),
            new Img("c3", "C", "Two teachers chatting over coffee in the staff lounge"),
            new Img("d1", "D", "Kids playing soccer in a green suburban park"),
            new Img("d2", "D", "Moving boxes in front of a new house with a sold sign"),
            new Img("d3", "D", "Neighbors laughing together at a backyard barbecue"));

    static final List<Labelled> SET = List.of(
            new Labelled("A", "Your TIA designation certificate could be on your wall this spring", "a1"),
            new Labelled("A", "Earn up to $12,000 more per year on your teacher paycheck", "a2"),
            new Labelled("A", "Join the teachers honored at this year's district awards night", "a3"),
            new Labelled("A", "See every student's growth on one dashboard", "a4"),
            new Labelled("A", "The raise you deserve: designation stipends explained", "a2"),
            new Labelled("A", "Frame it: the certificate that proves your impact", "a1"),
            new Labelled("B", "Own land? We build your home on your lot", "b1"),
            new Labelled("B", "Watch your custom home go up, wall by wall", "b2"),
            new Labelled("B", "The porch you have been dreaming of, built in six months", "b3"),
            new Labelled("B", "Design your own floor plan with our architects", "b4"),
            new Labelled("B", "Your acreage is ready for a house", "b1"),
            new Labelled("C", "Grading at midnight again?", "c1"),
            new Labelled("C", "Leave school on time, every single day", "c2"),
            new Labelled("C", "What teachers are telling each other in the lounge", "c3"),
            new Labelled("D", "Moving to Texas? Your new house is waiting", "d2"),
            new Labelled("D", "Parks and soccer fields minutes from your door", "d1"),
            new Labelled("D", "Meet your neighbors before you move in", "d3"));

    static final Map<String, UUID> IDS = new HashMap<>();
    static final Map<UUID, String> TEXTS = new HashMap<>();
    static final List<Matcher.Candidate> CANDIDATES = new ArrayList<>();
    static EmbeddingSimilarity similarity;

    @BeforeAll
    static void library() {
        for (Img i : LIBRARY) {
            UUID id = UUID.nameUUIDFromBytes(i.key().getBytes());
            IDS.put(i.key(), id);
            TEXTS.put(id, TieBreaker.imageText(i.altText(), null, null));
            CANDIDATES.add(new Matcher.Candidate(id, GROUP_TAGS.get(i.group()), 1080, 1080, 0, 0));
        }
        similarity = new EmbeddingSimilarity();
        similarity.scores("warm-up", List.of("loads the model")); // timing below is per query, not the model load
    }

    String key(UUID id) {
        return IDS.entrySet().stream().filter(e -> e.getValue().equals(id)).findFirst().orElseThrow().getKey();
    }

    @Test
    void tieBreakerImprovesTopOneOnTheLabelledSet() {
        int seedHits = 0;
        int tieHits = 0;
        long started = System.nanoTime();
        for (Labelled l : SET) {
            Tags t = GROUP_TAGS.get(l.group());
            var q = new Matcher.Query(t.segments().get(0), t.emotions(), t.themes(), List.of());
            List<Matcher.Score> ranked = Matcher.rank(q, CANDIDATES, 0, CANDIDATES.size());
            // the seed score finds the group: its images tie at 1.0, everything else scores less
            assertEquals(1.0, ranked.get(0).total(), 1e-9);
            String seedTop = key(ranked.get(0).imageId());
            String tieTop = key(TieBreaker.apply(ranked, TEXTS, l.message(), similarity, 10).get(0).imageId());
            seedHits += seedTop.equals(l.expected()) ? 1 : 0;
            tieHits += tieTop.equals(l.expected()) ? 1 : 0;
        }
        double ms = (System.nanoTime() - started) / 1e6 / SET.size();
        System.out.printf("tie-breaker evaluation: %d labelled messages, top-1 seed order %d/%d (%.0f%%), with embeddings %d/%d (%.0f%%),"
                        + " %.1f ms per query%n", SET.size(), seedHits, SET.size(), 100.0 * seedHits / SET.size(), tieHits, SET.size(),
                100.0 * tieHits / SET.size(), ms);
        // the decision of issue 5 item 7: keep the tie-breaker only if it beats the seed order
        assertTrue(tieHits > seedHits, "tie-breaker " + tieHits + " vs seed " + seedHits);
    }

    @Test
    void tiesOnlyNeverAcrossScores() {
        UUID hi = UUID.randomUUID();
        UUID tieA = UUID.randomUUID();
        UUID tieB = UUID.randomUUID();
        UUID low = UUID.randomUUID();
        var ranked = List.of(new Matcher.Score(hi, 0.9, 1, 1, 1, 1), new Matcher.Score(tieA, 0.5, 1, 0, 0, 1),
                new Matcher.Score(tieB, 0.5, 1, 0, 0, 1), new Matcher.Score(low, 0.4, 1, 0, 0, 0));
        // a similarity that loves "low" and "tieB": low must stay last, tieB goes before tieA
        TieBreaker.Similarity fake = (q, texts) -> texts.stream().mapToDouble(s -> s.equals("B") || s.equals("LOW") ? 1 : 0).toArray();
        var out = TieBreaker.apply(ranked, Map.of(hi, "H", tieA, "A", tieB, "B", low, "LOW"), "q", fake, 10);
        assertEquals(List.of(hi, tieB, tieA, low), out.stream().map(Matcher.Score::imageId).toList());
        assertEquals(List.of(hi, tieB), TieBreaker.apply(ranked, Map.of(tieB, "B"), "q", fake, 2).stream().map(Matcher.Score::imageId).toList());
        // no message: the seed order
        assertEquals(ranked.subList(0, 3), TieBreaker.apply(ranked, Map.of(), null, fake, 3));
    }
}
