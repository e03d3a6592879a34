package io.campaignengine.metasandbox;

import io.campaignengine.metasandbox.domain.World;
import io.campaignengine.metasandbox.service.Market;
import io.campaignengine.metasandbox.service.Simulation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated market without HTTP: hidden rates, accrual, budgets. */
class SimulationTest {

    static final long T0 = 1_780_000_000_000L; // a fixed instant
    static final String LINK = "https://example.com/?utm_source=facebook&utm_campaign=launch&utm_content=v1&utm_term=tia";

    private static World.Exposure rates(long seed, String text, String link, String image) {
        World.Exposure e = new World.Exposure();
        Market.init(seed, e, Market.Kind.AD, text, link, image, null, "US");
        return e;
    }

    @Test
    void hiddenRatesDependOnSeedAndFeaturesOnly() {
        World.Exposure a = rates(1, "Save hours every week. Try it", LINK, "https://img/a.jpg?v=1");
        World.Exposure b = rates(1, "Save hours every week. Something else after the hook", LINK, "https://img/a.jpg?v=2");
        assertEquals("save hours every week.", a.hook);
        assertEquals("tia", a.segment);
        assertEquals("v1", a.variation);
        assertEquals(a.hook, b.hook);
        // the piece's own small factor differs (other link text), but hook, segment and image factors are shared
        assertEquals(a.trueCtr, b.trueCtr, a.trueCtr * 0.6);
        World.Exposure again = rates(1, "Save hours every week. Try it", LINK, "https://img/a.jpg?v=1");
        assertEquals(a.trueCtr, again.trueCtr);
        assertEquals(a.trueCvr, again.trueCvr);
        World.Exposure otherSeed = rates(2, "Save hours every week. Try it", LINK, "https://img/a.jpg?v=1");
        assertNotEquals(a.trueCtr, otherSeed.trueCtr);
        World.Exposure otherSegment = rates(1, "Save hours every week. Try it", LINK.replace("utm_term=tia", "utm_term=believers"), "https://img/a.jpg");
        assertNotEquals(a.trueCvr, otherSegment.trueCvr);
    }

