package io.campaignengine.metasandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.metasandbox.domain.World;
import io.campaignengine.metasandbox.domain.World.Ad;
import io.campaignengine.metasandbox.domain.World.AdAccount;
import io.campaignengine.metasandbox.domain.World.AdSet;
import io.campaignengine.metasandbox.domain.World.Campaign;
import io.campaignengine.metasandbox.domain.World.Creative;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Marketing API: ad accounts, campaigns, ad sets (budgets in minor units of the account currency), creatives and
 * ads; {@code POST /{id}} for status and budget changes; validation with Meta's codes.
 */
final class Marketing {

    static final Set<String> OBJECTIVES = Set.of("OUTCOME_AWARENESS", "OUTCOME_TRAFFIC", "OUTCOME_ENGAGEMENT", "OUTCOME_LEADS",
            "OUTCOME_SALES", "OUTCOME_APP_PROMOTION", "LINK_CLICKS", "CONVERSIONS", "REACH", "POST_ENGAGEMENT", "BRAND_AWARENESS");
    static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED", "ARCHIVED", "DELETED");
    static final Set<String> BILLING = Set.of("IMPRESSIONS", "LINK_CLICKS", "THRUPLAY", "POST_ENGAGEMENT", "PAGE_LIKES");
    static final Set<String> GOALS = Set.of("LINK_CLICKS", "LANDING_PAGE_VIEWS", "IMPRESSIONS", "REACH", "OFFSITE_CONVERSIONS",
            "POST_ENGAGEMENT", "LEAD_GENERATION", "QUALITY_LEAD", "VALUE", "CONVERSATIONS", "THRUPLAY", "PAGE_LIKES");
    static final Set<String> SPECIAL = Set.of("NONE", "EMPLOYMENT", "HOUSING", "CREDIT", "ISSUES_ELECTIONS_POLITICS", "FINANCIAL_PRODUCTS_SERVICES");
    static final long MIN_DAILY_BUDGET = 100;

    private final Graph graph;
    private final Simulation sim;
    private final ObjectMapper mapper;
    private final Insights insights;

    Marketing(Graph graph, Simulation sim, ObjectMapper mapper, Insights insights) {
        this.graph = graph;
        this.sim = sim;
        this.mapper = mapper;
        this.insights = insights;
    }

    /** Handles the call when {@code id} is a Marketing API object, else null. */
    Object route(Ctx ctx, String id, String edge) {
        World w = ctx.w;
        if (w.adAccounts.containsKey(id)) return account(ctx, w.adAccounts.get(id), edge);
        if (w.campaigns.containsKey(id)) {
            Campaign c = w.campaigns.get(id);
            return node(ctx, c.accountId, id, edge, "Campaign");
        }
        if (w.adSets.containsKey(id)) return node(ctx, w.adSets.get(id).accountId, id, edge, "AdSet");
        if (w.ads.containsKey(id)) return node(ctx, w.ads.get(id).accountId, id, edge, "Ad");
        if (w.creatives.containsKey(id)) return node(ctx, w.creatives.get(id).accountId, id, edge, "AdCreative");
        return null;
    }

    private AdAccount own(Ctx ctx, String accountId, String id) {
        AdAccount a = ctx.w.adAccounts.get(accountId);
        if (a == null || ctx.pageToken() || ctx.user == null || !ctx.user.adAccountIds.contains(a.id)) {
            throw GraphException.unsupported(ctx.method, id);
        }
        return a;
    }

    private void read(Ctx ctx) {
        if (!ctx.scope("ads_read") && !ctx.scope("ads_management")) {
            throw GraphException.permission200("Ad account owners have NOT grant ads_management or ads_read permission");
        }
    }

    private void write(Ctx ctx) {
        if (!ctx.scope("ads_management")) throw GraphException.permission200("Requires ads_management permission to manage the object");
    }

    // ------------------------------------------------------------------ account

