package io.campaignengine.metasandbox.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.metasandbox.domain.World;
import io.campaignengine.metasandbox.domain.World.Ad;
import io.campaignengine.metasandbox.domain.World.AdSet;
import io.campaignengine.metasandbox.domain.World.Campaign;
import io.campaignengine.metasandbox.domain.World.Comment;
import io.campaignengine.metasandbox.domain.World.DayStats;
import io.campaignengine.metasandbox.domain.World.Exposure;
import io.campaignengine.metasandbox.domain.World.IgMedia;
import io.campaignengine.metasandbox.domain.World.Metric;
import io.campaignengine.metasandbox.domain.World.Post;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Delivery over simulated time. Each live piece gets, per simulated hour, counts drawn once from a generator fixed by
 * (seed, piece id, hour) and its parameters at that moment (ads: budget share; organic: followers and age); a part
 * of an hour receives the matching fraction of the hour's draw. Totals therefore do not depend on how time was
 * advanced (one jump of a day or 24 jumps of an hour give the same numbers). New comments and reactions become
 * signed feed webhooks, conversions are POSTed with the UTM parameters of the link that was clicked.
 */
@Singleton
public class Simulation {

    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;
    /** Organic posts stop accruing after two weeks. */
    private static final long ORGANIC_LIFETIME = 14 * DAY;

