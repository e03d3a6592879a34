package io.campaignengine.metasandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.metasandbox.domain.World;
import io.campaignengine.metasandbox.domain.World.Ad;
import io.campaignengine.metasandbox.domain.World.AdAccount;
import io.campaignengine.metasandbox.domain.World.DayStats;
import io.campaignengine.metasandbox.domain.World.Exposure;
import io.campaignengine.metasandbox.domain.World.Metric;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Insights: the Ads Insights rows of the Marketing API ({@code /{ad|adset|campaign|act}/insights} with fields,
 * date_preset, time_range, time_increment, level) and the metric form of Page posts and Instagram media.
 * Numbers are strings and money is in major units, as Meta returns them; ctr is a percentage.
 */
final class Insights {

    static final Set<String> AD_FIELDS = new LinkedHashSet<>(List.of("account_id", "account_name", "campaign_id", "campaign_name",
            "adset_id", "adset_name", "ad_id", "ad_name", "objective", "impressions", "reach", "frequency", "clicks",
            "inline_link_clicks", "inline_link_click_ctr", "outbound_clicks", "ctr", "cpc", "cpm", "cpp", "spend", "actions",
            "action_values", "cost_per_action_type", "account_currency", "date_start", "date_stop"));
    static final Set<String> PRESETS = new LinkedHashSet<>(List.of("today", "yesterday", "this_month", "last_month", "this_quarter",
            "maximum", "data_maximum", "last_3d", "last_7d", "last_14d", "last_28d", "last_30d", "last_90d", "last_week_mon_sun",
            "last_week_sun_sat", "last_quarter", "last_year", "this_week_mon_today", "this_week_sun_today", "this_year"));

    private final Graph graph;
    private final Simulation sim;
    private final ObjectMapper mapper = new ObjectMapper();

    Insights(Graph graph, Simulation sim) {
        this.graph = graph;
        this.sim = sim;
    }

    static DayStats total(Exposure e, long fromDay, long toDay) {
        DayStats t = new DayStats();
        for (Map.Entry<Long, DayStats> d : e.days.subMap(fromDay, true, toDay, true).entrySet()) t.add(d.getValue());
        return t;
    }

    // ------------------------------------------------------------------ date ranges

    record Range(LocalDate since, LocalDate until) {
    }

