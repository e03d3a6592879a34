package io.campaignengine.image.service;

import io.campaignengine.image.domain.Placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The library of ONE business as matching needs it, in flat arrays: each image's segments, emotions and themes as
 * bitsets over the business's own tag dictionaries (one per facet), which placements it suits (a bit mask, computed
 * once), its usage count, creation time and id. A query is one pass of bit operations over the arrays with a bounded
 * heap for the top places, so 100,000 images cost a few milliseconds and ~50 bytes each, instead of a database
 * projection of the whole library per query.
 * <p>
 * The scores are those of {@link Matcher}, computed with the same formulas in the same floating-point order
 * ({@link Matcher#total}, {@link Matcher#usageBalance}), and the order is the same total order (score, less used,
 * newer, id): the results equal {@link Matcher#rankAll} (tested on random libraries). Updates ({@link #upsert},
 * {@link #remove}) and queries may run concurrently: a read/write lock.
 */
public final class MatchIndex {
    private static final Placement[] PLACEMENTS = Placement.values();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Facet segments = new Facet();
    private final Facet emotions = new Facet();
    private final Facet themes = new Facet();
    private int n;
    private long[] msb;
    private long[] lsb;
    private long[] created;
    private int[] usage;
    private byte[] suits;
    private int maxUsage;
    /** open addressing, id → position + 1 (0 = empty); rebuilt when an image is removed (rare) or on growth */
    private int[] slots;

    public MatchIndex(int expected) {
        int cap = Math.max(16, expected);
        msb = new long[cap];
        lsb = new long[cap];
        created = new long[cap];
        usage = new int[cap];
        suits = new byte[cap];
        segments.init(cap);
        emotions.init(cap);
        themes.init(cap);
        slots = new int[tableSize(cap)];
    }

    public static MatchIndex of(Collection<Matcher.Candidate> library) {
        MatchIndex index = new MatchIndex(library.size());
        index.upsertAll(library);
        return index;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    public void upsertAll(Collection<Matcher.Candidate> images) {
        lock.writeLock().lock();
        try {
            for (Matcher.Candidate c : images) {
                put(c);
            }
            recomputeMaxUsage();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void upsert(Matcher.Candidate c) {
        upsertAll(List.of(c));
    }

    /** Applies a delta: the images' current state, and the ids that are gone. */
    public void apply(Collection<Matcher.Candidate> changed, Collection<UUID> removed) {
        lock.writeLock().lock();
        try {
            for (UUID id : removed) {
                delete(id);
            }
            for (Matcher.Candidate c : changed) {
                put(c);
            }
            recomputeMaxUsage();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(UUID id) {
        apply(List.of(), List.of(id));
    }

    /**
     * The first {@code limit} places of the ranking, as {@link Matcher#rankAll}: all images that suit every placement
     * scored, ordered by total (desc), usage (asc), creation (newest first), id.
     */
    public Matcher.Ranked rank(Matcher.Query q, int limit) {
        lock.readLock().lock();
        try {
            int placementMask = 0;
            for (Placement p : q.placements()) {
                placementMask |= 1 << p.ordinal();
            }
            int seg = q.segment() == null ? -1 : segments.dict.getOrDefault(q.segment(), -1);
            long[] wantE = emotions.mask(q.emotions());
            long[] wantT = themes.mask(q.themes());
            int nE = q.emotions().size();
            int nT = q.themes().size();
            int wS = segments.words;
            int wE = emotions.words;
            int wT = themes.words;
            long[] bS = segments.bits;
            long[] bE = emotions.bits;
            long[] bT = themes.bits;
            int k = Math.max(0, limit);
            // the worst of the best k on top
            PriorityQueue<Hit> heap = new PriorityQueue<>(Math.max(1, k + 1), MatchIndex::compareBestFirst);
            Hit worst = null;
            int suitable = 0;
            for (int i = 0; i < n; i++) {
                if ((suits[i] & placementMask) != placementMask) {
                    continue;
                }
                suitable++;
                if (k == 0) {
                    continue;
                }
                double s = seg >= 0 && (bS[i * wS + (seg >>> 6)] & (1L << seg)) != 0 ? 1.0 : 0.0;
                double e = nE == 0 ? 0.0 : (double) common(bE, i * wE, wantE) / nE;
                double t = nT == 0 ? 0.0 : (double) common(bT, i * wT, wantT) / nT;
                double u = Matcher.usageBalance(usage[i], maxUsage);
                double total = Matcher.total(s, e, t, u);
                if (heap.size() == k) {
                    // cheap reject before allocating: not better than the current k-th
                    if (total < worst.total || (total == worst.total && compareTail(i, worst) >= 0)) {
                        continue;
                    }
                }
                Hit h = new Hit(i, total, s, e, t, u, usage[i], created[i], msb[i], lsb[i]);
                heap.add(h);
                if (heap.size() > k) {
                    heap.poll();
                }
                if (heap.size() == k) {
                    worst = heap.peek();
                }
            }
            List<Hit> hits = new ArrayList<>(heap);
            hits.sort((a, b) -> compareBestFirst(b, a));
            List<Matcher.Score> top = new ArrayList<>(hits.size());
            for (Hit h : hits) {
                top.add(new Matcher.Score(new UUID(h.msb, h.lsb), h.total, h.s, h.e, h.t, h.u));
            }
            return new Matcher.Ranked(top, n, suitable, maxUsage);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Heap bytes of the arrays and dictionaries (what the index costs per business). */
    public long estimatedBytes() {
        lock.readLock().lock();
        try {
            long arrays = 16L * 6 + msb.length * 8L * 3 + usage.length * 4L + suits.length + slots.length * 4L;
            return arrays + segments.bytes() + emotions.bytes() + themes.bytes();
        } finally {
            lock.readLock().unlock();
        }
    }

    public int maxUsage() {
        return maxUsage;
    }

    // ------------------------------------------------------------------------------------------------ internals

    private record Hit(int pos, double total, double s, double e, double t, double u, int usage, long created, long msb, long lsb) {
    }

    /** Negative when a ranks before b. */
    private static int compareBestFirst(Hit a, Hit b) {
        // PriorityQueue is a min-heap: the "smallest" must be the worst, so this returns the reverse of ranking order
        int c = Double.compare(a.total, b.total);
        if (c != 0) {
            return c;
        }
        return -compareTail(a.usage, a.created, a.msb, a.lsb, b.usage, b.created, b.msb, b.lsb);
    }

    /** Order of the tie-breaks (less used, newer, id) of position i against a hit: negative when i ranks before it. */
    private int compareTail(int i, Hit h) {
        return compareTail(usage[i], created[i], msb[i], lsb[i], h.usage, h.created, h.msb, h.lsb);
    }

    private static int compareTail(int usageA, long createdA, long msbA, long lsbA, int usageB, long createdB, long msbB, long lsbB) {
        int c = Integer.compare(usageA, usageB);
        if (c != 0) {
            return c;
        }
        c = Long.compare(createdB, createdA);
        if (c != 0) {
            return c;
        }
        // UUID.compareTo: signed, most significant half first
        c = Long.compare(msbA, msbB);
        return c != 0 ? c : Long.compare(lsbA, lsbB);
    }

    private static int common(long[] bits, int offset, long[] want) {
        int c = 0;
        for (int w = 0; w < want.length; w++) {
            c += Long.bitCount(bits[offset + w] & want[w]);
        }
        return c;
    }

    private void put(Matcher.Candidate c) {
        int pos = find(c.imageId().getMostSignificantBits(), c.imageId().getLeastSignificantBits());
        if (pos < 0) {
            if (n == msb.length) {
                grow();
            }
            pos = n++;
            msb[pos] = c.imageId().getMostSignificantBits();
            lsb[pos] = c.imageId().getLeastSignificantBits();
            insertSlot(pos);
        }
        created[pos] = c.createdAtMillis();
        usage[pos] = c.usageCount();
        int mask = 0;
        for (Placement p : PLACEMENTS) {
            if (p.suits(c.width(), c.height())) {
                mask |= 1 << p.ordinal();
            }
        }
        suits[pos] = (byte) mask;
        segments.set(pos, c.tags().segments(), msb.length);
        emotions.set(pos, c.tags().emotions(), msb.length);
        themes.set(pos, c.tags().themes(), msb.length);
    }

    private void delete(UUID id) {
        int pos = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
        if (pos < 0) {
            return;
        }
        int last = --n;
        if (pos != last) {
            msb[pos] = msb[last];
            lsb[pos] = lsb[last];
            created[pos] = created[last];
            usage[pos] = usage[last];
            suits[pos] = suits[last];
            segments.move(last, pos);
            emotions.move(last, pos);
            themes.move(last, pos);
        }
        rebuildSlots(slots.length);
    }

    private void recomputeMaxUsage() {
        int m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, usage[i]);
        }
        maxUsage = m;
    }

    private void grow() {
        int cap = msb.length + (msb.length >> 1) + 16;
        msb = Arrays.copyOf(msb, cap);
        lsb = Arrays.copyOf(lsb, cap);
        created = Arrays.copyOf(created, cap);
        usage = Arrays.copyOf(usage, cap);
        suits = Arrays.copyOf(suits, cap);
        segments.grow(cap);
        emotions.grow(cap);
        themes.grow(cap);
        rebuildSlots(tableSize(cap));
    }

    private static int tableSize(int cap) {
        return Integer.highestOneBit(Math.max(16, cap) * 2 - 1) << 1;
    }

    private static int hash(long msb, long lsb) {
        long h = (msb ^ lsb) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private int find(long hi, long lo) {
        int m = slots.length - 1;
        for (int s = hash(hi, lo) & m; ; s = (s + 1) & m) {
            int v = slots[s];
            if (v == 0) {
                return -1;
            }
            if (msb[v - 1] == hi && lsb[v - 1] == lo) {
                return v - 1;
            }
        }
    }

    private void insertSlot(int pos) {
        int m = slots.length - 1;
        int s = hash(msb[pos], lsb[pos]) & m;
        while (slots[s] != 0) {
            s = (s + 1) & m;
        }
        slots[s] = pos + 1;
    }

    private void rebuildSlots(int size) {
        slots = new int[size];
        for (int i = 0; i < n; i++) {
            insertSlot(i);
        }
    }

    /** One tag facet: the business's dictionary (tag → bit) and a bitset of {@code words} longs per image. */
    private static final class Facet {
        final Map<String, Integer> dict = new HashMap<>();
        int words = 1;
        long[] bits;

        void init(int cap) {
            bits = new long[cap * words];
        }

        void grow(int cap) {
            bits = Arrays.copyOf(bits, cap * words);
        }

        void set(int pos, List<String> tags, int cap) {
            int needed = 0;
            int[] ids = new int[tags.size()];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = dict.computeIfAbsent(tags.get(j), x -> dict.size());
                needed = Math.max(needed, (ids[j] >>> 6) + 1);
            }
            if (needed > words) {
                widen(needed, cap);
            }
            Arrays.fill(bits, pos * words, pos * words + words, 0L);
            for (int id : ids) {
                bits[pos * words + (id >>> 6)] |= 1L << id;
            }
        }

        /** More than 64·words distinct tags in the business: every image gets wider bitsets (rare, O(n)). */
        private void widen(int newWords, int cap) {
            long[] wider = new long[cap * newWords];
            for (int i = 0; i < cap; i++) {
                System.arraycopy(bits, i * words, wider, i * newWords, words);
            }
            bits = wider;
            words = newWords;
        }

        void move(int from, int to) {
            System.arraycopy(bits, from * words, bits, to * words, words);
        }

        /** The query's tags as a bitset; tags the library does not know have no bit (they still count in |content|). */
        long[] mask(List<String> tags) {
            long[] m = new long[words];
            for (String t : tags) {
                Integer id = dict.get(t);
                if (id != null) {
                    m[id >>> 6] |= 1L << id;
                }
            }
            return m;
        }

        long bytes() {
            // HashMap entry ~48 bytes + the String (~40 + length)
            long d = 0;
            for (String k : dict.keySet()) {
                d += 48 + 40 + k.length();
            }
            return 16 + bits.length * 8L + d;
        }
    }
}
