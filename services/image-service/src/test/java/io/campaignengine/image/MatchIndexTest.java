package io.campaignengine.image;

import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.service.MatchIndex;
import io.campaignengine.image.service.Matcher;
import io.campaignengine.image.service.TieBreaker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory match index against the straightforward computation ({@link Matcher#rankAll}: every image scored, fully
 * sorted) on random libraries: the same scores, components and order, also after deltas (updates, usage changes,
 * deletes, inserts) and when the tag dictionary outgrows one 64-bit word; and what it costs for 100,000 images.
 */
class MatchIndexTest {
    static final List<String> SEGMENTS = List.of("tia_seeker", "true_believer", "veteran", "new_teacher", "admin");
    static final List<String> EMOTIONS = List.of("achievement", "relief", "connection", "pride", "hope", "urgency");
    static final List<String> THEMES = List.of("roi", "story", "feature", "community", "savings", "proof", "time");
    // sizes over every placement rule and some that suit none
    static final int[][] SIZES = {{1080, 1080}, {1080, 1350}, {1200, 628}, {1080, 1920}, {1200, 800}, {500, 500}, {1080, 1100}, {640, 1136}};

    static Matcher.Candidate random(Random r, UUID id, List<String> segs, List<String> emos, List<String> themes) {
        int[] size = SIZES[r.nextInt(SIZES.length)];
        // few distinct usages and creation times: many exact ties, so the tie-breaks (usage, newer, id) are exercised
        return new Matcher.Candidate(id, new Tags(pick(r, segs, 2), pick(r, emos, 3), pick(r, themes, 3), List.of()), size[0], size[1],
                r.nextInt(4) == 0 ? r.nextInt(5) : 0, 1_700_000_000_000L + r.nextInt(20) * 1000L);
    }

    static List<String> pick(Random r, List<String> from, int max) {
        List<String> out = new ArrayList<>();
        int k = r.nextInt(max + 1);
        for (int i = 0; i < k; i++) {
            out.add(from.get(r.nextInt(from.size())));
        }
        return out;
    }

    static Matcher.Query query(Random r, List<String> segs, List<String> emos, List<String> themes) {
        List<Placement> placements = new ArrayList<>();
        for (Placement p : Placement.values()) {
            if (r.nextInt(3) == 0) {
                placements.add(p);
            }
        }
        // sometimes a tag no image carries (counts in |content|, matches nothing), sometimes no segment
        List<String> e = pick(r, emos, 3);
        if (r.nextInt(5) == 0) {
            e.add("unheard-of");
        }
        return new Matcher.Query(r.nextInt(6) == 0 ? null : segs.get(r.nextInt(segs.size())), e, pick(r, themes, 3), placements);
    }

    static void assertSame(Matcher.Ranked expected, Matcher.Ranked actual, String what) {
        assertEquals(expected.libraryCount(), actual.libraryCount(), what + ": library");
        assertEquals(expected.suitableCount(), actual.suitableCount(), what + ": suitable");
        assertEquals(expected.maxUsage(), actual.maxUsage(), what + ": max usage");
        // records: ids, totals and every component exactly equal (the same doubles, not approximately)
        assertEquals(expected.top(), actual.top(), what);
    }

    @Test
    void sameRankingAsTheStraightforwardComputationOnRandomLibraries() {
        Random r = new Random(20261201);
        for (int lib = 0; lib < 6; lib++) {
            Map<UUID, Matcher.Candidate> library = new LinkedHashMap<>();
            int size = 50 + r.nextInt(3000);
            for (int i = 0; i < size; i++) {
                UUID id = new UUID(r.nextLong(), r.nextLong());
                library.put(id, random(r, id, SEGMENTS, EMOTIONS, THEMES));
            }
            MatchIndex index = MatchIndex.of(library.values());
            for (int q = 0; q < 40; q++) {
                Matcher.Query query = query(r, SEGMENTS, EMOTIONS, THEMES);
                int limit = List.of(1, 5, 10, 10 + TieBreaker.MAX_GROUP, 200).get(r.nextInt(5));
                assertSame(Matcher.rankAll(query, List.copyOf(library.values()), limit), index.rank(query, limit),
                        "library " + lib + ", query " + q + " " + query);
            }
            // deltas: tag/size updates, usage growth (the max usage moves), deletes, inserts — then the same again
            for (int round = 0; round < 5; round++) {
                List<UUID> ids = new ArrayList<>(library.keySet());
                List<Matcher.Candidate> changed = new ArrayList<>();
                List<UUID> removed = new ArrayList<>();
                for (int k = 0; k < 30; k++) {
                    UUID id = ids.get(r.nextInt(ids.size()));
                    if (r.nextBoolean()) {
                        Matcher.Candidate old = library.get(id);
                        Matcher.Candidate used = new Matcher.Candidate(id, old.tags(), old.width(), old.height(), old.usageCount() + 1 + r.nextInt(7),
                                old.createdAtMillis());
                        library.put(id, used);
                        changed.add(used);
                    } else {
                        Matcher.Candidate c = random(r, id, SEGMENTS, EMOTIONS, THEMES);
                        library.put(id, c);
                        changed.add(c);
                    }
                }
                for (int k = 0; k < 10; k++) {
                    UUID id = ids.get(r.nextInt(ids.size()));
                    if (library.remove(id) != null) {
                        changed.removeIf(c -> c.imageId().equals(id));
                        removed.add(id);
                    }
                }
                for (int k = 0; k < 20; k++) {
                    UUID id = UUID.randomUUID();
                    Matcher.Candidate c = random(r, id, SEGMENTS, EMOTIONS, THEMES);
                    library.put(id, c);
                    changed.add(c);
                }
                index.apply(changed, removed);
                for (int q = 0; q < 15; q++) {
                    Matcher.Query query = query(r, SEGMENTS, EMOTIONS, THEMES);
                    assertSame(Matcher.rankAll(query, List.copyOf(library.values()), 10), index.rank(query, 10),
                            "library " + lib + " after delta " + round + ", query " + q);
                }
            }
        }
    }

    @Test
    void aDictionaryWiderThanOneWordAndAnEmptyLibrary() {
        Random r = new Random(7);
        List<String> emos = new ArrayList<>();
        List<String> themes = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            emos.add("emotion-" + i);
            themes.add("theme-" + i);
        }
        MatchIndex empty = MatchIndex.of(List.of());
        Matcher.Query any = query(r, SEGMENTS, emos, themes);
        assertSame(Matcher.rankAll(any, List.of(), 10), empty.rank(any, 10), "empty");

        // images arrive one by one: the dictionaries grow past 64 and 128 tags while the index is in use
        List<Matcher.Candidate> library = new ArrayList<>();
        MatchIndex index = new MatchIndex(0);
        for (int i = 0; i < 800; i++) {
            UUID id = UUID.randomUUID();
            Matcher.Candidate c = new Matcher.Candidate(id, new Tags(pick(r, SEGMENTS, 2), pick(r, emos.subList(0, Math.min(150, 10 + i / 4)), 6),
                    pick(r, themes.subList(0, Math.min(150, 10 + i / 4)), 6), List.of()), 1080, 1080, r.nextInt(3), i);
            library.add(c);
            index.upsert(c);
            if (i % 100 == 99) {
                for (int q = 0; q < 10; q++) {
                    Matcher.Query query = new Matcher.Query(SEGMENTS.get(r.nextInt(5)), pick(r, emos, 6), pick(r, themes, 6),
                            List.of(Placement.INSTAGRAM_FEED));
                    assertSame(Matcher.rankAll(query, library, 10), index.rank(query, 10), "after " + (i + 1) + " images");
                }
            }
        }
        assertEquals(0, index.rank(any, 0).top().size());
    }

    /**
     * The tie-breaker (item 7) reorders at most {@link TieBreaker#MAX_GROUP} images per tie group, so the first
     * {@code limit} places after it depend only on the first {@code limit + MAX_GROUP} of the seed order — all the index
     * hands over. Tie groups of hundreds (a library with few tags), a similarity that is a fixed function of the text.
     */
    @Test
    void theTieBreakerOnTheIndexPrefixEqualsItOnTheFullRanking() {
        Random r = new Random(99);
        List<String> segs = SEGMENTS.subList(0, 2);
        List<String> emos = EMOTIONS.subList(0, 2);
        List<String> themes = THEMES.subList(0, 2);
        List<Matcher.Candidate> library = new ArrayList<>();
        Map<UUID, String> texts = new java.util.HashMap<>();
        for (int i = 0; i < 2000; i++) {
            UUID id = new UUID(r.nextLong(), r.nextLong());
            library.add(random(r, id, segs, emos, themes));
            texts.put(id, "image " + r.nextInt(1000));
        }
        TieBreaker.Similarity similarity = (query, list) -> list.stream().mapToDouble(t -> (t.hashCode() & 0xffff) / 65536.0).toArray();
        MatchIndex index = MatchIndex.of(library);
        int groupsOver50 = 0;
        for (int q = 0; q < 30; q++) {
            Matcher.Query query = query(r, segs, emos, themes);
            int limit = List.of(1, 5, 10, 30).get(r.nextInt(4));
            List<Matcher.Score> full = Matcher.rankAll(query, library, library.size()).top();
            List<Matcher.Score> prefix = index.rank(query, limit + TieBreaker.MAX_GROUP).top();
            if (full.size() > TieBreaker.MAX_GROUP && full.get(0).total() == full.get(TieBreaker.MAX_GROUP).total()) {
                groupsOver50++;
            }
            assertEquals(TieBreaker.apply(full, texts, "message", similarity, limit), TieBreaker.apply(prefix, texts, "message", similarity, limit),
                    "query " + q + " " + query + ", limit " + limit);
        }
        assertTrue(groupsOver50 > 0, "the case of a tie group larger than the cap must occur");
    }

    /** 100,000 images: the cost per query and the memory (printed; asserted against generous bounds). */
    @Test
    void hundredThousandImages() {
        Random r = new Random(42);
        List<Matcher.Candidate> library = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            library.add(random(r, new UUID(r.nextLong(), r.nextLong()), SEGMENTS, EMOTIONS, THEMES));
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        MatchIndex index = MatchIndex.of(library);
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        for (int q = 0; q < 300; q++) {
            // warm-up (JIT), as in a running service
            index.rank(query(r, SEGMENTS, EMOTIONS, THEMES), 10 + TieBreaker.MAX_GROUP);
        }
        long[] nanos = new long[200];
        for (int q = 0; q < nanos.length; q++) {
            Matcher.Query query = query(r, SEGMENTS, EMOTIONS, THEMES);
            long t = System.nanoTime();
            index.rank(query, 10 + TieBreaker.MAX_GROUP);
            nanos[q] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(nanos);
        Matcher.Query query = query(r, SEGMENTS, EMOTIONS, THEMES);
        assertSame(Matcher.rankAll(query, library, 10), index.rank(query, 10), "100k");
        System.out.printf("match index, 100000 images: estimated %d KB, measured heap growth %d KB; rank(top 60) p50 %.2f ms, p99 %.2f ms%n",
                index.estimatedBytes() / 1024, (after - before) / 1024, nanos[100] / 1e6, nanos[198] / 1e6);
        assertTrue(index.estimatedBytes() < 16L * 1024 * 1024, "index of 100k images should stay well under 16 MB: " + index.estimatedBytes());
    }
}