    Range range(Ctx ctx) {
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(ctx.now, Simulation.DAY));
        String tr = ctx.params.get("time_range");
        if (tr != null) {
            try {
                JsonNode n = mapper.readTree(tr);
                LocalDate since = LocalDate.parse(n.path("since").asText());
                LocalDate until = LocalDate.parse(n.path("until").asText());
                if (until.isBefore(since)) throw GraphException.param("time_range: until must not be before since");
                return new Range(since, until);
            } catch (GraphException e) {
                throw e;
            } catch (Exception e) {
                throw GraphException.param("Param time_range must be a JSON object {\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}");
            }
        }
        String preset = ctx.params.get("date_preset");
        if (preset == null) preset = "last_30d";
        if (!PRESETS.contains(preset)) {
            throw GraphException.param("date_preset must be one of the following values: " + String.join(", ", PRESETS));
        }
        LocalDate y = today.minusDays(1);
        return switch (preset) {
            case "today" -> new Range(today, today);
            case "yesterday" -> new Range(y, y);
            case "this_month" -> new Range(today.withDayOfMonth(1), today);
            case "last_month" -> new Range(today.minusMonths(1).withDayOfMonth(1), today.withDayOfMonth(1).minusDays(1));
            case "this_quarter" -> new Range(today.with(IsoFields.DAY_OF_QUARTER, 1), today);
            case "last_quarter" -> {
                LocalDate q = today.with(IsoFields.DAY_OF_QUARTER, 1);
                yield new Range(q.minusMonths(3), q.minusDays(1));
            }
            case "maximum", "data_maximum" -> new Range(LocalDate.of(2000, 1, 1), today);
            case "last_3d" -> new Range(today.minusDays(3), y);
            case "last_7d" -> new Range(today.minusDays(7), y);
            case "last_14d" -> new Range(today.minusDays(14), y);
            case "last_28d" -> new Range(today.minusDays(28), y);
            case "last_90d" -> new Range(today.minusDays(90), y);
            case "last_week_mon_sun" -> {
                LocalDate mon = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new Range(mon, mon.plusDays(6));
            }
            case "last_week_sun_sat" -> {
                LocalDate sun = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).minusWeeks(1);
                yield new Range(sun, sun.plusDays(6));
            }
            case "last_year" -> new Range(today.minusYears(1).withDayOfYear(1), today.withDayOfYear(1).minusDays(1));
            case "this_week_mon_today" -> new Range(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today);
            case "this_week_sun_today" -> new Range(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)), today);
            case "this_year" -> new Range(today.withDayOfYear(1), today);
            default -> new Range(today.minusDays(30), y); // last_30d
        };
    }

    /** Splits a range by time_increment: all_days (default), monthly, or N days (1..90). */
    List<Range> buckets(Ctx ctx, Range r) {
        String inc = ctx.params.get("time_increment");
        List<Range> out = new ArrayList<>();
        if (inc == null || inc.equals("all_days")) {
            out.add(r);
            return out;
        }
        if (inc.equals("monthly")) {
            LocalDate s = r.since();
            while (!s.isAfter(r.until())) {
                LocalDate e = s.with(TemporalAdjusters.lastDayOfMonth());
                if (e.isAfter(r.until())) e = r.until();
                out.add(new Range(s, e));
                s = e.plusDays(1);
            }
            return out;
        }
        int n;
        try {
            n = Integer.parseInt(inc);
        } catch (NumberFormatException e) {
            throw GraphException.param("Param time_increment must be all_days, monthly or a number of days between 1 and 90");
        }
        if (n < 1 || n > 90) throw GraphException.param("Param time_increment must be all_days, monthly or a number of days between 1 and 90");
        LocalDate s = r.since();
        while (!s.isAfter(r.until())) {
            LocalDate e = s.plusDays(n - 1);
            if (e.isAfter(r.until())) e = r.until();
            out.add(new Range(s, e));
            s = e.plusDays(1);
        }
        return out;
    }

    // ------------------------------------------------------------------ ads insights

    Object ads(Ctx ctx, AdAccount account, String objectId, String objectLevel) {
        World w = ctx.w;
        if (ctx.params.has("breakdowns")) {
            throw GraphException.param("breakdowns are not simulated by the sandbox");
        }
        List<Ad> ads = new ArrayList<>();
        for (Ad ad : w.ads.values()) {
            if (!ad.accountId.equals(account.id)) continue;
            boolean in = switch (objectLevel) {
                case "account" -> true;
                case "campaign" -> ad.campaignId.equals(objectId);
                case "adset" -> ad.adsetId.equals(objectId);
                default -> ad.id.equals(objectId);
            };
            if (in) ads.add(ad);
        }
        Marketing.merge(ctx, sim.catchUpAds(w, ads, ctx.now));
        String level = ctx.params.get("level") == null ? objectLevel : ctx.params.get("level").toLowerCase(Locale.ROOT);
        if (!Set.of("account", "campaign", "adset", "ad").contains(level)) {
            throw GraphException.param("level must be one of the following values: ad, adset, campaign, account");
        }
        String fieldsParam = ctx.params.get("fields");
        List<String> fields = new ArrayList<>();
        for (String f : (fieldsParam == null ? "impressions,reach,clicks,ctr,spend" : fieldsParam).split(",")) {
            String t = f.trim();
            if (t.isEmpty()) continue;
            if (!AD_FIELDS.contains(t)) throw GraphException.param("fields must be one of the following values: " + String.join(", ", AD_FIELDS));
            fields.add(t);
        }
        Range range = range(ctx);
        List<Range> buckets = buckets(ctx, range);
        Map<String, List<Ad>> groups = new LinkedHashMap<>();
        for (Ad ad : ads) {
            String key = switch (level) {
                case "account" -> account.id;
                case "campaign" -> ad.campaignId;
                case "adset" -> ad.adsetId;
                default -> ad.id;
            };
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(ad);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Ad>> g : groups.entrySet()) {
            for (Range b : buckets) {
                DayStats t = new DayStats();
                long reach = 0;
                for (Ad ad : g.getValue()) {
                    DayStats d = total(ad.exposure, b.since().toEpochDay(), b.until().toEpochDay());
                    t.add(d);
                    reach += Market.reach(ad.exposure.audience, d.get(Metric.IMPRESSIONS));
                }
                if (t.get(Metric.IMPRESSIONS) == 0 && t.spendMinor < 0.5) continue;
                rows.add(adRow(w, account, g.getValue().get(0), level, fields, t, reach, b));
            }
        }
        return Paging.page(rows, ctx);
    }

    private Map<String, Object> adRow(World w, AdAccount account, Ad sample, String level, List<String> fields, DayStats t, long reach, Range b) {
        long impressions = t.get(Metric.IMPRESSIONS);
        long clicks = t.get(Metric.CLICKS);
        double spend = Math.round(t.spendMinor) / 100.0;
        Map<String, Object> row = new LinkedHashMap<>();
        World.Campaign c = w.campaigns.get(sample.campaignId);
        World.AdSet s = w.adSets.get(sample.adsetId);
        for (String f : fields) {
            Object v = switch (f) {
                case "account_id" -> account.accountId;
                case "account_name" -> account.name;
                case "account_currency" -> account.currency;
                case "campaign_id" -> level.equals("account") ? null : c.id;
                case "campaign_name" -> level.equals("account") ? null : c.name;
                case "adset_id" -> level.equals("ad") || level.equals("adset") ? s.id : null;
                case "adset_name" -> level.equals("ad") || level.equals("adset") ? s.name : null;
                case "ad_id" -> level.equals("ad") ? sample.id : null;
                case "ad_name" -> level.equals("ad") ? sample.name : null;
                case "objective" -> level.equals("account") ? null : c.objective;
                case "impressions" -> Long.toString(impressions);
                case "reach" -> Long.toString(reach);
                case "frequency" -> dec(reach == 0 ? 0 : impressions / (double) reach, 6);
                case "clicks", "inline_link_clicks" -> Long.toString(clicks);
                case "ctr", "inline_link_click_ctr" -> dec(impressions == 0 ? 0 : clicks * 100.0 / impressions, 6);
                case "outbound_clicks" -> List.of(action("outbound_click", clicks));
                case "cpc" -> clicks == 0 ? null : dec(spend / clicks, 6);
                case "cpm" -> impressions == 0 ? null : dec(spend * 1000 / impressions, 6);
                case "cpp" -> reach == 0 ? null : dec(spend * 1000 / reach, 6);
                case "spend" -> dec(spend, 2);
                case "actions" -> actions(t);
                case "action_values" -> t.get(Metric.PURCHASES) == 0 ? null
                        : List.of(Map.of("action_type", "offsite_conversion.fb_pixel_purchase", "value", dec(t.purchaseValue, 2)));
                case "cost_per_action_type" -> costPerAction(t, spend);
                default -> null; // date_start/date_stop are always added last
            };
            if (v != null) row.put(f, v);
        }
        row.put("date_start", b.since().toString());
        row.put("date_stop", b.until().toString());
        return row;
    }

    private static Map<String, Object> action(String type, long value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action_type", type);
        m.put("value", Long.toString(value));
        return m;
    }

    static Map<String, Long> actionCounts(DayStats t) {
        Map<String, Long> m = new LinkedHashMap<>();
        long engagement = t.get(Metric.CLICKS) + t.get(Metric.REACTIONS) + t.get(Metric.COMMENTS) + t.get(Metric.SHARES);
        m.put("link_click", t.get(Metric.CLICKS));
        m.put("landing_page_view", t.get(Metric.LANDING_VIEWS));
        m.put("post_reaction", t.get(Metric.REACTIONS));
        m.put("comment", t.get(Metric.COMMENTS));
        m.put("post", t.get(Metric.SHARES));
        m.put("post_engagement", engagement);
        m.put("page_engagement", engagement);
        m.put("offsite_conversion.fb_pixel_complete_registration", t.get(Metric.SIGNUPS));
        m.put("offsite_conversion.fb_pixel_start_trial", t.get(Metric.TRIALS));
        m.put("offsite_conversion.fb_pixel_purchase", t.get(Metric.PURCHASES));
        return m;
    }

    private static List<Map<String, Object>> actions(DayStats t) {
        List<Map<String, Object>> out = new ArrayList<>();
        actionCounts(t).forEach((k, v) -> {
            if (v > 0) out.add(action(k, v));
        });
        return out.isEmpty() ? null : out;
    }

    private static List<Map<String, Object>> costPerAction(DayStats t, double spend) {
        List<Map<String, Object>> out = new ArrayList<>();
        actionCounts(t).forEach((k, v) -> {
            if (v > 0) out.add(Map.of("action_type", k, "value", dec(spend / v, 6)));
        });
        return out.isEmpty() ? null : out;
    }

    static String dec(double v, int places) {
        return java.math.BigDecimal.valueOf(v).setScale(places, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    // ------------------------------------------------------------------ organic insights (metric form)

    private static final Map<String, String[]> POST_METRICS = new LinkedHashMap<>();
    private static final Map<String, String[]> IG_METRICS = new LinkedHashMap<>();

    static {
        POST_METRICS.put("post_impressions", new String[]{"Lifetime Post Total Impressions", "Lifetime: The number of times your Page's post entered a person's screen."});
        POST_METRICS.put("post_impressions_unique", new String[]{"Lifetime Post Total Reach", "Lifetime: The number of people who had your Page's post enter their screen."});
        POST_METRICS.put("post_impressions_organic", new String[]{"Lifetime Post Organic Impressions", "Lifetime: The number of times your Page's post entered a person's screen through unpaid distribution."});
        POST_METRICS.put("post_impressions_paid", new String[]{"Lifetime Post Paid Impressions", "Lifetime: The number of times your Page's post entered a person's screen through paid distribution."});
        POST_METRICS.put("post_clicks", new String[]{"Lifetime Post Clicks", "Lifetime: The number of clicks anywhere in your post."});
        POST_METRICS.put("post_clicks_by_type", new String[]{"Lifetime Post Clicks by type", "Lifetime: The number of clicks anywhere in your post, by type."});
        POST_METRICS.put("post_reactions_by_type_total", new String[]{"Lifetime Total post Reactions by Type.", "Lifetime: Total post reactions by type."});
        POST_METRICS.put("post_reactions_like_total", new String[]{"Lifetime Total Like Reactions of a post.", "Lifetime: Total like reactions of a post."});
        POST_METRICS.put("post_engaged_users", new String[]{"Lifetime Engaged Users", "Lifetime: The number of unique people who engaged in certain ways with your Page post."});
        POST_METRICS.put("post_activity_by_action_type", new String[]{"Lifetime Post Stories by action type", "Lifetime: The number of stories created about your Page post, by action type."});
        IG_METRICS.put("impressions", new String[]{"Impressions", "Total number of times the media object has been seen"});
        IG_METRICS.put("reach", new String[]{"Reach", "Total number of unique accounts that have seen the media object"});
        IG_METRICS.put("likes", new String[]{"Likes", "Number of likes on the media object"});
        IG_METRICS.put("comments", new String[]{"Comments", "Number of comments on the media object"});
        IG_METRICS.put("saved", new String[]{"Saved", "Total number of unique accounts that have saved the media object"});
        IG_METRICS.put("shares", new String[]{"Shares", "Number of shares of the media object"});
        IG_METRICS.put("total_interactions", new String[]{"Total interactions", "Likes, saves, comments and shares on the media object"});
        IG_METRICS.put("profile_visits", new String[]{"Profile visits", "Number of times the profile was visited from the media object"});
    }

    private static List<String> metrics(Ctx ctx, Map<String, String[]> known) {
        String m = ctx.params.get("metric");
        if (m == null) throw GraphException.param("The value must be a valid insights metric");
        List<String> out = new ArrayList<>();
        for (String s : m.split(",")) {
            String t = s.trim();
            if (t.isEmpty()) continue;
            if (!known.containsKey(t)) throw GraphException.param("The value must be a valid insights metric");
            out.add(t);
        }
        return out;
    }

    private static Map<String, Object> entry(String objectId, String name, String period, Object value, String[] meta) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("period", period);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", value);
        e.put("values", List.of(v));
        e.put("title", meta[0]);
        e.put("description", meta[1]);
        e.put("id", objectId + "/insights/" + name + "/" + period);
        return e;
    }

    Object post(Ctx ctx, World.Post p) {
        if (!ctx.scope("read_insights")) throw GraphException.permission10();
        Marketing.merge(ctx, sim.catchUpPostOnly(ctx.w, p, ctx.now));
        DayStats t = total(p.exposure, Long.MIN_VALUE, Long.MAX_VALUE);
        long impressions = t.get(Metric.IMPRESSIONS);
        long reach = Market.reach(ctx.w.pages.get(p.pageId).followers * 3.0, impressions);
        List<Map<String, Object>> data = new ArrayList<>();
        for (String m : metrics(ctx, POST_METRICS)) {
            Object v = switch (m) {
                case "post_impressions", "post_impressions_organic" -> impressions;
                case "post_impressions_unique" -> reach;
                case "post_impressions_paid" -> 0L;
                case "post_clicks" -> t.get(Metric.CLICKS);
                case "post_clicks_by_type" -> t.get(Metric.CLICKS) == 0 ? Map.of() : Map.of("link clicks", t.get(Metric.CLICKS));
                case "post_reactions_by_type_total" -> t.get(Metric.REACTIONS) == 0 ? Map.of() : Map.of("like", t.get(Metric.REACTIONS));
                case "post_reactions_like_total" -> t.get(Metric.REACTIONS);
                case "post_engaged_users" -> Math.min(reach, t.get(Metric.CLICKS) + t.get(Metric.REACTIONS) + t.get(Metric.COMMENTS));
                default -> {
                    Map<String, Long> a = new LinkedHashMap<>();
                    if (t.get(Metric.REACTIONS) > 0) a.put("like", t.get(Metric.REACTIONS));
                    if (t.get(Metric.COMMENTS) > 0) a.put("comment", t.get(Metric.COMMENTS));
                    if (t.get(Metric.SHARES) > 0) a.put("share", t.get(Metric.SHARES));
                    yield a;
                }
            };
            data.add(entry(p.id, m, "lifetime", v, POST_METRICS.get(m)));
        }
        return Map.of("data", data);
    }

    Object igMedia(Ctx ctx, World.IgMedia m) {
        if (!ctx.scope("instagram_manage_insights")) throw GraphException.permission10();
        Marketing.merge(ctx, sim.catchUpMediaOnly(ctx.w, m, ctx.now));
        DayStats t = total(m.exposure, Long.MIN_VALUE, Long.MAX_VALUE);
        long impressions = t.get(Metric.IMPRESSIONS);
        long reach = Market.reach(ctx.w.igUsers.get(m.igUserId).followers * 3.0, impressions);
        List<Map<String, Object>> data = new ArrayList<>();
        for (String name : metrics(ctx, IG_METRICS)) {
            long v = switch (name) {
                case "impressions" -> impressions;
                case "reach" -> reach;
                case "likes" -> t.get(Metric.REACTIONS);
                case "comments" -> t.get(Metric.COMMENTS);
                case "saved" -> t.get(Metric.SAVES);
                case "shares" -> t.get(Metric.SHARES);
                case "profile_visits" -> t.get(Metric.CLICKS);
                default -> t.get(Metric.REACTIONS) + t.get(Metric.COMMENTS) + t.get(Metric.SAVES) + t.get(Metric.SHARES);
            };
            data.add(entry(m.id, name, "lifetime", v, IG_METRICS.get(name)));
        }
        return Map.of("data", data);
    }

    /** Page level: daily totals of the page's posts (metric page_impressions, page_post_engagements). */
    Object page(Ctx ctx, World.Page page) {
        if (!ctx.scope("read_insights")) throw GraphException.permission10();
        return daily(ctx, page.id, page.postIds.stream().map(ctx.w.posts::get).map(p -> p.exposure).toList(),
                Map.of("page_impressions", "Daily Total Impressions", "page_post_engagements", "Daily Post Engagements"),
                List.of("page_impressions", "page_post_engagements"));
    }

    Object igUser(Ctx ctx, World.IgUser ig) {
        if (!ctx.scope("instagram_manage_insights")) throw GraphException.permission10();
        return daily(ctx, ig.id, ig.mediaIds.stream().map(ctx.w.igMedia::get).map(m -> m.exposure).toList(),
                Map.of("impressions", "Impressions", "reach", "Reach"), List.of("impressions", "reach"));
    }

    private Object daily(Ctx ctx, String id, List<Exposure> exposures, Map<String, String> known, List<String> order) {
        Marketing.merge(ctx, sim.catchUpAll(ctx.w, ctx.now));
        String m = ctx.params.get("metric");
        if (m == null) throw GraphException.param("The value must be a valid insights metric");
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(ctx.now, Simulation.DAY));
        LocalDate since = ctx.params.has("since") ? LocalDate.ofEpochDay(Math.floorDiv(Graph.parseTime(ctx.params.get("since"), "since"), Simulation.DAY)) : today.minusDays(2);
        LocalDate until = ctx.params.has("until") ? LocalDate.ofEpochDay(Math.floorDiv(Graph.parseTime(ctx.params.get("until"), "until"), Simulation.DAY)) : today.minusDays(1);
        List<Map<String, Object>> data = new ArrayList<>();
        for (String name : m.split(",")) {
            String n = name.trim();
            if (!known.containsKey(n)) throw GraphException.param("The value must be a valid insights metric");
            List<Map<String, Object>> values = new ArrayList<>();
            for (LocalDate d = since; !d.isAfter(until); d = d.plusDays(1)) {
                long v = 0;
                for (Exposure e : exposures) {
                    DayStats s = total(e, d.toEpochDay(), d.toEpochDay());
                    v += n.contains("engagement") ? s.get(Metric.CLICKS) + s.get(Metric.REACTIONS) + s.get(Metric.COMMENTS) : s.get(Metric.IMPRESSIONS);
                }
                Map<String, Object> val = new LinkedHashMap<>();
                val.put("value", v);
                val.put("end_time", Graph.time((d.toEpochDay() + 1) * Simulation.DAY));
                values.add(val);
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", n);
            e.put("period", "day");
            e.put("values", values);
            e.put("title", known.get(n));
            e.put("description", known.get(n));
            e.put("id", id + "/insights/" + n + "/day");
            data.add(e);
        }
        return Map.of("data", data);
    }
}