    @Test
    void hooksSpreadTheRatesWithinBounds() {
        double[] ctr = new double[200];
        for (int i = 0; i < ctr.length; i++) ctr[i] = rates(42, "Hook number " + i + ". Body", LINK, "https://img/x.jpg").trueCtr;
        double mean = Arrays.stream(ctr).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(ctr).map(c -> (c - mean) * (c - mean)).average().orElseThrow());
        assertTrue(sd / mean > 0.25, "hooks must matter: cv " + sd / mean);
        assertTrue(Arrays.stream(ctr).allMatch(c -> c >= 0.0005 && c <= 0.15));
        assertTrue(mean > 0.005 && mean < 0.05, "mean ctr " + mean);
    }

    private static World worldWithPost(long seed) {
        World w = new World();
        w.seed = seed;
        World.Page p = new World.Page();
        p.id = "1020000000000001";
        p.followers = 10_000;
        w.pages.put(p.id, p);
        World.Post post = new World.Post();
        post.id = p.id + "_1";
        post.pageId = p.id;
        post.message = "Organic reach. Test";
        post.createdMs = post.publishMs = T0;
        Market.init(seed, post.exposure, Market.Kind.FB_POST, post.message, LINK, null, null, null);
        w.posts.put(post.id, post);
        return w;
    }

    private static long[] totals(World.Exposure e) {
        World.DayStats t = new World.DayStats();
        e.days.values().forEach(t::add);
        return t.counts;
    }

    @Test
    void totalsDoNotDependOnHowTimeIsAdvanced() {
        Simulation sim = new Simulation(null, null, null);
        World oneJump = worldWithPost(5);
        Simulation.Outbox jump = sim.catchUpPostOnly(oneJump, oneJump.posts.get("1020000000000001_1"), T0 + 2 * Simulation.DAY);
        World manySteps = worldWithPost(5);
        Simulation.Outbox steps = new Simulation.Outbox();
        for (long t = T0; t <= T0 + 2 * Simulation.DAY; t += 7 * 60_000 + 13_000) {
            steps.absorb(sim.catchUpPostOnly(manySteps, manySteps.posts.get("1020000000000001_1"), t));
        }
        steps.absorb(sim.catchUpPostOnly(manySteps, manySteps.posts.get("1020000000000001_1"), T0 + 2 * Simulation.DAY));
        // the same webhooks (comments with the same ids) and conversions, however time was stepped
        assertEquals(jump.webhookChanges, steps.webhookChanges);
        assertEquals(jump.conversionCount, steps.conversionCount);
        assertTrue(jump.webhookChanges > 0);
        assertEquals(oneJump.comments.keySet(), manySteps.comments.keySet());
        long[] a = totals(oneJump.posts.get("1020000000000001_1").exposure);
        long[] b = totals(manySteps.posts.get("1020000000000001_1").exposure);
        assertArrayEquals(a, b);
        assertTrue(a[World.Metric.IMPRESSIONS.ordinal()] > 500, "organic impressions " + a[0]);
        // organic reach decays: the second day brings far less than the first
        World decay = worldWithPost(5);
        World.Post dp = decay.posts.get("1020000000000001_1");
        sim.catchUpPostOnly(decay, dp, T0 + Simulation.DAY);
        long day1 = totals(dp.exposure)[World.Metric.IMPRESSIONS.ordinal()];
        sim.catchUpPostOnly(decay, dp, T0 + 2 * Simulation.DAY);
        long day2 = totals(dp.exposure)[World.Metric.IMPRESSIONS.ordinal()] - day1;
        assertTrue(day2 < day1 / 4, day1 + " then " + day2);
    }

    private static World adWorld(long dailyBudget) {
        World w = new World();
        w.seed = 9;
        World.Campaign c = new World.Campaign();
        c.id = "c";
        c.status = "ACTIVE";
        World.AdSet s = new World.AdSet();
        s.id = "s";
        s.campaignId = "c";
        s.status = "ACTIVE";
        s.dailyBudget = dailyBudget;
        World.Ad ad = new World.Ad();
        ad.id = "a";
        ad.adsetId = "s";
        ad.campaignId = "c";
        ad.status = "ACTIVE";
        ad.createdMs = T0;
        Market.init(9, ad.exposure, Market.Kind.AD, "Budget drives delivery.", LINK, "https://img/b.jpg", null, "US");
        w.campaigns.put(c.id, c);
        w.adSets.put(s.id, s);
        w.ads.put(ad.id, ad);
        return w;
    }

    @Test
    void adDeliveryIsProportionalToBudget() {
        Simulation sim = new Simulation(null, null, null);
        World small = adWorld(10_000);
        World big = adWorld(20_000);
        sim.catchUpAds(small, small.ads.values(), T0 + Simulation.DAY);
        sim.catchUpAds(big, big.ads.values(), T0 + Simulation.DAY);
        World.DayStats s = new World.DayStats();
        small.ads.get("a").exposure.days.values().forEach(s::add);
        World.DayStats b = new World.DayStats();
        big.ads.get("a").exposure.days.values().forEach(b::add);
        assertTrue(s.spendMinor >= 8_500 && s.spendMinor <= 10_000, "spend " + s.spendMinor);
        assertEquals(2.0, b.spendMinor / s.spendMinor, 0.05);
        assertEquals(2.0, b.get(World.Metric.IMPRESSIONS) / (double) s.get(World.Metric.IMPRESSIONS), 0.2);
        // clicks follow the hidden CTR
        World.Exposure e = small.ads.get("a").exposure;
        double ctr = s.get(World.Metric.CLICKS) / (double) s.get(World.Metric.IMPRESSIONS);
        assertEquals(e.trueCtr, ctr, Math.max(0.004, e.trueCtr * 0.35));
        // a paused ad accrues nothing
        small.ads.get("a").status = "PAUSED";
        sim.catchUpAds(small, small.ads.values(), T0 + 2 * Simulation.DAY);
        World.DayStats after = new World.DayStats();
        small.ads.get("a").exposure.days.values().forEach(after::add);
        assertEquals(s.spendMinor, after.spendMinor, 1e-9);
    }

    @Test
    void theWorldSnapshotsToJsonAndBack() throws Exception {
        Simulation sim = new Simulation(null, null, null);
        World w = adWorld(5_000);
        sim.catchUpAds(w, w.ads.values(), T0 + Simulation.DAY / 2);
        World.Token t = new World.Token();
        t.value = w.opaque("EAAG", 40);
        t.kind = World.TokenKind.USER;
        t.scopes.add("ads_management");
        w.tokens.put(t.value, t);
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String json = mapper.writeValueAsString(w);
        World back = mapper.readValue(json, World.class);
        assertEquals(json, mapper.writeValueAsString(back));
        // and the restored world keeps accruing exactly like the original
        sim.catchUpAds(w, w.ads.values(), T0 + Simulation.DAY);
        sim.catchUpAds(back, back.ads.values(), T0 + Simulation.DAY);
        assertEquals(mapper.writeValueAsString(w), mapper.writeValueAsString(back));
    }
}