    private static final String[] FIRST = {"Ana", "Ben", "Chloe", "Diego", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jamal",
            "Kira", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara"};
    private static final String[] LAST = {"Lopez", "Smith", "Nguyen", "Garcia", "Khan", "Martin", "Rossi", "Silva", "Kim", "Dubois"};
    private static final String[] COMMENTS = {"Love this!", "How much does it cost?", "Is there a free trial?",
            "This is exactly what I needed", "Does it work for small teams?", "Sent this to my colleague",
            "Great idea", "Where can I sign up?", "Interesting, tell me more", "Not sure this is for me"};
    private static final String[] REACTIONS = {"like", "like", "like", "love", "love", "wow", "haha", "care"};

    private final SandboxState state;
    private final Deliveries deliveries;
    private final ObjectMapper mapper;

    /** Comments and reactions per piece and simulated hour that become webhooks (insights keep the full counts). */
    private final int webhookSample;

    public Simulation(SandboxState state, Deliveries deliveries, ObjectMapper mapper) {
        this.state = state;
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.webhookSample = state == null ? 3 : state.config().delivery().webhookSample();
    }

    /** What one catch-up produced, sent after the world's lock is released. */
    public static final class Outbox {
        final Map<String, List<Map<String, Object>>> feedChanges = new LinkedHashMap<>();
        final Map<String, List<Map<String, Object>>> igChanges = new LinkedHashMap<>();
        final List<Map<String, Object>> conversions = new ArrayList<>();
        public int webhookChanges;
        public int conversionCount;
        /** Build webhook bodies only when someone will receive them (comments are stored either way). */
        boolean buildWebhooks = true;
        boolean buildConversions = true;

        public void absorb(Outbox o) {
            o.feedChanges.forEach((k, v) -> feedChanges.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            o.igChanges.forEach((k, v) -> igChanges.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            conversions.addAll(o.conversions);
            webhookChanges += o.webhookChanges;
            conversionCount += o.conversionCount;
        }
    }

    // ------------------------------------------------------------------ catch-up

    /** Accrues everything up to now. Call while holding the state's lock; then {@link #flush}. */
    public Outbox catchUpAll(World w, long now) {
        Outbox out = newOutbox();
        for (Post p : w.posts.values()) catchUpPost(w, p, now, out);
        for (IgMedia m : w.igMedia.values()) catchUpMedia(w, m, now, out);
        Budgets budgets = new Budgets(w);
        for (Ad ad : w.ads.values()) catchUpAd(w, ad, now, budgets, out);
        return out;
    }

    public Outbox catchUpAds(World w, Iterable<Ad> ads, long now) {
        Outbox out = newOutbox();
        Budgets budgets = new Budgets(w);
        for (Ad ad : ads) catchUpAd(w, ad, now, budgets, out);
        return out;
    }

    public Outbox catchUpPostOnly(World w, Post p, long now) {
        Outbox out = newOutbox();
        catchUpPost(w, p, now, out);
        return out;
    }

    public Outbox catchUpMediaOnly(World w, IgMedia m, long now) {
        Outbox out = newOutbox();
        catchUpMedia(w, m, now, out);
        return out;
    }

    private Outbox newOutbox() {
        Outbox o = new Outbox();
        o.buildWebhooks = deliveries == null || deliveries.webhookUrl() != null;
        o.buildConversions = deliveries == null || deliveries.conversionUrl() != null;
        return o;
    }

    private void catchUpPost(World w, Post p, long now, Outbox out) {
        Exposure e = p.exposure;
        if (p.deleted || now < p.publishMs) return;
        long from = Math.max(e.cursorMs, p.publishMs);
        long to = Math.min(now, p.publishMs + ORGANIC_LIFETIME);
        if (from >= to) {
            e.cursorMs = Math.max(e.cursorMs, now);
            return;
        }
        e.cursorMs = from;
        World.Page page = w.pages.get(p.pageId);
        long followers = page == null ? 1000 : page.followers;
        accrue(w, p.id, e, to, hour -> organicSample(w, p.id, e, hour, p.publishMs, followers, false),
                (delta, t0, t1, hour, f0) -> emitFeed(w, p.pageId, p.id, e, delta, t0, t1, hour, f0, out, true));
        e.cursorMs = Math.max(e.cursorMs, now);
    }

    private void catchUpMedia(World w, IgMedia m, long now, Outbox out) {
        Exposure e = m.exposure;
        if (now < m.publishMs) return;
        long from = Math.max(e.cursorMs, m.publishMs);
        long to = Math.min(now, m.publishMs + ORGANIC_LIFETIME);
        if (from >= to) {
            e.cursorMs = Math.max(e.cursorMs, now);
            return;
        }
        e.cursorMs = from;
        World.IgUser ig = w.igUsers.get(m.igUserId);
        long followers = ig == null ? 1000 : ig.followers;
        accrue(w, m.id, e, to, hour -> organicSample(w, m.id, e, hour, m.publishMs, followers, true),
                (delta, t0, t1, hour, f0) -> emitIg(w, m, e, delta, t0, t1, hour, f0, out));
        e.cursorMs = Math.max(e.cursorMs, now);
    }

    private void catchUpAd(World w, Ad ad, long now, Budgets budgets, Outbox out) {
        Exposure e = ad.exposure;
        if (e.cursorMs < 0) e.cursorMs = ad.createdMs;
        AdSet set = w.adSets.get(ad.adsetId);
        Campaign c = w.campaigns.get(ad.campaignId);
        if (set == null || c == null || !delivering(ad, set, c)) {
            e.cursorMs = Math.max(e.cursorMs, now);
            return;
        }
        long from = e.cursorMs;
        long to = now;
        if (set.startMs != null) from = Math.max(from, set.startMs);
        if (set.endMs != null) to = Math.min(to, set.endMs);
        if (from < to) {
            e.cursorMs = from;
            double dailyMinor = budgets.dailyShare(ad);
            World.Creative cr = w.creatives.get(ad.creativeId);
            String pageId = cr == null ? null : cr.pageId;
            String storyId = cr == null ? null : effectiveStoryId(cr);
            accrue(w, ad.id, e, to, hour -> adSample(w, ad.id, e, hour, dailyMinor),
                    (delta, t0, t1, hour, f0) -> {
                        if (pageId != null) emitFeed(w, pageId, storyId, e, delta, t0, t1, hour, f0, out, false);
                        emitConversions(w, ad.id, "ad", e, delta, hour, f0, out);
                    });
        }
        e.cursorMs = Math.max(e.cursorMs, now);
    }

    public static String effectiveStoryId(World.Creative cr) {
        return cr.pageId == null ? null : cr.pageId + "_" + cr.id.substring(Math.max(0, cr.id.length() - 15));
    }

    public static boolean delivering(Ad ad, AdSet set, Campaign c) {
        return "ACTIVE".equals(ad.status) && "ACTIVE".equals(set.status) && "ACTIVE".equals(c.status);
    }

    /** Marks a piece's current hour as to be drawn again (its parameters changed). Accrue first. */
    public static void invalidate(Exposure e) {
        e.sampledHour = Long.MIN_VALUE;
    }

    // ------------------------------------------------------------------ accrual core

    private interface Sampler {
        void sample(long hour);
    }

    private interface Emitter {
        void emit(long[] delta, long t0, long t1, long hour, double f0);
    }

    private void accrue(World w, String id, Exposure e, long to, Sampler sampler, Emitter emitter) {
        while (e.cursorMs < to) {
            long hour = Math.floorDiv(e.cursorMs, HOUR);
            long hStart = hour * HOUR;
            long end = Math.min(to, hStart + HOUR);
            if (e.sampledHour != hour) {
                sampler.sample(hour);
                e.sampledHour = hour;
            }
            double f0 = (e.cursorMs - hStart) / (double) HOUR;
            double f1 = (end - hStart) / (double) HOUR;
            long[] delta = new long[e.hourCounts.length];
            DayStats d = e.days.computeIfAbsent(Math.floorDiv(hStart, DAY), k -> new DayStats());
            for (int i = 0; i < delta.length; i++) {
                delta[i] = (long) Math.floor(e.hourCounts[i] * f1) - (long) Math.floor(e.hourCounts[i] * f0);
                d.counts[i] += delta[i];
            }
            d.spendMinor += e.hourSpendMinor * (f1 - f0);
            // purchase values are fixed per (piece, hour, index): the same whatever the stepping
            long firstPurchase = (long) Math.floor(e.hourCounts[Metric.PURCHASES.ordinal()] * f0);
            for (long j = 0; j < delta[Metric.PURCHASES.ordinal()]; j++) d.purchaseValue += purchaseValue(w.seed, id, hour, firstPurchase + j);
            e.totalImpressions += delta[Metric.IMPRESSIONS.ordinal()];
            emitter.emit(delta, e.cursorMs, end, hour, f0);
            e.cursorMs = end;
        }
    }

    static double purchaseValue(long seed, String id, long hour, long index) {
        SplittableRandom r = new SplittableRandom(Market.mix(seed, Market.hash(id), hour, index, 17));
        double[] prices = {49, 99, 149, 199};
        return prices[r.nextInt(prices.length)];
    }

    private void adSample(World w, String id, Exposure e, long hour, double dailyMinor) {
        SplittableRandom r = new SplittableRandom(Market.mix(w.seed, Market.hash(id), hour));
        double pacing = 0.85 + 0.15 * r.nextDouble();
        double spend = dailyMinor / 24.0 * pacing;
        long impressions = Math.max(0, Math.round(spend / e.cpmMinor * 1000 * Math.exp(0.1 * Market.gaussian(r))));
        // impressions cannot cost less than the spend: recompute the spend of what was delivered
        if (impressions == 0) spend = 0;
        fill(e, r, impressions, false);
        e.hourSpendMinor = spend;
    }

    private void organicSample(World w, String id, Exposure e, long hour, long publishMs, long followers, boolean instagram) {
        SplittableRandom r = new SplittableRandom(Market.mix(w.seed, Market.hash(id), hour));
        double ageStart = Math.max(0, (hour * HOUR - publishMs) / (double) HOUR);
        double ageEnd = ageStart + 1;
        double tau = 8;
        // lifetime impressions ~ 30% of followers, shaped by how engaging the piece is
        double boost = Math.sqrt(e.reactionRate / 0.02) * Math.sqrt(e.trueCtr / 0.008);
        double mean = followers * 0.3 * boost * (Math.exp(-ageStart / tau) - Math.exp(-ageEnd / tau));
        long impressions = Math.max(0, Math.round(mean * Math.exp(0.15 * Market.gaussian(r))));
        fill(e, r, impressions, instagram);
        e.hourSpendMinor = 0;
    }

    private static void fill(Exposure e, SplittableRandom r, long impressions, boolean instagram) {
        long[] c = new long[Metric.values().length];
        c[Metric.IMPRESSIONS.ordinal()] = impressions;
        long clicks = Market.binomial(r, impressions, e.trueCtr);
        c[Metric.CLICKS.ordinal()] = clicks;
        c[Metric.LANDING_VIEWS.ordinal()] = Market.binomial(r, clicks, 0.85);
        c[Metric.REACTIONS.ordinal()] = Market.binomial(r, impressions, e.reactionRate * (instagram ? 1.5 : 1));
        c[Metric.COMMENTS.ordinal()] = Market.binomial(r, impressions, e.commentRate);
        c[Metric.SHARES.ordinal()] = Market.binomial(r, impressions, e.reactionRate * 0.05);
        c[Metric.SAVES.ordinal()] = instagram ? Market.binomial(r, impressions, e.reactionRate * 0.1) : 0;
        long signups = Market.binomial(r, clicks, e.trueCvr);
        c[Metric.SIGNUPS.ordinal()] = signups;
        long trials = Market.binomial(r, signups, 0.35);
        c[Metric.TRIALS.ordinal()] = trials;
        c[Metric.PURCHASES.ordinal()] = Market.binomial(r, trials, 0.4);
        e.hourCounts = c;
    }

    // ------------------------------------------------------------------ budgets

    /** Daily budget share of each ad: ad set budget (or campaign budget split over its ad sets) split over its ads. */
    private static final class Budgets {
        final World w;
        final Map<String, Integer> activeAdsPerSet = new HashMap<>();
        final Map<String, Integer> activeSetsPerCampaign = new HashMap<>();

        Budgets(World w) {
            this.w = w;
            for (Ad ad : w.ads.values()) {
                AdSet s = w.adSets.get(ad.adsetId);
                Campaign c = w.campaigns.get(ad.campaignId);
                if (s != null && c != null && delivering(ad, s, c)) activeAdsPerSet.merge(s.id, 1, Integer::sum);
            }
            for (AdSet s : w.adSets.values()) {
                if ("ACTIVE".equals(s.status) && activeAdsPerSet.containsKey(s.id)) activeSetsPerCampaign.merge(s.campaignId, 1, Integer::sum);
            }
        }

        double dailyShare(Ad ad) {
            AdSet s = w.adSets.get(ad.adsetId);
            Campaign c = w.campaigns.get(ad.campaignId);
            int ads = Math.max(1, activeAdsPerSet.getOrDefault(s.id, 1));
            double setDaily;
            if (s.dailyBudget != null) setDaily = s.dailyBudget;
            else if (s.lifetimeBudget != null) setDaily = s.lifetimeBudget / lifetimeDays(s.startMs, s.endMs);
            else if (c.dailyBudget != null) setDaily = c.dailyBudget / (double) Math.max(1, activeSetsPerCampaign.getOrDefault(c.id, 1));
            else if (c.lifetimeBudget != null) setDaily = c.lifetimeBudget / 30.0 / Math.max(1, activeSetsPerCampaign.getOrDefault(c.id, 1));
            else setDaily = 0;
            return setDaily / ads;
        }

        static double lifetimeDays(Long start, Long end) {
            if (start == null || end == null || end <= start) return 30;
            return Math.max(1, (end - start) / (double) DAY);
        }
    }

    // ------------------------------------------------------------------ events

    /**
     * Indices [first, first + count) of the hour's events of one kind that fall into this step; only the first
     * {@code webhookSample} of each hour become events. Everything about an event (time, person, text, id) is fixed
     * by (seed, piece, hour, index), so events do not depend on how the clock was stepped either.
     */
    private static long first(Exposure e, Metric m, double f0) {
        return (long) Math.floor(e.hourCounts[m.ordinal()] * f0);
    }

    private static long eventTime(Exposure e, Metric m, long hour, long index) {
        long n = Math.max(1, e.hourCounts[m.ordinal()]);
        return hour * HOUR + (long) ((index + 0.5) * HOUR / n);
    }

    private static SplittableRandom rng(long seed, String id, long hour, long index, int kind) {
        return new SplittableRandom(Market.mix(seed, Market.hash(id), hour, index, kind));
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder().append(1 + r.nextInt(9));
        while (sb.length() < n) sb.append(r.nextInt(10));
        return sb.toString();
    }

    private void emitFeed(World w, String pageId, String postId, Exposure e, long[] delta, long t0, long t1, long hour, double f0,
                          Outbox out, boolean conversions) {
        if (postId == null) return;
        List<Map<String, Object>> changes = out.feedChanges.computeIfAbsent(pageId, k -> new ArrayList<>());
        long fr = first(e, Metric.REACTIONS, f0);
        for (long j = fr; out.buildWebhooks && j < fr + delta[Metric.REACTIONS.ordinal()] && j < webhookSample; j++) {
            SplittableRandom r = rng(w.seed, postId, hour, j, 1);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("from", person(r));
            v.put("post_id", postId);
            v.put("created_time", eventTime(e, Metric.REACTIONS, hour, j) / 1000);
            v.put("item", "reaction");
            v.put("parent_id", postId);
            v.put("reaction_type", REACTIONS[r.nextInt(REACTIONS.length)]);
            v.put("verb", "add");
            changes.add(Map.of("field", "feed", "value", v));
            out.webhookChanges++;
        }
        long fc = first(e, Metric.COMMENTS, f0);
        for (long j = fc; j < fc + delta[Metric.COMMENTS.ordinal()] && j < webhookSample; j++) {
            SplittableRandom r = rng(w.seed, postId, hour, j, 2);
            long at = eventTime(e, Metric.COMMENTS, hour, j);
            Map<String, Object> from = person(r);
            Comment cm = new Comment();
            cm.id = postId.substring(postId.indexOf('_') + 1) + "_" + digits(r, 16);
            cm.parentId = postId;
            cm.fromId = (String) from.get("id");
            cm.fromName = (String) from.get("name");
            cm.message = COMMENTS[r.nextInt(COMMENTS.length)];
            cm.createdMs = at;
            w.comments.put(cm.id, cm);
            if (!out.buildWebhooks) continue;
            out.webhookChanges++;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("from", from);
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("status_type", "added_photos");
            post.put("is_published", true);
            post.put("updated_time", Graph.time(at));
            post.put("permalink_url", "https://www.facebook.com/" + postId);
            post.put("promotion_status", "inactive");
            post.put("id", postId);
            v.put("post", post);
            v.put("message", cm.message);
            v.put("post_id", postId);
            v.put("comment_id", cm.id);
            v.put("created_time", at / 1000);
            v.put("item", "comment");
            v.put("parent_id", postId);
            v.put("verb", "add");
            changes.add(Map.of("field", "feed", "value", v));
        }
        // an ad's conversions are reported with the ad id by the caller
        if (conversions) emitConversions(w, postId, "post", e, delta, hour, f0, out);
    }

    private void emitIg(World w, IgMedia m, Exposure e, long[] delta, long t0, long t1, long hour, double f0, Outbox out) {
        List<Map<String, Object>> changes = out.igChanges.computeIfAbsent(m.igUserId, k -> new ArrayList<>());
        long fc = first(e, Metric.COMMENTS, f0);
        for (long j = fc; j < fc + delta[Metric.COMMENTS.ordinal()] && j < webhookSample; j++) {
            SplittableRandom r = rng(w.seed, m.id, hour, j, 3);
            Map<String, Object> p = person(r);
            Comment cm = new Comment();
            cm.id = "179" + digits(r, 14);
            cm.parentId = m.id;
            cm.fromId = (String) p.get("id");
            cm.fromName = ((String) p.get("name")).toLowerCase().replace(' ', '.');
            cm.message = COMMENTS[r.nextInt(COMMENTS.length)];
            cm.createdMs = eventTime(e, Metric.COMMENTS, hour, j);
            w.comments.put(cm.id, cm);
            if (!out.buildWebhooks) continue;
            out.webhookChanges++;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("from", Map.of("id", cm.fromId, "username", cm.fromName));
            v.put("media", Map.of("id", m.id, "media_product_type", "FEED"));
            v.put("id", cm.id);
            v.put("text", cm.message);
            changes.add(Map.of("field", "comments", "value", v));
        }
        emitConversions(w, m.id, "ig_media", e, delta, hour, f0, out);
    }

    /** Every conversion is sent (they are rare); each is fixed by (seed, piece, hour, kind, index). */
    private void emitConversions(World w, String id, String kind, Exposure e, long[] delta, long hour, double f0, Outbox out) {
        Map<String, String> utm = null;
        for (Metric m : new Metric[]{Metric.SIGNUPS, Metric.TRIALS, Metric.PURCHASES}) {
            long f = first(e, m, f0);
            if (!out.buildConversions) {
                out.conversionCount += (int) delta[m.ordinal()];
                continue;
            }
            for (long j = f; j < f + delta[m.ordinal()]; j++) {
                if (utm == null) utm = Market.utm(e.link);
                SplittableRandom r = rng(w.seed, id, hour, j, 10 + m.ordinal());
                String type = m == Metric.SIGNUPS ? "signup" : m == Metric.TRIALS ? "trial" : "purchase";
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("event_id", "sbx_" + Long.toHexString(Market.mix(w.seed, Market.hash(id), hour, j, m.ordinal())));
                c.put("type", type);
                c.put("value", m == Metric.PURCHASES ? purchaseValue(w.seed, id, hour, j) : 0);
                c.put("currency", "USD");
                c.put("occurred_at", Instant.ofEpochMilli(eventTime(e, m, hour, j)).toString());
                c.put("url", e.link);
                c.put("utm_source", utm.get("utm_source"));
                c.put("utm_medium", utm.get("utm_medium"));
                c.put("utm_campaign", utm.get("utm_campaign"));
                c.put("utm_content", utm.get("utm_content"));
                c.put("utm_term", utm.get("utm_term"));
                c.put("session_id", "s" + digits(r, 19));
                c.put("user_agent", "Mozilla/5.0 (meta-sandbox simulated visitor)");
                c.put("ip_address", "203.0.113." + (1 + r.nextInt(254)));
                c.put("geo_market", e.geo);
                c.put("platform", kind.equals("ig_media") ? "instagram" : "facebook");
                c.put(kind.equals("ad") ? "ad_id" : kind.equals("post") ? "post_id" : "ig_media_id", id);
                out.conversions.add(c);
                out.conversionCount++;
            }
        }
    }

    private static Map<String, Object> person(SplittableRandom r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", "2" + (100_000_000_000_000L + (r.nextLong() & Long.MAX_VALUE) % 800_000_000_000_000L));
        p.put("name", FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)]);
        return p;
    }

    /** Sends what a catch-up produced (outside the world's lock): one webhook POST per page, at most 50 changes. */
    public void flush(Outbox out, long nowMs) {
        try {
            if (deliveries.webhookUrl() != null) {
                send("page", out.feedChanges, nowMs);
                send("instagram", out.igChanges, nowMs);
            }
            if (deliveries.conversionUrl() != null) {
                for (Map<String, Object> c : out.conversions) deliveries.conversion(mapper.writeValueAsString(c));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String object, Map<String, List<Map<String, Object>>> byEntry, long nowMs) throws JsonProcessingException {
        for (Map.Entry<String, List<Map<String, Object>>> e : byEntry.entrySet()) {
            List<Map<String, Object>> all = e.getValue();
            for (int i = 0; i < all.size(); i += 50) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", e.getKey());
                entry.put("time", nowMs / 1000);
                entry.put("changes", all.subList(i, Math.min(all.size(), i + 50)));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("entry", List.of(entry));
                body.put("object", object);
                deliveries.webhook(mapper.writeValueAsString(body));
            }
        }
    }

    /** Segment hint and geo of an ad set (name, targeting countries). */
    public static String[] adsetHints(ObjectMapper mapper, AdSet s) {
        String geo = null;
        if (s.targeting != null) {
            try {
                JsonNode t = mapper.readTree(s.targeting);
                JsonNode c = t.path("geo_locations").path("countries");
                if (c.isArray() && !c.isEmpty()) geo = c.get(0).asText();
            } catch (Exception ignored) {
                // validated at creation
            }
        }
        return new String[]{s.name, geo};
    }

    public SandboxState state() {
        return state;
    }
}
