package io.campaignengine.metasandbox.api;

import io.campaignengine.metasandbox.config.SandboxConfig;
import io.campaignengine.metasandbox.domain.World;
import io.campaignengine.metasandbox.service.Bootstrap;
import io.campaignengine.metasandbox.service.Deliveries;
import io.campaignengine.metasandbox.service.Graph;
import io.campaignengine.metasandbox.service.SandboxState;
import io.campaignengine.metasandbox.service.Simulation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's own control API (not Meta's): clock, reset and seed, test users, forced errors, rate limits,
 * delivery targets, and the hidden truth of the market for benchmarks.
 */
@Path("/_sandbox")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ControlResource {

    private final SandboxState state;
    private final Graph graph;
    private final Simulation sim;
    private final Deliveries deliveries;
    private final Bootstrap bootstrap;
    private final SandboxConfig config;

    public ControlResource(SandboxState state, Graph graph, Simulation sim, Deliveries deliveries, Bootstrap bootstrap, SandboxConfig config) {
        this.state = state;
        this.graph = graph;
        this.sim = sim;
        this.deliveries = deliveries;
        this.bootstrap = bootstrap;
        this.config = config;
    }

    private static Response bad(String message) {
        return Response.status(400).entity(Map.of("error", Map.of("message", message))).build();
    }

    private static Object opt(Map<String, Object> body, String key) {
        return body == null ? null : body.get(key);
    }

    // ------------------------------------------------------------------ state

    @GET
    @Path("state")
    public Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (state) {
            World w = state.world();
            out.put("seed", w.seed);
            out.put("now", Instant.ofEpochMilli(state.now()).toString());
            out.put("frozen", w.frozen);
            out.put("speed", w.speed);
            out.put("app_id", config.app().id());
            List<Map<String, Object>> users = new ArrayList<>();
            for (World.User u : w.users.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", u.id);
                m.put("name", u.name);
                m.put("pages", u.pageIds.stream().map(id -> Map.of("id", id, "instagram_business_account", w.pages.get(id).igUserId)).toList());
                m.put("ad_accounts", u.adAccountIds);
                users.add(m);
            }
            out.put("users", users);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("posts", w.posts.size());
            counts.put("containers", w.containers.size());
            counts.put("ig_media", w.igMedia.size());
            counts.put("campaigns", w.campaigns.size());
            counts.put("adsets", w.adSets.size());
            counts.put("ads", w.ads.size());
            counts.put("comments", w.comments.size());
            counts.put("tokens", w.tokens.size());
            out.put("counts", counts);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("webhook_url", deliveries.webhookUrl());
        d.put("conversion_url", deliveries.conversionUrl());
        d.put("delivered", deliveries.delivered.get());
        d.put("failed_attempts", deliveries.failedAttempts.get());
        d.put("dropped", deliveries.dropped.get());
        d.put("pending", deliveries.pending.get());
        out.put("deliveries", d);
        return out;
    }

    @POST
    @Path("reset")
    public Map<String, Object> reset(Map<String, Object> body) {
        long seed = opt(body, "seed") instanceof Number n ? n.longValue() : config.seed();
        boolean frozen = opt(body, "frozen") instanceof Boolean b ? b : config.clock().frozen();
        double speed = opt(body, "speed") instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : config.clock().speed();
        Instant start = opt(body, "start") instanceof String s ? Instant.parse(s)
                : config.clock().start().map(Instant::parse).orElse(null);
        synchronized (state) {
            World w = SandboxState.fresh(seed, frozen, start);
            w.speed = speed;
            graph.seedDefault(w);
            state.replace(w);
        }
        graph.forced.clear();
        graph.dialogUser(null);
        return state();
    }

    // ------------------------------------------------------------------ clock

    @GET
    @Path("clock")
    public Map<String, Object> clock() {
        synchronized (state) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("now", Instant.ofEpochMilli(state.now()).toString());
            out.put("now_ms", state.now());
            out.put("frozen", state.world().frozen);
            out.put("speed", state.world().speed);
            return out;
        }
    }

    @POST
    @Path("clock")
    public Response setClock(Map<String, Object> body) {
        if (opt(body, "speed") instanceof Number n) {
            if (n.doubleValue() <= 0) return bad("speed must be positive");
            state.speed(n.doubleValue());
        }
        if (opt(body, "frozen") instanceof Boolean b) state.freeze(b);
        return Response.ok(clock()).build();
    }

    /** Moves simulated time forward and lets the market catch up (webhooks and conversions are sent). */
    @POST
    @Path("clock/advance")
    public Response advance(Map<String, Object> body) {
        long ms = 0;
        try {
            if (opt(body, "duration") instanceof String s) ms += Duration.parse(s).toMillis();
        } catch (RuntimeException e) {
            return bad("duration must be an ISO-8601 duration such as PT1H or P1D");
        }
        for (Map.Entry<String, Long> u : Map.of("seconds", 1000L, "minutes", 60_000L, "hours", 3_600_000L, "days", 86_400_000L).entrySet()) {
            if (opt(body, u.getKey()) instanceof Number n) ms += (long) (n.doubleValue() * u.getValue());
        }
        if (ms <= 0) return bad("give a positive duration, seconds, minutes, hours or days");
        Simulation.Outbox out;
        long now;
        synchronized (state) {
            state.advance(ms);
            now = state.now();
            out = sim.catchUpAll(state.world(), now);
        }
        sim.flush(out, now);
        Map<String, Object> r = new LinkedHashMap<>(clock());
        r.put("advanced_ms", ms);
        r.put("webhook_changes", out.webhookChanges);
        r.put("conversions", out.conversionCount);
        return Response.ok(r).build();
    }

    // ------------------------------------------------------------------ users and tokens

    /** A fresh user with pages, Instagram accounts and an ad account, and a long-lived token with every permission. */
    @POST
    @Path("users")
    public Response user(Map<String, Object> body) {
        String name = opt(body, "name") instanceof String s ? s : "Test User";
        int pages = opt(body, "pages") instanceof Number n ? n.intValue() : 1;
        if (pages < 1 || pages > 20) return bad("pages must be 1..20");
        Long followers = opt(body, "followers") instanceof Number n ? n.longValue() : null;
        if (followers != null && followers < 0) return bad("followers must not be negative");
        LinkedHashSet<String> scopes = new LinkedHashSet<>(Graph.ALL_SCOPES);
        if (opt(body, "scopes") instanceof List<?> l) {
            scopes.clear();
            scopes.add("public_profile");
            for (Object o : l) scopes.add(String.valueOf(o));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (state) {
            World w = state.world();
            World.User u = graph.createUser(w, name, pages);
            if (followers != null) {
                for (String pid : u.pageIds) {
                    w.pages.get(pid).followers = followers;
                    w.igUsers.get(w.pages.get(pid).igUserId).followers = followers;
                }
            }
            World.Token t = graph.issueToken(w, u.id, scopes, true, state.now());
            out.put("id", u.id);
            out.put("name", u.name);
            out.put("access_token", t.value);
            List<Map<String, Object>> ps = new ArrayList<>();
            for (String pid : u.pageIds) {
                World.Page p = w.pages.get(pid);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id);
                m.put("name", p.name);
                m.put("access_token", graph.issuePageToken(w, t, p, state.now()).value);
                m.put("instagram_business_account", p.igUserId);
                ps.add(m);
            }
            out.put("pages", ps);
            out.put("ad_accounts", u.adAccountIds);
            out.put("business_id", u.businessId);
        }
        return Response.ok(out).build();
    }

    @POST
    @Path("tokens/expire")
    public Response expire(Map<String, Object> body) {
        synchronized (state) {
            World.Token t = state.world().tokens.get(String.valueOf(opt(body, "access_token")));
            if (t == null) return bad("unknown access_token");
            t.expiresAtMs = state.now() - 1000;
        }
        return Response.ok(Map.of("success", true)).build();
    }

    @POST
    @Path("tokens/invalidate")
    public Response invalidate(Map<String, Object> body) {
        int sub = opt(body, "subcode") instanceof Number n ? n.intValue() : 467;
        synchronized (state) {
            World.Token t = state.world().tokens.get(String.valueOf(opt(body, "access_token")));
            if (t == null) return bad("unknown access_token");
            t.invalidSubcode = sub;
        }
        return Response.ok(Map.of("success", true)).build();
    }

    // ------------------------------------------------------------------ forced errors

    @GET
    @Path("errors")
    public List<Graph.ForcedError> errors() {
        return List.copyOf(graph.forced);
    }

    /** The next {@code times} calls matching method and path (substring) fail with the given Graph error. */
    @POST
    @Path("errors")
    public Response force(Map<String, Object> body) {
        if (!(opt(body, "code") instanceof Number code)) return bad("code is required");
        Graph.ForcedError f = new Graph.ForcedError();
        f.code = code.intValue();
        f.subcode = opt(body, "error_subcode") instanceof Number n ? n.intValue() : null;
        f.method = opt(body, "method") instanceof String s ? s : null;
        f.path = opt(body, "path") instanceof String s ? s : null;
        f.message = opt(body, "message") instanceof String s ? s : null;
        f.type = opt(body, "type") instanceof String s ? s : "OAuthException";
        f.status = opt(body, "status") instanceof Number n ? n.intValue() : null;
        f.times = opt(body, "times") instanceof Number n ? n.intValue() : 1;
        graph.forced.add(f);
        return Response.ok(f).build();
    }

    @DELETE
    @Path("errors")
    public Map<String, Object> clearErrors() {
        graph.forced.clear();
        return Map.of("success", true);
    }

    // ------------------------------------------------------------------ rate limits

    record Limits(int appCallsPerHour, int userCallsPerHour, int pageCallsPerHour, int adAccountCallsPerHour,
                  int insightsCallsPerHour) implements SandboxConfig.RateLimit {
    }

    @GET
    @Path("rate-limits")
    public Map<String, Object> limits() {
        SandboxConfig.RateLimit l = graph.limits();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app_calls_per_hour", l.appCallsPerHour());
        out.put("user_calls_per_hour", l.userCallsPerHour());
        out.put("page_calls_per_hour", l.pageCallsPerHour());
        out.put("ad_account_calls_per_hour", l.adAccountCallsPerHour());
        out.put("insights_calls_per_hour", l.insightsCallsPerHour());
        out.put("instagram_quota", graph.igQuota());
        // what the headers reported since the last clear: highest usage % and throttled calls per key (page:<id>, app, ...)
        out.put("observed", state.limiter.observed());
        return out;
    }

    /** Changes the limits (calls per rolling hour); {@code "clear": true} also forgets the calls counted so far. */
    @PUT
    @Path("rate-limits")
    public Map<String, Object> setLimits(Map<String, Object> body) {
        SandboxConfig.RateLimit l = graph.limits();
        graph.limits(new Limits(num(body, "app_calls_per_hour", l.appCallsPerHour()), num(body, "user_calls_per_hour", l.userCallsPerHour()),
                num(body, "page_calls_per_hour", l.pageCallsPerHour()), num(body, "ad_account_calls_per_hour", l.adAccountCallsPerHour()),
                num(body, "insights_calls_per_hour", l.insightsCallsPerHour())));
        if (opt(body, "instagram_quota") instanceof Number n) graph.igQuota(n.intValue());
        if (Boolean.TRUE.equals(opt(body, "clear"))) state.limiter.clear();
        return limits();
    }

    private static int num(Map<String, Object> body, String key, int dflt) {
        return opt(body, key) instanceof Number n ? n.intValue() : dflt;
    }

    // ------------------------------------------------------------------ delivery targets

    @GET
    @Path("config")
    public Map<String, Object> deliveryConfig() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_url", deliveries.webhookUrl());
        out.put("conversion_url", deliveries.conversionUrl());
        out.put("instagram_processing_ms", graph.igProcessingMs());
        out.put("dialog_user", graph.dialogUser());
        return out;
    }

    @PUT
    @Path("config")
    public Map<String, Object> setDeliveryConfig(Map<String, Object> body) {
        deliveries.configure(Optional.ofNullable(opt(body, "webhook_url")).map(String::valueOf),
                Optional.ofNullable(opt(body, "conversion_url")).map(String::valueOf));
        if (opt(body, "instagram_processing_ms") instanceof Number n && n.longValue() >= 0) graph.igProcessingMs(n.longValue());
        if (body != null && body.containsKey("dialog_user")) graph.dialogUser(body.get("dialog_user") == null ? null : String.valueOf(body.get("dialog_user")));
        return deliveryConfig();
    }

    // ------------------------------------------------------------------ what was published (benchmarks count duplicates here)

    /**
     * What a Page and an Instagram account hold, counted without Graph calls (so without touching the rate limits):
     * live posts and media, how many distinct messages / captions, and the ones published more than once. A client
     * that gives every piece its own text finds a double post here.
     */
    @GET
    @Path("publications")
    public Response publications(@jakarta.ws.rs.QueryParam("page_id") String pageId, @jakarta.ws.rs.QueryParam("ig_user_id") String igUserId) {
        if (pageId == null && igUserId == null) return bad("give page_id and/or ig_user_id");
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (state) {
            World w = state.world();
            if (pageId != null) {
                World.Page page = w.pages.get(pageId);
                if (page == null) return bad("unknown page_id");
                Map<String, Integer> byText = new LinkedHashMap<>();
                int scheduled = 0;
                for (String id : page.postIds) {
                    World.Post p = w.posts.get(id);
                    if (p == null || p.deleted) continue;
                    if (p.scheduled) scheduled++;
                    byText.merge(p.message == null ? "" : p.message, 1, Integer::sum);
                }
                Map<String, Object> m = counted(byText, "posts", "distinct_messages");
                m.put("scheduled", scheduled);
                out.put("page", m);
            }
            if (igUserId != null) {
                World.IgUser ig = w.igUsers.get(igUserId);
                if (ig == null) return bad("unknown ig_user_id");
                Map<String, Integer> byText = new LinkedHashMap<>();
                for (String id : ig.mediaIds) {
                    World.IgMedia m = w.igMedia.get(id);
                    if (m != null) byText.merge(m.caption == null ? "" : m.caption, 1, Integer::sum);
                }
                long containers = w.containers.values().stream().filter(c -> igUserId.equals(c.igUserId)).count();
                Map<String, Object> m = counted(byText, "media", "distinct_captions");
                m.put("containers", containers);
                out.put("instagram", m);
            }
        }
        return Response.ok(out).build();
    }

    private static Map<String, Object> counted(Map<String, Integer> byText, String total, String distinct) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(total, byText.values().stream().mapToInt(Integer::intValue).sum());
        m.put(distinct, byText.size());
        List<Map<String, Object>> dups = new ArrayList<>();
        byText.forEach((text, n) -> {
            if (n > 1 && dups.size() < 20) dups.add(Map.of("text", text.length() > 120 ? text.substring(0, 120) : text, "count", n));
        });
        m.put("duplicated", byText.values().stream().filter(n -> n > 1).count());
        m.put("duplicates", dups);
        return m;
    }

    // ------------------------------------------------------------------ truth and images

    /** The hidden rates of every live piece (what an optimiser is trying to find out). */
    @GET
    @Path("truth")
    public List<Map<String, Object>> truth() {
        List<Map<String, Object>> out = new ArrayList<>();
        synchronized (state) {
            World w = state.world();
            for (World.Ad ad : w.ads.values()) out.add(truth("ad", ad.id, ad.exposure));
            for (World.Post p : w.posts.values()) if (!p.deleted) out.add(truth("post", p.id, p.exposure));
            for (World.IgMedia m : w.igMedia.values()) out.add(truth("ig_media", m.id, m.exposure));
        }
        return out;
    }

    private static Map<String, Object> truth(String kind, String id, World.Exposure e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("id", id);
        m.put("hook", e.hook);
        m.put("segment", e.segment);
        m.put("image", e.image);
        m.put("variation", e.variation);
        m.put("link", e.link);
        m.put("true_ctr", e.trueCtr);
        m.put("true_cvr", e.trueCvr);
        m.put("reaction_rate", e.reactionRate);
        m.put("cpm", e.cpmMinor / 100.0);
        m.put("impressions", e.totalImpressions);
        return m;
    }

    @GET
    @Path("images/{name}")
    @Produces("image/jpeg")
    public Response image(@PathParam("name") String name) {
        if (!name.startsWith("sample")) return Response.status(404).type(MediaType.TEXT_PLAIN).entity("no such image").build();
        return Response.ok(bootstrap.sampleJpeg()).type("image/jpeg").build();
    }
}
