package io.campaignengine.image;

import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.service.Matcher;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 5.2 arithmetic against hand-computed cases. */
class MatcherTest {
    static final double EPS = 1e-9;

    static Matcher.Candidate img(String id, List<String> seg, List<String> emo, List<String> themes, int w, int h, int usage) {
        return new Matcher.Candidate(UUID.nameUUIDFromBytes(id.getBytes()), new Tags(seg, emo, themes, List.of()), w, h, usage, 0);
    }

    @Test
    void fullMatchUnusedLibraryScoresOne() {
        var q = new Matcher.Query("tia_seeker", List.of("achievement"), List.of("roi"), List.of());
        var s = Matcher.score(q, img("a", List.of("tia_seeker"), List.of("achievement"), List.of("roi"), 1080, 1080, 0), 0);
        // 0.4*1 + 0.3*1 + 0.2*1 + 0.1*1 (max usage 0: every image balanced)
        assertEquals(1.0, s.total(), EPS);
        assertEquals(1.0, s.segment(), EPS);
        assertEquals(1.0, s.usageBalance(), EPS);
    }

    @Test
    void partialOverlapsAndUsage() {
        // content: segment tia_seeker, emotions [achievement, relief], themes [roi, story, feature]
        var q = new Matcher.Query("TIA_Seeker ", List.of("achievement", "relief"), List.of("roi", "story", "feature"), List.of());
        // image: segments [true_believer, tia_seeker], emotions [relief, connection], themes [roi], used 3 of max 4
        var c = img("b", List.of("true_believer", "tia_seeker"), List.of("relief", "connection"), List.of("roi"), 1080, 1080, 3);
        var s = Matcher.score(q, c, 4);
        assertEquals(1.0, s.segment(), EPS);        // normalized: "TIA_Seeker " -> tia_seeker
        assertEquals(0.5, s.emotion(), EPS);        // 1 of 2 content emotions
        assertEquals(1.0 / 3.0, s.theme(), EPS);    // 1 of 3 content themes
        assertEquals(0.25, s.usageBalance(), EPS);  // 1 - 3/4
        // 0.4 + 0.15 + 0.0666667 + 0.025 = 0.6416667 (rounded to 1e-6)
        assertEquals(0.641667, s.total(), EPS);
    }

    @Test
    void wrongSegmentNoTagsMostUsed() {
        var q = new Matcher.Query("campus_leader", List.of("belonging"), List.of("social_proof"), List.of());
        var s = Matcher.score(q, img("c", List.of("tia_seeker"), List.of(), List.of(), 1080, 1080, 10), 10);
        assertEquals(0.0, s.total(), EPS);
        // content without emotions/themes: those components are 0, never NaN
        var empty = new Matcher.Query(null, List.of(), List.of(), List.of());
        var e = Matcher.score(empty, img("d", List.of("x"), List.of("y"), List.of("z"), 10, 10, 5), 10);
        assertEquals(0.1 * 0.5, e.total(), EPS);
    }

    @Test
    void rankingOrderThresholdAndPlacementFilter() {
        var q = new Matcher.Query("tia_seeker", List.of("achievement"), List.of("roi"), List.of(Placement.INSTAGRAM_FEED));
        var square = img("square", List.of("tia_seeker"), List.of("achievement"), List.of(), 1080, 1080, 2);     // .4+.3+0+.1*(1-2/4)=.75
        var portrait = img("portrait", List.of("tia_seeker"), List.of(), List.of("roi"), 1080, 1350, 0);        // .4+0+.2+.1=.7
        var landscape = img("landscape", List.of("tia_seeker"), List.of("achievement"), List.of("roi"), 1200, 628, 0); // 1.91:1: not IG
        var busy = img("busy", List.of(), List.of("achievement"), List.of("roi"), 1080, 1080, 4);               // 0+.3+.2+0=.5
        var library = List.of(busy, landscape, portrait, square);
        int max = Matcher.maxUsage(library);
        assertEquals(4, max);
        var ranked = Matcher.rank(q, library, max, 10);
        assertEquals(List.of(square.imageId(), portrait.imageId(), busy.imageId()), ranked.stream().map(Matcher.Score::imageId).toList());
        assertEquals(0.75, ranked.get(0).total(), EPS);
        assertEquals(0.7, ranked.get(1).total(), EPS);
        assertEquals(0.5, ranked.get(2).total(), EPS);
        assertEquals(2, Matcher.rank(q, library, max, 2).size());
    }

    @Test
    void tiesGoToTheLessUsedImage() {
        var q = new Matcher.Query("s", List.of(), List.of(), List.of());
        // a: .4 + .1*(1-0/2) = .5 ; b: .4 + .1*(1-2/2)=.4 ; c: no segment, unused: .1
        var a = img("a", List.of("s"), List.of(), List.of(), 800, 800, 0);
        var b = img("b", List.of("s"), List.of(), List.of(), 800, 800, 2);
        var ranked = Matcher.rank(q, List.of(b, a), 2, 5);
        assertEquals(a.imageId(), ranked.get(0).imageId());
        assertEquals(0.5, ranked.get(0).total(), EPS);
        assertEquals(0.4, ranked.get(1).total(), EPS);
    }

    @Test
    void placements() {
        assertTrue(Placement.FACEBOOK_FEED.suits(1200, 628));   // 1.91:1
        assertTrue(Placement.FACEBOOK_FEED.suits(1080, 1350));  // 4:5
        assertTrue(Placement.FACEBOOK_FEED.suits(1080, 1080));
        assertFalse(Placement.FACEBOOK_FEED.suits(1080, 1920)); // 9:16 too tall for the feed
        assertFalse(Placement.FACEBOOK_FEED.suits(300, 300));   // too small
        assertTrue(Placement.INSTAGRAM_FEED.suits(1080, 1080));
        assertTrue(Placement.INSTAGRAM_FEED.suits(1080, 1350));
        assertFalse(Placement.INSTAGRAM_FEED.suits(1200, 800)); // 3:2
        assertTrue(Placement.STORY.suits(1080, 1920));
        assertFalse(Placement.STORY.suits(1080, 1350));
        assertTrue(Matcher.suits(List.of(), 1, 1));
        assertFalse(Matcher.suits(List.of(Placement.FACEBOOK_FEED, Placement.INSTAGRAM_FEED), 1200, 628));
        assertTrue(Matcher.suits(List.of(Placement.FACEBOOK_FEED, Placement.INSTAGRAM_FEED), 1080, 1080));
    }
}
