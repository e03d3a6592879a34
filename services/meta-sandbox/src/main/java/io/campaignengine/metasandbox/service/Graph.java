package io.campaignengine.metasandbox.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.metasandbox.config.SandboxConfig;
import io.campaignengine.metasandbox.domain.World;
import io.campaignengine.metasandbox.domain.World.AuthCode;
import io.campaignengine.metasandbox.domain.World.IgContainer;
import io.campaignengine.metasandbox.domain.World.IgMedia;
import io.campaignengine.metasandbox.domain.World.IgUser;
import io.campaignengine.metasandbox.domain.World.Page;
import io.campaignengine.metasandbox.domain.World.Post;
import io.campaignengine.metasandbox.domain.World.Token;
import io.campaignengine.metasandbox.domain.World.TokenKind;
import io.campaignengine.metasandbox.domain.World.User;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The Graph API surface: routing of {@code /vNN.N/...}, access tokens, rate limits and their usage headers, OAuth,
 * users, pages, posts, Instagram publishing. The Marketing API is in {@link Marketing}, insights in {@link Insights}.
 */
@Singleton
public class Graph {

    private static final Logger LOG = Logger.getLogger(Graph.class);
    public static final Pattern VERSION = Pattern.compile("v\\d+(\\.\\d+)?");
    public static final Set<String> ALL_SCOPES = new LinkedHashSet<>(List.of("public_profile", "email", "pages_show_list",
            "pages_read_engagement", "pages_manage_posts", "pages_manage_metadata", "pages_manage_engagement",
            "pages_read_user_content", "read_insights", "instagram_basic", "instagram_content_publish",
            "instagram_manage_insights", "instagram_manage_comments", "ads_management", "ads_read", "business_management"));
    static final long SHORT_LIVED_S = 3600;
    static final long LONG_LIVED_S = 60L * 24 * 3600;
    private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRY_TIME = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US)
            .withZone(ZoneId.of("America/Los_Angeles"));

    private final SandboxState state;
    private final SandboxConfig config;
    private final Simulation sim;
    private final ObjectMapper mapper;
    private final Marketing marketing;
    private final Insights insights;
    private final HttpClient fetcher;

    /** Test control: the next matching calls fail with the given error. */
    public static final class ForcedError {
        public String method;
        public String path;
        public int code;
        public Integer subcode;
        public String message;
        public String type = GraphException.OAUTH;
        public Integer status;
        public int times = 1;
    }

    public final List<ForcedError> forced = new CopyOnWriteArrayList<>();

    public Graph(SandboxState state, SandboxConfig config, Simulation sim, ObjectMapper mapper) {
        this.state = state;
        this.config = config;
        this.sim = sim;
        this.mapper = mapper;
        this.insights = new Insights(this, sim);
        this.marketing = new Marketing(this, sim, mapper, insights);
        this.fetcher = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(config.instagram().fetchTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    public static String time(long ms) {
        return META_TIME.format(Instant.ofEpochMilli(ms));
    }

    // ================================================================== entry point

    /** Result of a call: a JSON body, or a redirect / HTML page for the OAuth dialog. */
    public static final class Reply {
        public int status = 200;
        public Object body;
        public String redirect;
        public String html;
        public Map<String, String> headers = new LinkedHashMap<>();
    }

    public Reply handle(String method, String rawPath, Params params, String authorization, String url) {
        List<String> segs = new ArrayList<>();
        for (String s : rawPath.split("/")) if (!s.isEmpty()) segs.add(s);
        String version = null;
        if (!segs.isEmpty() && VERSION.matcher(segs.get(0)).matches()) version = segs.remove(0);
        String bearer = null;
        if (authorization != null) {
            String a = authorization.trim();
            if (a.regionMatches(true, 0, "Bearer ", 0, 7)) bearer = a.substring(7).trim();
            else if (a.regionMatches(true, 0, "OAuth ", 0, 6)) bearer = a.substring(6).trim();
        }
        Ctx ctx = new Ctx(method, segs, version, params, bearer, url);
        Reply reply = new Reply();
        Simulation.Outbox outbox;
        long now;
        synchronized (state) {
            ctx.w = state.world();
            ctx.now = now = state.now();
            try {
                applyForced(ctx);
                Object body = route(ctx, reply);
                reply.body = body;
                reply.headers.putAll(ctx.headers);
            } catch (GraphException e) {
                ctx.headers.forEach(e.headers::putIfAbsent);
                throw e;
            } finally {
                outbox = ctx.outbox;
            }
        }
        if (outbox != null) sim.flush(outbox, now);
        return reply;
    }

    private void applyForced(Ctx ctx) {
        String path = ctx.path();
        for (ForcedError f : forced) {
            if (f.method != null && !f.method.equalsIgnoreCase(ctx.method)) continue;
            if (f.path != null && !path.contains(f.path)) continue;
            synchronized (f) {
                if (f.times <= 0) continue;
                f.times--;
            }
            if (f.times <= 0) forced.remove(f);
            String msg = f.message != null ? f.message : GraphException.defaultMessage(f.code);
            int status = f.status != null ? f.status : GraphException.defaultStatus(f.code);
            GraphException e = GraphException.forced(status, f.type == null ? GraphException.OAUTH : f.type, f.code, f.subcode, msg);
            // throttling errors come with the usage headers at their limit, as Meta sends them
            if (f.code == 4 || f.code == 17) e.headers.put("X-App-Usage", usage(100, 100, 100));
            if (f.code == 32) e.headers.put("X-Business-Use-Case-Usage", buc("pages", "page", 100, 5));
            if (f.code == 613 || f.code == 80004) e.headers.put("X-Business-Use-Case-Usage", buc(f.code == 613 ? "ads_insights" : "ads_management", "account", 100, 5));
            throw e;
        }
    }

    private Object route(Ctx ctx, Reply reply) {
        List<String> s = ctx.segments;
        if (s.isEmpty() && ctx.get() && ctx.params.has("ids")) return multi(ctx);
        if (s.isEmpty()) throw GraphException.unsupported(ctx.method, "");
        String head = s.get(0);
        switch (head) {
            case "dialog" -> {
                if (s.size() == 2 && s.get(1).equals("oauth") && ctx.get()) return dialog(ctx, reply);
                throw GraphException.unknownPath(String.join("/", s.subList(1, s.size())));
            }
            case "oauth" -> {
                if (s.size() == 2 && s.get(1).equals("access_token")) return accessToken(ctx);
                throw GraphException.unknownPath(String.join("/", s.subList(1, s.size())));
            }
            case "debug_token" -> {
                return debugToken(ctx);
            }
            default -> {
            }
        }
        authenticate(ctx);
        String id = head;
        if (id.equals("me")) {
            if (ctx.token == null) throw new GraphException(400, GraphException.OAUTH, 2500, null,
                    "An active access token must be used to query information about the current user.");
            id = ctx.pageToken() ? ctx.token.pageId : ctx.token.userId;
        }
        if (s.size() > 2) throw GraphException.unknownPath(String.join("/", s.subList(2, s.size())));
        String edge = s.size() > 1 ? s.get(1) : null;
        return object(ctx, id, edge);
    }

    /** {@code GET /?ids=a,b&fields=...}: several nodes keyed by id; an unknown one fails the call (803), like Meta. */
    private Object multi(Ctx ctx) {
        authenticate(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ctx.params.get("ids").split(",")) {
            String t = id.trim();
            if (t.isEmpty()) continue;
            try {
                out.put(t, object(ctx, t.equals("me") ? (ctx.pageToken() ? ctx.token.pageId : ctx.token.userId) : t, null));
            } catch (GraphException e) {
                if (e.code != 100 || e.subcode == null || e.subcode != 33) throw e;
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            throw new GraphException(404, GraphException.OAUTH, 803, null,
                    "(#803) Some of the aliases you requested do not exist: " + String.join(",", missing));
        }
        return out;
    }

    // ================================================================== tokens

    private void authenticate(Ctx ctx) {
        String value = ctx.params.get("access_token");
        if (value == null) value = ctx.bearer;
        if (value == null) throw GraphException.noToken();
        Token t = ctx.w.tokens.get(value);
        if (t == null) throw GraphException.unparsableToken();
        checkValid(ctx, t);
        ctx.token = t;
        ctx.user = ctx.w.users.get(t.userId);
        if (t.kind == TokenKind.PAGE) ctx.page = ctx.w.pages.get(t.pageId);
    }

    private void checkValid(Ctx ctx, Token t) {
        if (t.invalidSubcode != null) throw GraphException.invalidatedToken(t.invalidSubcode);
        if (t.expiresAtMs != null && ctx.now >= t.expiresAtMs) {
            throw GraphException.expiredToken(EXPIRY_TIME.format(Instant.ofEpochMilli(t.expiresAtMs)),
                    EXPIRY_TIME.format(Instant.ofEpochMilli(ctx.now)));
        }
    }

    Token issueUserToken(World w, String userId, Set<String> scopes, boolean longLived, long now) {
        Token t = new Token();
        t.value = w.opaque("EAA" + (longLived ? "G" : "B"), 190);
        t.kind = TokenKind.USER;
        t.userId = userId;
        t.scopes.addAll(scopes);
        t.issuedAtMs = now;
        t.longLived = longLived;
        t.expiresAtMs = now + 1000 * (longLived ? LONG_LIVED_S : SHORT_LIVED_S);
        w.tokens.put(t.value, t);
        return t;
    }

    /** A page token derived from a user token: it never expires when the user token is long-lived (like Meta). */
    Token pageToken(World w, Token userToken, Page page, long now) {
        for (Token t : w.tokens.values()) {
            if (t.kind == TokenKind.PAGE && page.id.equals(t.pageId) && userToken.userId.equals(t.userId)
                    && t.invalidSubcode == null && t.scopes.equals(userToken.scopes)
                    && (userToken.longLived ? t.expiresAtMs == null : userToken.expiresAtMs.equals(t.expiresAtMs))) {
                return t;
            }
        }
        Token t = new Token();
        t.value = w.opaque("EAA" + (userToken.longLived ? "J" : "I"), 190);
        t.kind = TokenKind.PAGE;
        t.userId = userToken.userId;
        t.pageId = page.id;
        t.scopes.addAll(userToken.scopes);
        t.issuedAtMs = now;
        t.longLived = userToken.longLived;
        t.expiresAtMs = userToken.longLived ? null : userToken.expiresAtMs;
        w.tokens.put(t.value, t);
        return t;
    }

    // ================================================================== rate limits

    public enum Bucket { PLATFORM, PAGES, ADS, INSIGHTS }

    /** Counts the call against its limits (or throttles it) and sets the usage headers Meta would send. */
    void meter(Ctx ctx, Bucket bucket, String key) {
        if (ctx.metered) return;
        ctx.metered = true;
        SandboxConfig.RateLimit rl = limits();
        RateLimiter lim = state.limiter;
        long now = ctx.now;
        switch (bucket) {
            case PLATFORM -> {
                String app = "app", user = "user:" + ctx.token.userId;
                boolean appOut = lim.exhausted(app, rl.appCallsPerHour(), now);
                boolean userOut = lim.exhausted(user, rl.userCallsPerHour(), now);
                if (!appOut && !userOut) {
                    lim.record(app, now);
                    lim.record(user, now);
                }
                int pct = lim.percent(app, rl.appCallsPerHour(), now);
                lim.observe(app, pct, appOut);
                lim.observe(user, lim.percent(user, rl.userCallsPerHour(), now), !appOut && userOut);
                ctx.headers.put("X-App-Usage", usage(pct, cpu(pct), total(pct)));
                if (appOut) throw GraphException.appLimit();
                if (userOut) throw GraphException.userLimit();
            }
            case PAGES -> {
                String k = "page:" + key;
                boolean out = lim.exhausted(k, rl.pageCallsPerHour(), now);
                if (!out) lim.record(k, now);
                int pct = lim.percent(k, rl.pageCallsPerHour(), now);
                lim.observe(k, pct, out);
                int regain = out ? lim.minutesToRegain(k, rl.pageCallsPerHour(), now) : 0;
                ctx.headers.put("X-Business-Use-Case-Usage", buc("pages", key, pct, regain));
                // the older page-level header, still read by some clients
                ctx.headers.put("X-Page-Usage", usage(pct, cpu(pct), total(pct)));
                if (out) throw GraphException.pageLimit();
            }
            case ADS, INSIGHTS -> {
                boolean ins = bucket == Bucket.INSIGHTS;
                int limit = ins ? rl.insightsCallsPerHour() : rl.adAccountCallsPerHour();
                String k = (ins ? "insights:" : "ads:") + key;
                boolean out = lim.exhausted(k, limit, now);
                if (!out) lim.record(k, now);
                int pct = lim.percent(k, limit, now);
                lim.observe(k, pct, out);
                int regain = out ? lim.minutesToRegain(k, limit, now) : 0;
                ctx.headers.put("X-Business-Use-Case-Usage", buc(ins ? "ads_insights" : "ads_management", key, pct, regain));
                ctx.headers.put("X-Ad-Account-Usage", "{\"acc_id_util_pct\":" + pct + ",\"reset_time_duration\":" + (regain * 60)
                        + ",\"ads_api_access_tier\":\"standard_access\"}");
                if (out) throw ins ? GraphException.apiLimit613() : GraphException.adAccountLimit();
            }
        }
    }

    private volatile SandboxConfig.RateLimit limits;
    private volatile Integer igQuota;

    /** Instagram posts per 24 h (content_publishing_limit); the control API can change it for benchmarks. */
    public int igQuota() {
        Integer q = igQuota;
        return q != null ? q : config.instagram().quota();
    }

    public void igQuota(int quota) {
        this.igQuota = quota;
    }

    /** Who the OAuth dialog approves as when the URL does not say: null = the seeded user, "new" = a fresh user each time. */
    private volatile String dialogUser;

    public String dialogUser() {
        return dialogUser;
    }

    public void dialogUser(String user) {
        this.dialogUser = user == null || user.isBlank() ? null : user;
    }

    private volatile Long igProcessingMs;

    /** Simulated processing time of a container (changeable at runtime: benchmarks measure publishing lag). */
    public long igProcessingMs() {
        Long v = igProcessingMs;
        return v != null ? v : config.instagram().processing().toMillis();
    }

    public void igProcessingMs(long ms) {
        this.igProcessingMs = ms;
    }

    public SandboxConfig.RateLimit limits() {
        if (limits == null) limits = config.rateLimit();
        return limits;
    }

    public void limits(SandboxConfig.RateLimit l) {
        this.limits = l;
    }

    private static int cpu(int pct) {
        return pct * 6 / 10;
    }

    private static int total(int pct) {
        return pct * 8 / 10;
    }

    static String usage(int calls, int cpu, int total) {
        return "{\"call_count\":" + calls + ",\"total_cputime\":" + cpu + ",\"total_time\":" + total + "}";
    }

    static String buc(String type, String key, int pct, int regainMinutes) {
        String tier = type.startsWith("ads") ? ",\"ads_api_access_tier\":\"standard_access\"" : "";
        return "{\"" + key + "\":[{\"type\":\"" + type + "\",\"call_count\":" + pct + ",\"total_cputime\":" + cpu(pct)
                + ",\"total_time\":" + total(pct) + ",\"estimated_time_to_regain_access\":" + regainMinutes + tier + "}]}";
    }

    // ================================================================== OAuth

    private Object dialog(Ctx ctx, Reply reply) {
        Params p = ctx.params;
        String clientId = p.get("client_id");
        String redirect = p.get("redirect_uri");
        if (clientId == null || !clientId.equals(config.app().id())) {
            reply.status = 400;
            reply.html = page("Invalid App ID", "The provided app ID does not look like a valid app ID.");
            return null;
        }
        if (redirect == null) {
            reply.status = 400;
            reply.html = page("Error", "redirect_uri is required: URL blocked, this redirect failed because the redirect URI is not set.");
            return null;
        }
        String state = p.get("state");
        String sep = redirect.contains("?") ? "&" : "?";
        if (Boolean.TRUE.equals(p.getBool("sandbox_deny"))) {
            reply.redirect = redirect + sep + "error=access_denied&error_code=200&error_description=Permissions+error"
                    + "&error_reason=user_denied" + (state == null ? "" : "&state=" + enc(state)) + "#_=_";
            return null;
        }
        String userId = p.get("sandbox_user") != null ? p.get("sandbox_user") : dialogUser;
        User user;
        if ("new".equals(userId)) user = createUser(ctx.w, "Sandbox User " + (ctx.w.users.size() + 1), config.world().pages());
        else user = userId != null ? ctx.w.users.get(userId) : ctx.w.users.values().stream().findFirst().orElse(null);
        if (user == null) {
            reply.status = 400;
            reply.html = page("Error", "Unknown sandbox_user " + userId);
            return null;
        }
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("public_profile");
        String scope = p.get("scope");
        if (scope != null) for (String sc : scope.split("[,\\s]+")) if (ALL_SCOPES.contains(sc)) scopes.add(sc);
        AuthCode code = new AuthCode();
        code.code = ctx.w.opaque("AQ", 340);
        code.userId = user.id;
        code.redirectUri = redirect;
        code.scopes = scopes;
        code.expiresAtMs = ctx.now + 10 * 60_000;
        ctx.w.codes.put(code.code, code);
        String target = redirect + sep + "code=" + enc(code.code) + (state == null ? "" : "&state=" + enc(state)) + "#_=_";
        if ("html".equals(p.get("sandbox_consent"))) {
            // a consent page that approves itself (for a browser walking the flow)
            reply.html = "<!DOCTYPE html><html><head><meta http-equiv=\"refresh\" content=\"1;url=" + escape(target) + "\">"
                    + "<title>Log in with Facebook (sandbox)</title></head><body><h1>" + escape(config.app().name())
                    + " is requesting access</h1><p>Continuing as " + escape(user.name) + " with " + escape(String.join(", ", scopes))
                    + "&hellip;</p><p><a id=\"continue\" href=\"" + escape(target) + "\">Continue as " + escape(user.name)
                    + "</a></p></body></html>";
            return null;
        }
        reply.redirect = target;
        return null;
    }

    private static String page(String title, String text) {
        return "<!DOCTYPE html><html><head><title>" + escape(title) + "</title></head><body><h1>" + escape(title) + "</h1><p>"
                + escape(text) + "</p></body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void checkClient(Params p) {
        String clientId = p.get("client_id");
        if (clientId == null || !clientId.equals(config.app().id())) {
            throw new GraphException(400, GraphException.OAUTH, 101, null, "Error validating application. Invalid application ID.");
        }
        String secret = p.get("client_secret");
        if (secret == null || !secret.equals(config.app().secret())) {
            throw new GraphException(400, GraphException.OAUTH, 1, null, "Error validating client secret.");
        }
    }

    private Object accessToken(Ctx ctx) {
        Params p = ctx.params;
        World w = ctx.w;
        String grant = p.get("grant_type");
        checkClient(p);
        Map<String, Object> out = new LinkedHashMap<>();
        if ("client_credentials".equals(grant)) {
            out.put("access_token", config.app().id() + "|" + config.app().secret());
            out.put("token_type", "bearer");
            return out;
        }
        if ("fb_exchange_token".equals(grant)) {
            String old = p.get("fb_exchange_token");
            if (old == null) throw GraphException.param("The parameter fb_exchange_token is required");
            Token t = w.tokens.get(old);
            if (t == null) throw GraphException.unparsableToken();
            checkValid(ctx, t);
            if (t.kind != TokenKind.USER) throw GraphException.param("fb_exchange_token must be a user access token");
            Token lt = issueUserToken(w, t.userId, t.scopes, true, ctx.now);
            out.put("access_token", lt.value);
            out.put("token_type", "bearer");
            out.put("expires_in", LONG_LIVED_S);
            return out;
        }
        String codeValue = p.get("code");
        if (codeValue == null) throw GraphException.param("Missing code parameter");
        AuthCode code = w.codes.get(codeValue);
        if (code == null) throw new GraphException(400, GraphException.OAUTH, 100, null, "Invalid verification code format.");
        if (code.used) throw new GraphException(400, GraphException.OAUTH, 100, 36009, "This authorization code has been used.");
        if (ctx.now > code.expiresAtMs) throw new GraphException(400, GraphException.OAUTH, 100, 36007, "This authorization code has expired.");
        if (!code.redirectUri.equals(p.get("redirect_uri"))) {
            throw new GraphException(400, GraphException.OAUTH, 100, 36008,
                    "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request");
        }
        code.used = true;
        Token t = issueUserToken(w, code.userId, code.scopes, false, ctx.now);
        out.put("access_token", t.value);
        out.put("token_type", "bearer");
        out.put("expires_in", SHORT_LIVED_S);
        return out;
    }

    private Object debugToken(Ctx ctx) {
        Params p = ctx.params;
        String input = p.required("input_token");
        String auth = p.get("access_token") != null ? p.get("access_token") : ctx.bearer;
        if (auth == null) throw GraphException.noToken();
        boolean appToken = auth.equals(config.app().id() + "|" + config.app().secret());
        if (!appToken) {
            Token a = ctx.w.tokens.get(auth);
            if (a == null) throw GraphException.unparsableToken();
            checkValid(ctx, a);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("app_id", config.app().id());
        Token t = ctx.w.tokens.get(input);
        if (t == null) {
            data.put("is_valid", false);
            data.put("error", Map.of("code", 190, "message", "Invalid OAuth access token."));
            data.put("scopes", List.of());
            return Map.of("data", data);
        }
        data.put("type", t.kind == TokenKind.PAGE ? "PAGE" : "USER");
        data.put("application", config.app().name());
        data.put("data_access_expires_at", (t.issuedAtMs / 1000) + 90L * 24 * 3600);
        data.put("expires_at", t.expiresAtMs == null ? 0 : t.expiresAtMs / 1000);
        boolean valid = t.invalidSubcode == null && (t.expiresAtMs == null || ctx.now < t.expiresAtMs);
        data.put("is_valid", valid);
        if (!valid) {
            int sub = t.invalidSubcode != null ? t.invalidSubcode : 463;
            data.put("error", Map.of("code", 190, "message", sub == 463 ? "Session has expired" : "The session is invalid", "subcode", sub));
        }
        data.put("issued_at", t.issuedAtMs / 1000);
        if (t.kind == TokenKind.PAGE) data.put("profile_id", t.pageId);
        data.put("scopes", new ArrayList<>(t.scopes));
        data.put("user_id", t.userId);
        return Map.of("data", data);
    }

    // ================================================================== objects

    private Object object(Ctx ctx, String id, String edge) {
        World w = ctx.w;
        if (w.users.containsKey(id)) return user(ctx, w.users.get(id), edge);
        if (w.pages.containsKey(id)) return page(ctx, w.pages.get(id), edge);
        if (w.posts.containsKey(id) || w.photos.containsKey(id)) {
            Post p = w.posts.get(w.photos.getOrDefault(id, id));
            if (!p.deleted) return post(ctx, p, edge);
        }
        if (w.igUsers.containsKey(id)) return igUser(ctx, w.igUsers.get(id), edge);
        if (w.containers.containsKey(id)) return container(ctx, w.containers.get(id), edge);
        if (w.igMedia.containsKey(id)) return igMedia(ctx, w.igMedia.get(id), edge);
        if (w.comments.containsKey(id)) return comment(ctx, w.comments.get(id), edge);
        Object ads = marketing.route(ctx, id, edge);
        if (ads != null) return ads;
        throw GraphException.unsupported(ctx.method, id);
    }

    boolean ownsPage(Ctx ctx, Page p) {
        if (p == null) return false;
        if (ctx.pageToken()) return p.id.equals(ctx.token.pageId);
        return ctx.user != null && ctx.user.pageIds.contains(p.id);
    }

    private void meterPageOrPlatform(Ctx ctx, String pageId) {
        if (ctx.pageToken()) meter(ctx, Bucket.PAGES, ctx.token.pageId);
        else meter(ctx, Bucket.PLATFORM, null);
    }

    private Object user(Ctx ctx, User u, String edge) {
        if (ctx.pageToken() || !u.id.equals(ctx.token.userId)) throw GraphException.unsupported(ctx.method, u.id);
        meter(ctx, Bucket.PLATFORM, null);
        if (edge == null) {
            if (!ctx.get()) throw GraphException.unsupported(ctx.method, u.id);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("id", u.id);
            all.put("name", u.name);
            all.put("email", ctx.scope("email") ? u.name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com" : null);
            all.put("first_name", u.name.split(" ")[0]);
            all.put("last_name", u.name.contains(" ") ? u.name.substring(u.name.indexOf(' ') + 1) : null);
            return Fields.select(all, Set.of("id", "name"), ctx.params.get("fields"), "User");
        }
        switch (edge) {
            case "accounts" -> {
                if (!ctx.get()) break;
                List<Map<String, Object>> rows = new ArrayList<>();
                if (ctx.scope("pages_show_list")) {
                    for (String pid : u.pageIds) {
                        Page p = ctx.w.pages.get(pid);
                        Map<String, Object> all = pageFields(ctx, p, true);
                        rows.add(Fields.select(all, new LinkedHashSet<>(List.of("access_token", "category", "category_list", "name", "id", "tasks")),
                                ctx.params.get("fields"), "Page"));
                    }
                }
                return Paging.page(rows, ctx);
            }
            case "permissions" -> {
                if (ctx.delete()) {
                    for (Token t : ctx.w.tokens.values()) if (t.userId.equals(u.id)) t.invalidSubcode = 458;
                    return Map.of("success", true);
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String s : ctx.token.scopes) rows.add(Map.of("permission", s, "status", "granted"));
                return Map.of("data", rows);
            }
            case "adaccounts" -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                if (ctx.scope("ads_management") || ctx.scope("ads_read")) {
                    for (String a : u.adAccountIds) rows.add(marketing.accountNode(ctx, ctx.w.adAccounts.get(a),
                            ctx.params.get("fields") == null ? "account_id,id" : ctx.params.get("fields")));
                }
                return Paging.page(rows, ctx);
            }
            default -> {
            }
        }
        throw GraphException.nonexistingField(edge, "User");
    }

    Map<String, Object> pageFields(Ctx ctx, Page p, boolean withToken) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", p.id);
        all.put("name", p.name);
        all.put("access_token", withToken && !ctx.pageToken() ? pageToken(ctx.w, ctx.token, p, ctx.now).value
                : ctx.pageToken() ? ctx.token.value : null);
        all.put("category", p.category);
        all.put("category_list", List.of(Map.of("id", "2211", "name", p.category)));
        all.put("tasks", List.of("ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"));
        all.put("instagram_business_account", p.igUserId == null ? null : Map.of("id", p.igUserId));
        all.put("connected_instagram_account", p.igUserId == null ? null : Map.of("id", p.igUserId));
        all.put("followers_count", p.followers);
        all.put("fan_count", p.followers);
        all.put("link", "https://www.facebook.com/" + p.id);
        all.put("username", p.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
        return all;
    }

    private Object page(Ctx ctx, Page p, String edge) {
        if (!ownsPage(ctx, p)) throw GraphException.unsupported(ctx.method, p.id);
        meterPageOrPlatform(ctx, p.id);
        if (edge == null) {
            if (!ctx.get()) throw GraphException.unsupported(ctx.method, p.id);
            return Fields.select(pageFields(ctx, p, true), Set.of("name", "id"), ctx.params.get("fields"), "Page");
        }
        switch (edge) {
            case "feed", "photos" -> {
                if (ctx.post()) return publish(ctx, p, edge.equals("photos"));
                if (ctx.get()) return listPosts(ctx, p, false);
            }
            case "posts", "published_posts" -> {
                if (ctx.get()) return listPosts(ctx, p, false);
            }
            case "scheduled_posts" -> {
                if (ctx.get()) return listPosts(ctx, p, true);
            }
            case "insights" -> {
                if (ctx.get()) return insights.page(ctx, p);
            }
            default -> {
                if (ctx.post()) throw GraphException.unknownPath(edge);
                throw GraphException.nonexistingField(edge, "Page");
            }
        }
        throw GraphException.unsupported(ctx.method, p.id);
    }

    private void requirePublish(Ctx ctx) {
        if (!ctx.pageToken() || !ctx.scope("pages_manage_posts") || !ctx.scope("pages_read_engagement")) {
            throw GraphException.permission200("If posting to a page, requires both pages_read_engagement and pages_manage_posts permission with page token");
        }
    }

    private Object publish(Ctx ctx, Page page, boolean photo) {
        requirePublish(ctx);
        Params p = ctx.params;
        String message = photo ? (p.get("caption") != null ? p.get("caption") : p.get("message")) : p.get("message");
        String link = p.get("link");
        String url = photo ? p.get("url") : null;
        if (photo && url == null) throw GraphException.param("Requires one of the params: url, source, attachment_url");
        if (!photo && message == null && link == null) throw GraphException.param("Missing message or attachment");
        Boolean published = p.getBool("published");
        String sched = p.get("scheduled_publish_time");
        long publishMs = ctx.now;
        boolean scheduled = false;
        if (sched != null) {
            if (published == null || published) {
                throw GraphException.param("You cannot specify a scheduled publish time on a published post");
            }
            long at = parseTime(sched, "scheduled_publish_time");
            long delta = at - ctx.now;
            if (delta < 10 * 60_000L || delta > 30L * 24 * 3600_000L) {
                throw new GraphException(400, GraphException.OAUTH, 100, null, "(#100) The specified scheduled publish time is invalid.",
                        "Invalid Scheduled Publish Time", "The scheduled publish time must be between 10 minutes and 30 days from now.", false);
            }
            publishMs = at;
            scheduled = true;
        } else if (Boolean.FALSE.equals(published)) {
            publishMs = Long.MAX_VALUE; // an unpublished (dark) post
            scheduled = true;
        }
        World w = ctx.w;
        Post post = new Post();
        post.id = page.id + "_" + w.nextId("122", 14);
        post.pageId = page.id;
        post.message = message;
        post.link = link != null ? link : Market.firstUrl(message);
        post.createdMs = ctx.now;
        post.publishMs = publishMs;
        post.scheduled = scheduled;
        post.imageUrl = url;
        Market.init(w.seed, post.exposure, Market.Kind.FB_POST, message, post.link, url, null, null);
        w.posts.put(post.id, post);
        page.postIds.add(post.id);
        if (photo) {
            post.photoId = w.nextId("122", 14);
            w.photos.put(post.photoId, post.id);
            return ordered("id", post.photoId, "post_id", post.id);
        }
        return ordered("id", post.id);
    }

    static long parseTime(String s, String name) {
        String v = s.trim();
        if (v.matches("\\d+")) return Long.parseLong(v) * 1000;
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // Meta also writes offsets without a colon
        }
        try {
            return java.time.OffsetDateTime.parse(v, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return java.time.OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw GraphException.param("Param " + name + " must be a UNIX timestamp or an ISO 8601 time");
        }
    }

    private Object listPosts(Ctx ctx, Page page, boolean scheduled) {
        if (!ctx.scope("pages_read_engagement") && !ctx.scope("pages_manage_posts")) throw GraphException.permission10();
        List<Post> list = new ArrayList<>();
        for (String id : page.postIds) {
            Post p = ctx.w.posts.get(id);
            if (p.deleted) continue;
            boolean visible = p.publishMs <= ctx.now;
            if (scheduled ? (!visible && p.publishMs != Long.MAX_VALUE) : visible) list.add(p);
        }
        list.sort(Comparator.comparingLong((Post p) -> scheduled ? -p.publishMs : p.publishMs).reversed());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Post p : list) rows.add(Fields.select(postFields(ctx, p), Set.of("created_time", "message", "id"), ctx.params.get("fields"), "Post"));
        return Paging.page(rows, ctx);
    }

    Map<String, Object> postFields(Ctx ctx, Post p) {
        Map<String, Object> all = new LinkedHashMap<>();
        boolean published = p.publishMs <= ctx.now;
        all.put("id", p.id);
        all.put("message", p.message);
        all.put("created_time", time(published && p.scheduled ? p.publishMs : p.createdMs));
        all.put("updated_time", time(p.createdMs));
        all.put("is_published", published);
        all.put("scheduled_publish_time", p.scheduled && p.publishMs != Long.MAX_VALUE && !published ? p.publishMs / 1000 : null);
        all.put("permalink_url", "https://www.facebook.com/" + p.pageId + "/posts/" + p.id.substring(p.id.indexOf('_') + 1));
        all.put("status_type", p.photoId != null ? "added_photos" : p.link != null ? "shared_story" : "mobile_status_update");
        Page page = ctx.w.pages.get(p.pageId);
        all.put("from", Map.of("name", page.name, "id", page.id));
        all.put("full_picture", p.imageUrl);
        all.put("link", p.link);
        all.put("is_hidden", false);
        all.put("promotable_id", p.id);
        // engagement edges as Meta inlines them with .summary(true).limit(0)
        World.DayStats t = Insights.total(p.exposure, Long.MIN_VALUE, Long.MAX_VALUE);
        all.put("reactions", Map.of("data", List.of(), "summary", Map.of("total_count", t.get(World.Metric.REACTIONS), "viewer_reaction", "NONE")));
        all.put("likes", Map.of("data", List.of(), "summary", Map.of("total_count", t.get(World.Metric.REACTIONS), "can_like", true, "has_liked", false)));
        all.put("comments", Map.of("data", List.of(), "summary", Map.of("order", "ranked", "total_count", t.get(World.Metric.COMMENTS), "can_comment", true)));
        all.put("shares", Map.of("count", t.get(World.Metric.SHARES)));
        return all;
    }

    private Object post(Ctx ctx, Post p, String edge) {
        Page page = ctx.w.pages.get(p.pageId);
        if (!ownsPage(ctx, page)) throw GraphException.unsupported(ctx.method, p.id);
        meterPageOrPlatform(ctx, page.id);
        if (edge == null) {
            if (ctx.get()) {
                if (!ctx.scope("pages_read_engagement") && !ctx.scope("pages_manage_posts")) throw GraphException.permission10();
                ctx.outbox = sim.catchUpPostOnly(ctx.w, p, ctx.now);
                return Fields.select(postFields(ctx, p), Set.of("created_time", "message", "id"), ctx.params.get("fields"), "Post");
            }
            requirePublish(ctx);
            if (ctx.delete()) {
                p.deleted = true;
                return Map.of("success", true);
            }
            if (ctx.params.has("message")) p.message = ctx.params.get("message");
            if (Boolean.TRUE.equals(ctx.params.getBool("is_published")) && p.publishMs > ctx.now) {
                p.publishMs = ctx.now;
            }
            return Map.of("success", true);
        }
        switch (edge) {
            case "insights" -> {
                if (ctx.get()) return insights.post(ctx, p);
            }
            case "comments" -> {
                if (ctx.get()) return listComments(ctx, p.id);
            }
            default -> throw GraphException.nonexistingField(edge, "Post");
        }
        throw GraphException.unsupported(ctx.method, p.id);
    }

    private Object listComments(Ctx ctx, String parentId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (World.Comment c : ctx.w.comments.values()) {
            if (parentId.equals(c.parentId)) rows.add(Fields.select(commentFields(c), Set.of("created_time", "from", "message", "id"),
                    ctx.params.get("fields"), "Comment"));
        }
        return Paging.page(rows, ctx);
    }

    private static Map<String, Object> commentFields(World.Comment c) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", c.id);
        all.put("created_time", time(c.createdMs));
        all.put("from", Map.of("id", c.fromId, "name", c.fromName));
        all.put("message", c.message);
        all.put("text", c.message);
        all.put("username", c.fromName);
        all.put("timestamp", time(c.createdMs));
        return all;
    }

    private Object comment(Ctx ctx, World.Comment c, String edge) {
        World w = ctx.w;
        Page page = null;
        if (w.posts.containsKey(c.parentId)) page = w.pages.get(w.posts.get(c.parentId).pageId);
        else if (w.igMedia.containsKey(c.parentId)) page = w.pages.get(w.igUsers.get(w.igMedia.get(c.parentId).igUserId).pageId);
        else if (c.parentId.contains("_")) page = w.pages.get(c.parentId.substring(0, c.parentId.indexOf('_')));
        if (!ownsPage(ctx, page) || edge != null || !ctx.get()) throw GraphException.unsupported(ctx.method, c.id);
        meterPageOrPlatform(ctx, page.id);
        return Fields.select(commentFields(c), Set.of("created_time", "from", "message", "id"), ctx.params.get("fields"), "Comment");
    }

    // ================================================================== Instagram

    private IgUser ownIg(Ctx ctx, IgUser ig) {
        if (ig == null || !ownsPage(ctx, ctx.w.pages.get(ig.pageId))) throw GraphException.unsupported(ctx.method, ig == null ? "" : ig.id);
        return ig;
    }

    private Object igUser(Ctx ctx, IgUser ig, String edge) {
        ownIg(ctx, ig);
        meterPageOrPlatform(ctx, ig.pageId);
        if (!ctx.scope("instagram_basic")) throw GraphException.permission10();
        if (edge == null) {
            if (!ctx.get()) throw GraphException.unsupported(ctx.method, ig.id);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("id", ig.id);
            all.put("ig_id", Long.parseLong(ig.id.substring(5)) + 1_000_000_000L);
            all.put("username", ig.username);
            all.put("name", ig.name);
            all.put("followers_count", ig.followers);
            all.put("follows_count", 120);
            all.put("media_count", ig.mediaIds.size());
            all.put("biography", "Sandbox Instagram business account");
            all.put("website", "https://example.com");
            all.put("profile_picture_url", config.publicUrl() + "/_sandbox/images/sample.jpg");
            return Fields.select(all, Set.of("id"), ctx.params.get("fields"), "IGUser");
        }
        switch (edge) {
            case "media" -> {
                if (ctx.post()) return createContainer(ctx, ig);
                if (ctx.get()) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    List<String> ids = new ArrayList<>(ig.mediaIds);
                    java.util.Collections.reverse(ids);
                    for (String id : ids) rows.add(Fields.select(mediaFields(ctx, ctx.w.igMedia.get(id)), Set.of("id"), ctx.params.get("fields"), "IGMedia"));
                    return Paging.page(rows, ctx);
                }
            }
            case "media_publish" -> {
                if (ctx.post()) return mediaPublish(ctx, ig);
            }
            case "content_publishing_limit" -> {
                if (ctx.get()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("quota_usage", quotaUsage(ig, ctx.now));
                    row.put("config", ordered("quota_total", igQuota(), "quota_duration", 86400));
                    String f = ctx.params.get("fields");
                    Map<String, Object> sel = Fields.select(row, Set.of("quota_usage"), f, "ContentPublishingLimit");
                    return Map.of("data", List.of(sel));
                }
            }
            case "insights" -> {
                if (ctx.get()) return insights.igUser(ctx, ig);
            }
            default -> {
                if (ctx.post()) throw GraphException.unknownPath(edge);
                throw GraphException.nonexistingField(edge, "IGUser");
            }
        }
        throw GraphException.unsupported(ctx.method, ig.id);
    }

    static int quotaUsage(IgUser ig, long now) {
        ig.publishes.removeIf(t -> t <= now - 24 * 3600_000L);
        return ig.publishes.size();
    }

    private Object createContainer(Ctx ctx, IgUser ig) {
        if (!ctx.scope("instagram_content_publish")) throw GraphException.permission10();
        Params p = ctx.params;
        String type = p.get("media_type") == null ? "IMAGE" : p.get("media_type").toUpperCase(Locale.ROOT);
        if (!type.equals("IMAGE")) {
            throw GraphException.param("The sandbox publishes single images only (media_type " + type + " is not simulated)");
        }
        String imageUrl = p.get("image_url");
        if (imageUrl == null) throw GraphException.param("The parameter image_url is required");
        String caption = p.get("caption");
        if (caption != null && caption.length() > 2200) {
            throw new GraphException(400, GraphException.OAUTH, 100, 2207010, "(#100) The caption is too long. Max 2200 characters.");
        }
        World w = ctx.w;
        IgContainer c = new IgContainer();
        c.id = w.nextId("17889", 12);
        c.igUserId = ig.id;
        c.imageUrl = imageUrl;
        c.caption = caption;
        c.createdMs = ctx.now;
        w.containers.put(c.id, c);
        fetchImage(c);
        return ordered("id", c.id);
    }

    /** Really downloads image_url (like Meta's cURL): an unreachable or non-image URL ends as ERROR. */
    private void fetchImage(IgContainer c) {
        HttpRequest req;
        try {
            URI uri = URI.create(c.imageUrl);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) throw new IllegalArgumentException("not http(s)");
            req = HttpRequest.newBuilder(uri).timeout(config.instagram().fetchTimeout()).GET().build();
        } catch (IllegalArgumentException e) {
            fetched(c, false, "Media download has failed. The media URI doesn't meet our requirements.", 2207052);
            return;
        }
        fetcher.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((resp, err) -> {
            if (err != null) {
                fetched(c, false, "Media download has failed. The media URI doesn't meet our requirements.", 2207052);
            } else if (resp.statusCode() / 100 != 2) {
                fetched(c, false, "Media download has failed. The media URI doesn't meet our requirements.", 2207052);
            } else {
                String ct = resp.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                byte[] b = resp.body();
                boolean jpeg = b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8;
                boolean png = b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
                if (b.length > 8 * 1024 * 1024) fetched(c, false, "The image size is too large.", 2207004);
                else if (!(jpeg || png) || !(ct.startsWith("image/") || ct.isEmpty())) {
                    fetched(c, false, "The image format is not supported. Supported formats are: JPEG", 2207026);
                } else fetched(c, true, null, null);
            }
        });
    }

    private void fetched(IgContainer c, boolean ok, String error, Integer subcode) {
        synchronized (state) {
            c.fetchOk = ok;
            c.fetchError = error;
            c.fetchSubcode = subcode;
        }
        if (!ok) LOG.debugf("container %s: image %s not usable: %s", c.id, c.imageUrl, error);
    }

    String containerStatus(IgContainer c, long now) {
        if (c.publishedMediaId != null) return "PUBLISHED";
        if (now - c.createdMs >= 24 * 3600_000L) return "EXPIRED";
        if (Boolean.FALSE.equals(c.fetchOk)) return "ERROR";
        if (c.fetchOk == null || now < c.createdMs + igProcessingMs()) return "IN_PROGRESS";
        return "FINISHED";
    }

    private Object container(Ctx ctx, IgContainer c, String edge) {
        ownIg(ctx, ctx.w.igUsers.get(c.igUserId));
        meterPageOrPlatform(ctx, ctx.w.igUsers.get(c.igUserId).pageId);
        if (edge != null || !ctx.get()) throw GraphException.unsupported(ctx.method, c.id);
        String code = containerStatus(c, ctx.now);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", c.id);
        all.put("status_code", code);
        all.put("status", switch (code) {
            case "ERROR" -> "Error: " + c.fetchError + " (" + c.fetchSubcode + ")";
            case "EXPIRED" -> "Expired: The container was not published within 24 hours.";
            case "IN_PROGRESS" -> "In Progress: Media is still being processed.";
            case "PUBLISHED" -> "Published: Media has been published.";
            default -> "Finished: Media has been uploaded and it is ready to be published.";
        });
        all.put("copyright_check_status", Map.of("matches_found", false, "status", "not_started"));
        return Fields.select(all, Set.of("id"), ctx.params.get("fields"), "IGContainer");
    }

    private Object mediaPublish(Ctx ctx, IgUser ig) {
        if (!ctx.scope("instagram_content_publish")) throw GraphException.permission10();
        String creation = ctx.params.required("creation_id");
        IgContainer c = ctx.w.containers.get(creation);
        if (c == null || !c.igUserId.equals(ig.id)) {
            throw new GraphException(400, GraphException.OAUTH, 24, 2207006, "The media with id " + creation + " cannot be found",
                    "Media not found", "The media container could not be found.", false);
        }
        String status = containerStatus(c, ctx.now);
        switch (status) {
            case "IN_PROGRESS" -> throw new GraphException(400, GraphException.OAUTH, 9007, 2207027, "Media ID is not available",
                    "Media is not ready", "The media is not ready for publishing, please wait for a moment", false);
            case "ERROR" -> throw new GraphException(400, GraphException.OAUTH, 9004, c.fetchSubcode,
                    "Only photo or video can be accepted as media type.", "Media download has failed", c.fetchError, false);
            case "EXPIRED" -> throw new GraphException(400, GraphException.OAUTH, 9007, 2207008,
                    "The media container has expired", "Media expired", "The container was not published within 24 hours.", false);
            case "PUBLISHED" -> throw new GraphException(400, GraphException.OAUTH, 9007, 2207001,
                    "The media has already been published", "Already published", "This container has already been published.", false);
            default -> {
            }
        }
        if (quotaUsage(ig, ctx.now) >= igQuota()) {
            throw new GraphException(400, GraphException.OAUTH, 9, 2207042, "Application request limit reached",
                    "Publishing limit reached", "You reached the maximum number of posts that is allowed to be published by API in 24 hours.", false);
        }
        World w = ctx.w;
        IgMedia m = new IgMedia();
        m.id = w.nextId("17900", 12);
        m.igUserId = ig.id;
        m.containerId = c.id;
        m.caption = c.caption;
        m.imageUrl = c.imageUrl;
        m.publishMs = ctx.now;
        m.shortcode = w.opaque("C", 11);
        Market.init(w.seed, m.exposure, Market.Kind.IG_MEDIA, c.caption, Market.firstUrl(c.caption), c.imageUrl, null, null);
        w.igMedia.put(m.id, m);
        ig.mediaIds.add(m.id);
        ig.publishes.add(ctx.now);
        c.publishedMediaId = m.id;
        return ordered("id", m.id);
    }

    Map<String, Object> mediaFields(Ctx ctx, IgMedia m) {
        IgUser ig = ctx.w.igUsers.get(m.igUserId);
        World.DayStats total = Insights.total(m.exposure, Long.MIN_VALUE, Long.MAX_VALUE);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", m.id);
        all.put("caption", m.caption);
        all.put("media_type", "IMAGE");
        all.put("media_product_type", "FEED");
        all.put("media_url", m.imageUrl);
        all.put("permalink", "https://www.instagram.com/p/" + m.shortcode + "/");
        all.put("shortcode", m.shortcode);
        all.put("timestamp", time(m.publishMs));
        all.put("username", ig.username);
        all.put("like_count", total.get(World.Metric.REACTIONS));
        all.put("comments_count", total.get(World.Metric.COMMENTS));
        all.put("owner", Map.of("id", ig.id));
        return all;
    }

    private Object igMedia(Ctx ctx, IgMedia m, String edge) {
        IgUser ig = ownIg(ctx, ctx.w.igUsers.get(m.igUserId));
        meterPageOrPlatform(ctx, ig.pageId);
        if (edge == null && ctx.get()) {
            ctx.outbox = sim.catchUpMediaOnly(ctx.w, m, ctx.now);
            return Fields.select(mediaFields(ctx, m), Set.of("id"), ctx.params.get("fields"), "IGMedia");
        }
        if ("insights".equals(edge) && ctx.get()) return insights.igMedia(ctx, m);
        if ("comments".equals(edge) && ctx.get()) return listComments(ctx, m.id);
        if (edge != null && ctx.get()) throw GraphException.nonexistingField(edge, "IGMedia");
        throw GraphException.unsupported(ctx.method, m.id);
    }

    // ================================================================== world building

    /** A user with pages (each with an Instagram business account), a business and an ad account. */
    public User createUser(World w, String name, int pages) {
        SplittableRandom r = new SplittableRandom(Market.mix(w.seed, w.seq, 99));
        User u = new User();
        u.id = w.nextId("1000", 12);
        u.name = name;
        u.businessId = w.nextId("1010", 12);
        w.users.put(u.id, u);
        for (int i = 1; i <= pages; i++) {
            Page p = new Page();
            p.id = w.nextId("1020", 12);
            p.name = (name.endsWith("User") ? name.substring(0, name.length() - 4).trim() : name) + " Page " + i;
            p.ownerUserId = u.id;
            p.followers = 2000 + r.nextInt(18000);
            w.pages.put(p.id, p);
            u.pageIds.add(p.id);
            IgUser ig = new IgUser();
            ig.id = w.nextId("17841", 12);
            ig.pageId = p.id;
            ig.username = p.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
            ig.name = p.name;
            ig.followers = 1000 + r.nextInt(15000);
            w.igUsers.put(ig.id, ig);
            p.igUserId = ig.id;
        }
        World.AdAccount a = new World.AdAccount();
        a.accountId = w.nextId("10", 13);
        a.id = "act_" + a.accountId;
        a.name = name + " Ads";
        a.ownerUserId = u.id;
        a.businessId = u.businessId;
        w.adAccounts.put(a.id, a);
        u.adAccountIds.add(a.id);
        return u;
    }

    public Token issueToken(World w, String userId, Set<String> scopes, boolean longLived, long now) {
        return issueUserToken(w, userId, scopes, longLived, now);
    }

    public Token issuePageToken(World w, Token userToken, Page page, long now) {
        return pageToken(w, userToken, page, now);
    }

    public void seedDefault(World w) {
        createUser(w, config.world().userName(), config.world().pages());
    }

    public SandboxState state() {
        return state;
    }

    public SandboxConfig config() {
        return config;
    }

    // ================================================================== helpers

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