    private Object account(Ctx ctx, AdAccount a, String edge) {
        own(ctx, a.id, a.id);
        boolean isInsights = "insights".equals(edge);
        graph.meter(ctx, isInsights ? Graph.Bucket.INSIGHTS : Graph.Bucket.ADS, a.accountId);
        if (ctx.post() || ctx.delete()) write(ctx);
        else read(ctx);
        if (edge == null) {
            if (!ctx.get()) throw GraphException.unsupported(ctx.method, a.id);
            return accountNode(ctx, a, ctx.params.get("fields"));
        }
        World w = ctx.w;
        switch (edge) {
            case "campaigns" -> {
                if (ctx.post()) return createCampaign(ctx, a);
                if (ctx.get()) return list(ctx, filter(w.campaigns.values(), c -> c.accountId.equals(a.id), this::campaignFields), "Campaign");
            }
            case "adsets" -> {
                if (ctx.post()) return createAdSet(ctx, a);
                if (ctx.get()) return list(ctx, filter(w.adSets.values(), s -> s.accountId.equals(a.id), this::adsetFields), "AdSet");
            }
            case "ads" -> {
                if (ctx.post()) return createAd(ctx, a);
                if (ctx.get()) return list(ctx, filter(w.ads.values(), x -> x.accountId.equals(a.id), this::adFields), "Ad");
            }
            case "adcreatives" -> {
                if (ctx.post()) return createCreative(ctx, a);
                if (ctx.get()) return list(ctx, filter(w.creatives.values(), x -> x.accountId.equals(a.id), this::creativeFields), "AdCreative");
            }
            case "adimages" -> {
                if (ctx.post()) return uploadImage(ctx, a);
                if (ctx.get()) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (World.AdImage img : w.adImages.values()) {
                        if (!img.accountId.equals(a.id)) continue;
                        Map<String, Object> all = new LinkedHashMap<>();
                        all.put("id", a.accountId + ":" + img.hash);
                        all.put("hash", img.hash);
                        all.put("name", img.name);
                        all.put("url", img.url);
                        all.put("account_id", a.accountId);
                        all.put("status", "ACTIVE");
                        all.put("created_time", Graph.time(img.createdMs));
                        rows.add(Fields.select(all, new java.util.LinkedHashSet<>(List.of("hash", "id")), ctx.params.get("fields"), "AdImage"));
                    }
                    return Paging.page(rows, ctx);
                }
            }
            case "insights" -> {
                if (ctx.get()) return insights.ads(ctx, a, a.id, "account");
            }
            default -> {
                if (ctx.post()) throw GraphException.unknownPath(edge);
                throw GraphException.nonexistingField(edge, "AdAccount");
            }
        }
        throw GraphException.unsupported(ctx.method, a.id);
    }

    Map<String, Object> accountNode(Ctx ctx, AdAccount a, String fields) {
        World w = ctx.w;
        double spent = 0;
        for (Ad ad : w.ads.values()) if (ad.accountId.equals(a.id)) spent += Insights.total(ad.exposure, Long.MIN_VALUE, Long.MAX_VALUE).spendMinor;
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", a.id);
        all.put("account_id", a.accountId);
        all.put("name", a.name);
        all.put("account_status", 1);
        all.put("currency", a.currency);
        all.put("timezone_name", a.timezoneName);
        all.put("timezone_offset_hours_utc", 0);
        all.put("amount_spent", Long.toString(Math.round(spent)));
        all.put("balance", "0");
        all.put("spend_cap", "0");
        all.put("business", Map.of("id", a.businessId, "name", w.users.get(a.ownerUserId).name + " Business"));
        all.put("owner", a.businessId);
        return Fields.select(all, Set.of("account_id", "id"), fields, "AdAccount");
    }

    // ------------------------------------------------------------------ nodes

    private Object node(Ctx ctx, String accountId, String id, String edge, String type) {
        AdAccount a = own(ctx, accountId, id);
        boolean isInsights = "insights".equals(edge);
        graph.meter(ctx, isInsights ? Graph.Bucket.INSIGHTS : Graph.Bucket.ADS, a.accountId);
        if (ctx.post() || ctx.delete()) write(ctx);
        else read(ctx);
        World w = ctx.w;
        if (edge == null) {
            if (ctx.get()) {
                Map<String, Object> all = switch (type) {
                    case "Campaign" -> campaignFields(w.campaigns.get(id));
                    case "AdSet" -> adsetFields(w.adSets.get(id));
                    case "Ad" -> adFields(w.ads.get(id));
                    default -> creativeFields(w.creatives.get(id));
                };
                return select(ctx, a, all, ctx.params.get("fields"), type);
            }
            if (ctx.delete()) {
                update(ctx, a, type, id, Map.of("status", "DELETED"));
                return Map.of("success", true);
            }
            update(ctx, a, type, id, ctx.params.asMap());
            return Map.of("success", true);
        }
        if (isInsights && ctx.get()) {
            if (type.equals("AdCreative")) throw GraphException.nonexistingField(edge, type);
            return insights.ads(ctx, a, id, type.toLowerCase());
        }
        if (ctx.get()) {
            switch (type + "/" + edge) {
                case "Campaign/adsets" -> {
                    return list(ctx, filter(w.adSets.values(), s -> s.campaignId.equals(id), this::adsetFields), "AdSet");
                }
                case "Campaign/ads" -> {
                    return list(ctx, filter(w.ads.values(), x -> x.campaignId.equals(id), this::adFields), "Ad");
                }
                case "AdSet/ads" -> {
                    return list(ctx, filter(w.ads.values(), x -> x.adsetId.equals(id), this::adFields), "Ad");
                }
                case "Ad/adcreatives" -> {
                    Ad ad = w.ads.get(id);
                    return list(ctx, filter(w.creatives.values(), c -> c.id.equals(ad.creativeId), this::creativeFields), "AdCreative");
                }
                default -> throw GraphException.nonexistingField(edge, type);
            }
        }
        throw GraphException.unknownPath(edge);
    }

    private interface Pred<T> {
        boolean test(T t);
    }

    private interface Render<T> {
        Map<String, Object> render(T t);
    }

    private static <T> List<Map<String, Object>> filter(Collection<T> all, Pred<T> p, Render<T> r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (T t : all) if (p.test(t)) out.add(r.render(t));
        java.util.Collections.reverse(out); // newest first, like Meta
        return out;
    }

    /**
     * Field selection where {@code insights.date_preset(last_7d).time_increment(1){impressions,clicks}} inlines the
     * insights edge of each object (left out when there is no delivery, as Meta does).
     */
    private Map<String, Object> select(Ctx ctx, AdAccount a, Map<String, Object> all, String fields, String type) {
        if (fields == null || !fields.contains("insights") || type.equals("AdCreative")) return Fields.select(all, Set.of("id"), fields, type);
        String spec = null;
        StringBuilder rest = new StringBuilder();
        for (String item : Fields.items(fields)) {
            String t = item.trim();
            if (t.equals("insights") || t.startsWith("insights.") || t.startsWith("insights{")) spec = t;
            else if (!t.isEmpty()) rest.append(rest.length() == 0 ? "" : ",").append(t);
        }
        Map<String, Object> row = Fields.select(all, Set.of("id"), rest.length() == 0 ? "id" : rest.toString(), type);
        if (spec == null) return row;
        Map<String, String> p = new LinkedHashMap<>();
        int depth = 0;
        int i = "insights".length();
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c == '.' && depth == 0) {
                int open = spec.indexOf('(', i);
                int close = open < 0 ? -1 : spec.indexOf(')', open);
                if (open < 0 || close < 0) throw GraphException.param("Invalid insights modifier in fields");
                p.put(spec.substring(i + 1, open), spec.substring(open + 1, close));
                i = close + 1;
            } else if (c == '{' && depth == 0) {
                if (!spec.endsWith("}")) throw GraphException.param("Invalid insights fields in fields");
                p.put("fields", spec.substring(i + 1, spec.length() - 1));
                break;
            } else {
                i++;
            }
        }
        Ctx sub = ctx.derive(new Params(p));
        String level = switch (type) {
            case "Campaign" -> "campaign";
            case "AdSet" -> "adset";
            default -> "ad";
        };
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) insights.ads(sub, a, (String) all.get("id"), level);
        if (sub.outbox != null) merge(ctx, sub.outbox);
        if (!((List<?>) result.get("data")).isEmpty()) row.put("insights", result);
        return row;
    }

    private Object list(Ctx ctx, List<Map<String, Object>> rows, String type) {
        String fields = ctx.params.get("fields");
        String statusFilter = ctx.params.get("effective_status");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if (statusFilter != null && !statusFilter.contains("\"" + r.get("effective_status") + "\"")) continue;
            if (statusFilter == null && "DELETED".equals(r.get("status"))) continue;
            out.add(select(ctx, ctx.w.adAccounts.get("act_" + r.get("account_id")), r, fields, type));
        }
        return Paging.page(out, ctx);
    }

    static String str(Long v) {
        return v == null ? null : Long.toString(v);
    }

    static String effective(String own, String... parents) {
        if ("DELETED".equals(own) || "ARCHIVED".equals(own) || "PAUSED".equals(own)) return own;
        for (int i = 0; i < parents.length; i += 2) {
            if (parents[i + 1] != null && !"ACTIVE".equals(parents[i + 1])) return parents[i] + "_PAUSED";
        }
        return own;
    }

    Map<String, Object> campaignFields(Campaign c) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", c.id);
        all.put("account_id", c.accountId.substring(4));
        all.put("name", c.name);
        all.put("objective", c.objective);
        all.put("status", c.status);
        all.put("configured_status", c.status);
        all.put("effective_status", c.status);
        all.put("buying_type", c.buyingType);
        all.put("special_ad_categories", c.specialAdCategories);
        all.put("daily_budget", str(c.dailyBudget));
        all.put("lifetime_budget", str(c.lifetimeBudget));
        all.put("budget_remaining", c.dailyBudget != null || c.lifetimeBudget != null ? "0" : null);
        all.put("created_time", Graph.time(c.createdMs));
        all.put("updated_time", Graph.time(c.updatedMs));
        all.put("start_time", Graph.time(c.createdMs));
        all.put("stop_time", null);
        return all;
    }

    Map<String, Object> adsetFields(AdSet s) {
        World w = graph.state().world();
        Campaign c = w.campaigns.get(s.campaignId);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", s.id);
        all.put("account_id", s.accountId.substring(4));
        all.put("campaign_id", s.campaignId);
        all.put("campaign", Map.of("id", s.campaignId));
        all.put("name", s.name);
        all.put("status", s.status);
        all.put("configured_status", s.status);
        all.put("effective_status", effective(s.status, "CAMPAIGN", c.status));
        all.put("daily_budget", str(s.dailyBudget));
        all.put("lifetime_budget", str(s.lifetimeBudget));
        all.put("budget_remaining", s.dailyBudget != null || s.lifetimeBudget != null ? "0" : null);
        all.put("billing_event", s.billingEvent);
        all.put("optimization_goal", s.optimizationGoal);
        all.put("bid_amount", s.bidAmount);
        all.put("bid_strategy", s.bidStrategy);
        all.put("targeting", json(s.targeting));
        all.put("start_time", s.startMs == null ? Graph.time(s.createdMs) : Graph.time(s.startMs));
        all.put("end_time", s.endMs == null ? null : Graph.time(s.endMs));
        all.put("created_time", Graph.time(s.createdMs));
        all.put("updated_time", Graph.time(s.updatedMs));
        return all;
    }

    Map<String, Object> adFields(Ad ad) {
        World w = graph.state().world();
        AdSet s = w.adSets.get(ad.adsetId);
        Campaign c = w.campaigns.get(ad.campaignId);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", ad.id);
        all.put("account_id", ad.accountId.substring(4));
        all.put("name", ad.name);
        all.put("adset_id", ad.adsetId);
        all.put("adset", Map.of("id", ad.adsetId));
        all.put("campaign_id", ad.campaignId);
        all.put("campaign", Map.of("id", ad.campaignId));
        all.put("creative", Map.of("id", ad.creativeId));
        all.put("status", ad.status);
        all.put("configured_status", ad.status);
        all.put("effective_status", effective(ad.status, "CAMPAIGN", c.status, "ADSET", s.status));
        all.put("created_time", Graph.time(ad.createdMs));
        all.put("updated_time", Graph.time(ad.updatedMs));
        return all;
    }

    Map<String, Object> creativeFields(Creative cr) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", cr.id);
        all.put("account_id", cr.accountId.substring(4));
        all.put("name", cr.name);
        all.put("object_story_spec", json(cr.objectStorySpec));
        all.put("effective_object_story_id", Simulation.effectiveStoryId(cr));
        all.put("body", cr.message);
        all.put("title", cr.headline);
        all.put("link_url", cr.link);
        all.put("image_url", cr.imageUrl);
        all.put("image_hash", cr.imageHash);
        all.put("thumbnail_url", cr.imageUrl);
        all.put("call_to_action_type", cr.callToActionType);
        all.put("url_tags", cr.urlTags);
        all.put("object_type", "SHARE");
        all.put("status", "ACTIVE");
        return all;
    }

    private Object json(String text) {
        if (text == null) return null;
        try {
            return mapper.readValue(text, Object.class);
        } catch (Exception e) {
            return text;
        }
    }

    // ------------------------------------------------------------------ creation

    private String status(Params p, String dflt) {
        String s = p.get("status");
        if (s == null) return dflt;
        s = s.toUpperCase();
        if (!STATUSES.contains(s)) throw GraphException.param("Param status must be one of {ACTIVE, PAUSED, DELETED, ARCHIVED}");
        if (s.equals("DELETED") || s.equals("ARCHIVED")) throw GraphException.param("Only ACTIVE and PAUSED are valid during creation");
        return s;
    }

    private Long budget(Params p, String name) {
        Long b = p.getLong(name);
        if (b == null) return null;
        if (b < MIN_DAILY_BUDGET) {
            throw GraphException.invalidParameter(1885272, "Your Budget Is Too Low",
                    "The minimum " + name + " for this ad account is " + MIN_DAILY_BUDGET + " (minor units of the account currency).");
        }
        return b;
    }

    private JsonNode parseJson(String text, String name) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw GraphException.param("Param " + name + " must be a JSON value");
        }
    }

    /** {@code bytes} (base64) or a multipart file part: Meta answers with the image's hash, used as image_hash. */
    private Object uploadImage(Ctx ctx, AdAccount a) {
        Params p = ctx.params;
        String name = p.get("name");
        byte[] content = null;
        if (p.has("bytes")) {
            try {
                content = java.util.Base64.getMimeDecoder().decode(p.get("bytes"));
            } catch (IllegalArgumentException e) {
                throw GraphException.invalidParameter(1487242, "Image Resize Failed", "The bytes are not base64 of an image.");
            }
            if (name == null) name = "bytes";
        } else {
            for (Map.Entry<String, String> e : p.asMap().entrySet()) {
                if (e.getKey().equals("access_token") || e.getKey().equals("name")) continue;
                content = e.getValue().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (name == null) name = e.getKey();
                break;
            }
        }
        if (content == null || content.length == 0) throw GraphException.param("Requires an image: bytes or a file upload");
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        World.AdImage img = new World.AdImage();
        img.hash = hash;
        img.accountId = a.id;
        img.name = name;
        img.url = "https://scontent.xx.fbcdn.net/sandbox/" + hash + ".jpg";
        img.createdMs = ctx.now;
        ctx.w.adImages.putIfAbsent(a.id + ":" + hash, img);
        return Map.of("images", Map.of(name, Map.of("hash", hash, "url", img.url)));
    }

    private Object createCampaign(Ctx ctx, AdAccount a) {
        Params p = ctx.params;
        String name = p.required("name");
        String objective = p.required("objective").toUpperCase();
        if (!OBJECTIVES.contains(objective)) {
            throw GraphException.param("Param objective must be one of {" + String.join(", ", new java.util.TreeSet<>(OBJECTIVES)) + "}");
        }
        String special = p.get("special_ad_categories");
        if (special == null) throw GraphException.param("The parameter special_ad_categories is required");
        List<String> cats = new ArrayList<>();
        JsonNode node = parseJson(special, "special_ad_categories");
        if (!node.isArray()) throw GraphException.param("Param special_ad_categories must be an array");
        for (JsonNode n : node) {
            if (!SPECIAL.contains(n.asText())) throw GraphException.param("Param special_ad_categories[0] must be one of " + SPECIAL);
            cats.add(n.asText());
        }
        World w = ctx.w;
        Campaign c = new Campaign();
        c.id = w.nextId("1202", 14);
        c.accountId = a.id;
        c.name = name;
        c.objective = objective;
        c.status = status(p, "ACTIVE");
        c.specialAdCategories = cats;
        c.dailyBudget = budget(p, "daily_budget");
        c.lifetimeBudget = budget(p, "lifetime_budget");
        if (p.has("buying_type")) c.buyingType = p.get("buying_type");
        c.createdMs = c.updatedMs = ctx.now;
        w.campaigns.put(c.id, c);
        return Graph.ordered("id", c.id);
    }

    private Object createAdSet(Ctx ctx, AdAccount a) {
        Params p = ctx.params;
        World w = ctx.w;
        String name = p.required("name");
        String campaignId = p.required("campaign_id");
        Campaign c = w.campaigns.get(campaignId);
        if (c == null || !c.accountId.equals(a.id)) {
            throw GraphException.invalidParameter(1885010, "Invalid Campaign", "The campaign " + campaignId + " does not exist in this ad account.");
        }
        String billing = p.required("billing_event").toUpperCase();
        if (!BILLING.contains(billing)) throw GraphException.param("Param billing_event must be one of " + BILLING);
        String goal = p.get("optimization_goal") == null ? "LINK_CLICKS" : p.get("optimization_goal").toUpperCase();
        if (!GOALS.contains(goal)) throw GraphException.param("Param optimization_goal must be one of " + GOALS);
        String targeting = p.get("targeting");
        if (targeting == null) throw GraphException.param("The parameter targeting is required");
        JsonNode t = parseJson(targeting, "targeting");
        if (!t.isObject() || !t.has("geo_locations")) {
            throw GraphException.invalidParameter(1487756, "Location Is Missing", "Your audience is missing a location. Add targeting geo_locations.");
        }
        Long daily = budget(p, "daily_budget");
        Long lifetime = budget(p, "lifetime_budget");
        boolean cbo = c.dailyBudget != null || c.lifetimeBudget != null;
        if (cbo && (daily != null || lifetime != null)) {
            throw GraphException.invalidParameter(1885621, "Budget Set at Campaign Level",
                    "The campaign uses a campaign budget: ad set budgets cannot be set.");
        }
        if (!cbo && daily == null && lifetime == null) {
            throw GraphException.invalidParameter(1885272, "Budget Is Missing", "Specify a daily_budget or a lifetime_budget for the ad set.");
        }
        Long start = p.has("start_time") ? Graph.parseTime(p.get("start_time"), "start_time") : null;
        Long end = p.has("end_time") ? Graph.parseTime(p.get("end_time"), "end_time") : null;
        if (lifetime != null && end == null) {
            throw GraphException.invalidParameter(1885181, "End Time Required", "An ad set with a lifetime budget needs an end_time.");
        }
        if (end != null && start != null && end <= start) throw GraphException.param("end_time must be after start_time");
        String bidStrategy = p.get("bid_strategy");
        Long bid = p.getLong("bid_amount");
        if (bidStrategy != null && (bidStrategy.equals("LOWEST_COST_WITH_BID_CAP") || bidStrategy.equals("COST_CAP")) && bid == null) {
            throw GraphException.invalidParameter(1815857, "Bid Amount Required", "bid_amount is required for bid_strategy " + bidStrategy + ".");
        }
        AdSet s = new AdSet();
        s.id = w.nextId("1202", 14);
        s.accountId = a.id;
        s.campaignId = c.id;
        s.name = name;
        s.status = status(p, "ACTIVE");
        s.billingEvent = billing;
        s.optimizationGoal = goal;
        s.targeting = t.toString();
        s.dailyBudget = daily;
        s.lifetimeBudget = lifetime;
        s.bidStrategy = bidStrategy;
        s.bidAmount = bid;
        s.startMs = start;
        s.endMs = end;
        s.createdMs = s.updatedMs = ctx.now;
        catchUpAccount(ctx, a);
        w.adSets.put(s.id, s);
        invalidateAccount(ctx, a);
        return Graph.ordered("id", s.id);
    }

    private Object createCreative(Ctx ctx, AdAccount a) {
        Params p = ctx.params;
        World w = ctx.w;
        Creative cr = new Creative();
        cr.name = p.get("name");
        cr.urlTags = p.get("url_tags");
        String storyId = p.get("object_story_id");
        String spec = p.get("object_story_spec");
        if (spec == null && storyId == null) throw GraphException.param("The parameter object_story_spec is required");
        if (spec != null) {
            JsonNode s = parseJson(spec, "object_story_spec");
            String pageId = s.path("page_id").asText(null);
            if (pageId == null) throw GraphException.param("Param object_story_spec[page_id] is required");
            if (!graph.ownsPage(ctx, w.pages.get(pageId))) {
                throw GraphException.invalidParameter(1487390, "Invalid Page", "The page " + pageId + " cannot be used by this user.");
            }
            cr.pageId = pageId;
            JsonNode ld = s.path("link_data");
            JsonNode pd = s.path("photo_data");
            if (ld.isObject()) {
                cr.link = ld.path("link").asText(null);
                if (cr.link == null) throw GraphException.param("Param object_story_spec[link_data][link] is required");
                cr.message = ld.path("message").asText(null);
                cr.headline = ld.path("name").asText(null);
                cr.imageUrl = ld.path("picture").asText(null);
                cr.imageHash = ld.path("image_hash").asText(null);
                JsonNode cta = ld.path("call_to_action");
                if (cta.isObject()) {
                    cr.callToActionType = cta.path("type").asText(null);
                    String ctaLink = cta.path("value").path("link").asText(null);
                    if (ctaLink != null) cr.link = ctaLink;
                }
            } else if (pd.isObject()) {
                cr.imageUrl = pd.path("url").asText(null);
                cr.imageHash = pd.path("image_hash").asText(null);
                cr.message = pd.path("caption").asText(null);
            } else {
                throw GraphException.param("object_story_spec must contain link_data or photo_data (the sandbox simulates these)");
            }
            cr.objectStorySpec = s.toString();
        } else {
            World.Post post = w.posts.get(storyId);
            if (post == null || !graph.ownsPage(ctx, w.pages.get(post.pageId))) {
                throw GraphException.invalidParameter(1487472, "Invalid Post", "The post " + storyId + " cannot be promoted.");
            }
            cr.pageId = post.pageId;
            cr.message = post.message;
            cr.link = post.link;
            cr.imageUrl = post.imageUrl;
        }
        if (cr.imageHash != null) {
            World.AdImage img = w.adImages.get(a.id + ":" + cr.imageHash);
            if (img == null) {
                throw GraphException.invalidParameter(1487242, "Image Not Found",
                        "The image_hash " + cr.imageHash + " was not uploaded to this ad account (POST /act_{id}/adimages).");
            }
            if (cr.imageUrl == null) cr.imageUrl = img.url;
        }
        if (cr.urlTags != null && cr.link != null) cr.link = cr.link + (cr.link.contains("?") ? "&" : "?") + cr.urlTags;
        cr.id = w.nextId("1202", 14);
        cr.accountId = a.id;
        cr.createdMs = ctx.now;
        w.creatives.put(cr.id, cr);
        return Graph.ordered("id", cr.id);
    }

    private Object createAd(Ctx ctx, AdAccount a) {
        Params p = ctx.params;
        World w = ctx.w;
        String name = p.required("name");
        String adsetId = p.required("adset_id");
        AdSet s = w.adSets.get(adsetId);
        if (s == null || !s.accountId.equals(a.id)) {
            throw GraphException.invalidParameter(1487051, "Invalid Ad Set", "The ad set " + adsetId + " does not exist in this ad account.");
        }
        String creative = p.required("creative");
        String creativeId;
        JsonNode cn = parseJson(creative.startsWith("{") ? creative : "\"" + creative + "\"", "creative");
        creativeId = cn.isObject() ? cn.path("creative_id").asText(null) : cn.asText();
        Creative cr = creativeId == null ? null : w.creatives.get(creativeId);
        if (cr == null || !cr.accountId.equals(a.id)) {
            throw GraphException.invalidParameter(1487204, "Invalid Creative", "The creative " + creativeId + " does not exist in this ad account.");
        }
        Ad ad = new Ad();
        ad.id = w.nextId("1202", 14);
        ad.accountId = a.id;
        ad.adsetId = s.id;
        ad.campaignId = s.campaignId;
        ad.creativeId = cr.id;
        ad.name = name;
        ad.status = status(p, "ACTIVE");
        ad.createdMs = ad.updatedMs = ctx.now;
        String[] hints = Simulation.adsetHints(mapper, s);
        Market.init(w.seed, ad.exposure, Market.Kind.AD,
                cr.message != null ? cr.message : cr.headline,
                cr.link, cr.imageUrl != null ? cr.imageUrl : cr.imageHash, hints[0], hints[1]);
        ad.exposure.cursorMs = ctx.now;
        catchUpAccount(ctx, a);
        w.ads.put(ad.id, ad);
        invalidateAccount(ctx, a);
        return Graph.ordered("id", ad.id);
    }

    // ------------------------------------------------------------------ updates

    /** Applies a status / budget / name change; delivery is accrued first, so the change applies from now on. */
    private void update(Ctx ctx, AdAccount a, String type, String id, Map<String, String> values) {
        Params p = new Params(values);
        catchUpAccount(ctx, a);
        World w = ctx.w;
        String status = p.get("status") == null ? null : p.get("status").toUpperCase();
        if (status != null && !STATUSES.contains(status)) throw GraphException.param("Param status must be one of {ACTIVE, PAUSED, DELETED, ARCHIVED}");
        switch (type) {
            case "Campaign" -> {
                Campaign c = w.campaigns.get(id);
                if (status != null) c.status = status;
                if (p.has("name")) c.name = p.get("name");
                if (p.has("daily_budget")) {
                    if (c.dailyBudget == null) throw GraphException.invalidParameter(1885621, "No Campaign Budget",
                            "This campaign has no campaign budget; change the ad set budgets.");
                    c.dailyBudget = budget(p, "daily_budget");
                }
                if (p.has("lifetime_budget")) c.lifetimeBudget = budget(p, "lifetime_budget");
                c.updatedMs = ctx.now;
            }
            case "AdSet" -> {
                AdSet s = w.adSets.get(id);
                if (status != null) s.status = status;
                if (p.has("name")) s.name = p.get("name");
                if (p.has("daily_budget")) {
                    if (s.dailyBudget == null) throw GraphException.invalidParameter(1885621, "No Ad Set Daily Budget",
                            "This ad set uses a lifetime or campaign budget.");
                    s.dailyBudget = budget(p, "daily_budget");
                }
                if (p.has("lifetime_budget")) s.lifetimeBudget = budget(p, "lifetime_budget");
                if (p.has("bid_amount")) s.bidAmount = p.getLong("bid_amount");
                if (p.has("end_time")) s.endMs = Graph.parseTime(p.get("end_time"), "end_time");
                if (p.has("targeting")) {
                    JsonNode t = parseJson(p.get("targeting"), "targeting");
                    if (!t.has("geo_locations")) throw GraphException.invalidParameter(1487756, "Location Is Missing", "Add targeting geo_locations.");
                    s.targeting = t.toString();
                }
                s.updatedMs = ctx.now;
            }
            case "Ad" -> {
                Ad ad = w.ads.get(id);
                if (status != null) ad.status = status;
                if (p.has("name")) ad.name = p.get("name");
                ad.updatedMs = ctx.now;
            }
            default -> {
                Creative cr = w.creatives.get(id);
                if (p.has("name")) cr.name = p.get("name");
                if (status != null && status.equals("DELETED")) w.creatives.remove(id);
            }
        }
        invalidateAccount(ctx, a);
    }

    private void catchUpAccount(Ctx ctx, AdAccount a) {
        List<Ad> ads = new ArrayList<>();
        for (Ad ad : ctx.w.ads.values()) if (ad.accountId.equals(a.id)) ads.add(ad);
        Simulation.Outbox out = sim.catchUpAds(ctx.w, ads, ctx.now);
        merge(ctx, out);
    }

    static void merge(Ctx ctx, Simulation.Outbox out) {
        if (ctx.outbox == null) ctx.outbox = out;
        else ctx.outbox.absorb(out);
    }

    private void invalidateAccount(Ctx ctx, AdAccount a) {
        for (Ad ad : ctx.w.ads.values()) if (ad.accountId.equals(a.id)) Simulation.invalidate(ad.exposure);
    }
}
