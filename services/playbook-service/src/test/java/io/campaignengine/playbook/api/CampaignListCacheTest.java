package io.campaignengine.playbook.api;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounds, the version check and If-None-Match of the campaign list's kept pages (the HTTP path: CampaignListTest). */
class CampaignListCacheTest {
    private static final UUID BUSINESS = UUID.randomUUID();

    private static CampaignListCache.Key page(int n) {
        return new CampaignListCache.Key(BUSINESS, null, null, n, 20);
    }

    private static CampaignListCache.Page rendered(long version, int bytes) {
        return new CampaignListCache.Page(version, new byte[bytes]);
    }

    @Test
    void aPageIsAnsweredOnlyAtTheVersionItWasRenderedAt() {
        CampaignListCache cache = new CampaignListCache(10, 1_000);
        cache.put(page(0), rendered(7, 10));
        assertArrayEquals(new byte[10], cache.get(page(0), 7).body());
        assertNull(cache.get(page(0), 8), "the list moved on");
        assertNull(cache.get(page(1), 7), "another page");
    }

    @Test
    void aSlowerOlderRenderingDoesNotReplaceANewerOne() {
        CampaignListCache cache = new CampaignListCache(10, 1_000);
        cache.put(page(0), rendered(9, 10));
        cache.put(page(0), rendered(8, 10));
        assertEquals(9, cache.get(page(0), 9).version());
    }

    @Test
    void theLeastRecentlyUsedPagesGoFirstBeyondEitherBound() {
        CampaignListCache byCount = new CampaignListCache(2, 1_000);
        byCount.put(page(0), rendered(1, 10));
        byCount.put(page(1), rendered(1, 10));
        byCount.get(page(0), 1); // page 1 is now the least recently used
        byCount.put(page(2), rendered(1, 10));
        assertEquals(2, byCount.size());
        assertNull(byCount.get(page(1), 1));
        assertTrue(byCount.get(page(0), 1) != null && byCount.get(page(2), 1) != null);

        CampaignListCache byBytes = new CampaignListCache(100, 25);
        byBytes.put(page(0), rendered(1, 10));
        byBytes.put(page(1), rendered(1, 10));
        byBytes.put(page(2), rendered(1, 10)); // 30 bytes > 25: page 0 goes
        assertNull(byBytes.get(page(0), 1));
        assertEquals(2, byBytes.size());
        byBytes.put(page(3), rendered(1, 26)); // larger than the whole budget: not kept, nothing evicted for it
        assertNull(byBytes.get(page(3), 1));
        assertEquals(2, byBytes.size());
    }

    @Test
    void zeroTurnsItOff() {
        assertFalse(new CampaignListCache(0, 1_000).enabled());
        assertFalse(new CampaignListCache(10, 0).enabled());
        assertTrue(new CampaignListCache(10, 1_000).enabled());
    }

    @Test
    void ifNoneMatchComparesTheVersionTag() {
        String tag = CampaignListCache.etag(42);
        assertEquals("\"42\"", tag);
        assertTrue(CampaignListCache.matches("\"42\"", tag));
        assertTrue(CampaignListCache.matches("\"41\", W/\"42\"", tag));
        assertTrue(CampaignListCache.matches("*", tag));
        assertFalse(CampaignListCache.matches("\"41\"", tag));
        assertFalse(CampaignListCache.matches("\"420\"", tag));
        assertFalse(CampaignListCache.matches(null, tag));
    }
}
