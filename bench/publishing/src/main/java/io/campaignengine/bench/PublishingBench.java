package io.campaignengine.bench;

import io.campaignengine.bench.kit.Http;
import io.campaignengine.bench.kit.Services;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * publishing-service publishing 10,000 posts against the meta-sandbox. Both are the built jars, started here as
 * {@code make run} starts them (production profile, -Xmx256m, SerialGC) against a running devstack (default: the test
 * profile's stack.env), so the bench, the two services, PostgreSQL, Kafka and Debezium share the machine's two cores.
 * <p>
 * Per round: a fresh business (random slug) is connected through the real OAuth flow (connect-meta, the sandbox's
 * dialog for a new sandbox user, the callback: tokens encrypted by the service); then its campaign, content and
 * posts are written as the rows the scheduler writes (status SCHEDULED, due at known instants: evenly spread over
 * {@code --spread} seconds from a few seconds ahead, or all at once with 0). The service publishes them; the bench
 * waits until every post is POSTED or FAILED and reads the lag (posted_at - scheduled_for) from the database and
 * the publications from the sandbox's side ({@code /_sandbox/publications}: posts, distinct messages, duplicates).
 * <p>
 * The throttled run: the sandbox's clock runs {@code --throttle-speed} times faster (its rolling hour of call counts
 * passes in 3600/speed s) with a low Page limit, and the service's rate-limit time constants are scaled by the same
 * factor; the sandbox reports the highest usage its headers showed and how many calls it throttled.
 */
public final class PublishingBench {

    final Path root;
    final Properties env;
    final Services services;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final String runTag = UUID.randomUUID().toString().substring(0, 6);
    boolean keep;
    String sandbox;
    String service;
    Process serviceProcess;
    int servicePort;

    PublishingBench(Path root, String profile) throws IOException {
        this.root = root;
        this.env = Services.stackEnv(root, profile);
        this.services = new Services(root, env, root.resolve("bench/results"), "publishing-bench-");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        PublishingBench b = new PublishingBench(Path.of(a.getOrDefault("root", ".")).toAbsolutePath().normalize(), a.getOrDefault("profile", "test"));
        try (Services s = b.services) {
            b.run(a);
        }
    }

    void run(Map<String, String> a) throws Exception {
        keep = Boolean.parseBoolean(a.getOrDefault("keep", "false"));
        int posts = Integer.parseInt(a.getOrDefault("posts", "10000"));
        int instagram = Integer.parseInt(a.getOrDefault("instagram", "500"));
        double spread = Double.parseDouble(a.getOrDefault("spread", "300"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "1"));
        int burstRounds = Integer.parseInt(a.getOrDefault("burst-rounds", "1"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "500"));
        int throttledPosts = Integer.parseInt(a.getOrDefault("throttled-posts", "2000"));
        double speed = Double.parseDouble(a.getOrDefault("throttle-speed", "60"));
        int pageLimit = Integer.parseInt(a.getOrDefault("throttle-page-limit", "1200"));
        int throttledRounds = Integer.parseInt(a.getOrDefault("throttled-rounds", "3"));
        List<String> serviceArgs = a.containsKey("service-args") ? List.of(a.get("service-args").trim().split("\\s+")) : List.of();

        int sandboxPort = freePort();
        sandbox = "http://127.0.0.1:" + sandboxPort;
        System.out.printf("starting meta-sandbox on %d (production profile, clock running)%n", sandboxPort);
        Process sbx = services.start("meta-sandbox", "meta-sandbox", sandboxPort, Map.of(), List.of("-Dsandbox.public-url=" + sandbox));
        services.awaitReady("meta-sandbox", sbx, sandbox + "/_sandbox/clock", Duration.ofSeconds(120));
        startService(serviceArgs);

        String limitsUp = "{\"app_calls_per_hour\":10000000,\"user_calls_per_hour\":10000000,\"page_calls_per_hour\":10000000,"
                + "\"ad_account_calls_per_hour\":10000000,\"insights_calls_per_hour\":10000000,\"instagram_quota\":" + Math.max(50, instagram) + ",\"clear\":true}";
        if (warmup > 0) {
            sandboxPut("/_sandbox/rate-limits", limitsUp);
            System.out.printf("warm-up (not counted): %s%n", round("warmup", warmup, Math.min(instagram, warmup / 20), 0, Duration.ofMinutes(10)));
        }
        if (burstRounds + rounds > 0) System.out.printf("%n== unthrottled: %d posts per round (%d Page, %d Instagram); sandbox limits raised, Instagram quota %d%n",
                posts, posts - instagram, instagram, Math.max(50, instagram));
        List<Round> burst = new ArrayList<>();
        for (int r = 1; r <= burstRounds; r++) {
            sandboxPut("/_sandbox/rate-limits", limitsUp);
            Round res = round("b" + r, posts, instagram, 0, Duration.ofMinutes(15));
            burst.add(res);
            System.out.printf("burst round %d (all due at once: throughput): %s%n", r, res);
        }
        List<Round> paced = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            sandboxPut("/_sandbox/rate-limits", limitsUp);
            Round res = round("p" + r, posts, instagram, spread, Duration.ofMinutes(15));
            paced.add(res);
            System.out.printf("paced round %d (due evenly over %.0f s = %.1f posts/s: lag): %s%n", r, spread, posts / spread, res);
        }
        System.out.println();
        if (!burst.isEmpty()) System.out.printf("MEDIAN burst %s%n", Round.median(burst));
        if (!paced.isEmpty()) System.out.printf("MEDIAN paced %s%n", Round.median(paced));
        if (burstRounds + rounds > 0) System.out.printf("target: p99 lag of Page posts <= 2000 ms while not throttled; every post exactly once%n");

        if (throttledPosts > 0) {
            // the service's rate-limit clock scaled like the sandbox's: a Meta hour lasts 3600/speed s here
            Duration pace = Duration.ofMillis((long) (60_000 / speed));
            Duration block = Duration.ofMillis((long) (3_600_000 / speed));
            List<String> scaled = new ArrayList<>(serviceArgs);
            scaled.addAll(List.of("-Dcampaign-engine.publishing.scheduler.max-pace=" + pace,
                    "-Dcampaign-engine.publishing.scheduler.max-block=" + block,
                    "-Dcampaign-engine.publishing.scheduler.usage-window=" + block));
            stopService();
            startService(scaled);
            System.out.printf("%n== throttled: %d Page posts due at once; sandbox clock x%.0f (its rolling hour = %.0f s), Page limit %d calls per (simulated) hour;"
                    + " service max-pace %s, max-block %s, usage-window %s%n", throttledPosts, speed, 3600 / speed, pageLimit, pace, block, block);
            sandboxPost("/_sandbox/clock", "{\"speed\":" + speed + "}");
            List<Round> throttled = new ArrayList<>();
            List<Double> maxPct = new ArrayList<>();
            List<Double> refused = new ArrayList<>();
            for (int r = 1; r <= throttledRounds; r++) {
                sandboxPut("/_sandbox/rate-limits", "{\"app_calls_per_hour\":10000000,\"user_calls_per_hour\":10000000,\"page_calls_per_hour\":" + pageLimit
                        + ",\"clear\":true}");
                long logBefore = countLog("Meta throttled calls");
                Round t = round("t" + r, throttledPosts, 0, 0, Duration.ofMinutes(15));
                throttled.add(t);
                String limits = sandboxGet("/_sandbox/rate-limits");
                Matcher m = Pattern.compile("\"page:" + t.pageId + "\"\\s*:\\s*\\{([^}]*)}").matcher(limits);
                String observed = m.find() ? m.group(1) : "";
                int pct = observed.isEmpty() ? -1 : intAt(observed, "\"max_percent\"\\s*:\\s*(\\d+)");
                int thr = observed.isEmpty() ? -1 : intAt(observed, "\"throttled\"\\s*:\\s*(\\d+)");
                maxPct.add((double) pct);
                refused.add((double) thr);
                System.out.printf("throttled round %d: %s%n", r, t);
                System.out.printf("throttled round %d: sandbox on the Page: max usage %d %%, %d calls throttled; service: %d 'Meta throttled' lines,"
                                + " %d posts deferred by pacing; %.1f posts/s = %.0f%% of the %.1f calls/s the limit allows (one call per post)%n",
                        r, pct, thr, countLog("Meta throttled calls") - logBefore, t.paced, t.throughput,
                        100 * t.throughput / (pageLimit * speed / 3600), pageLimit * speed / 3600);
            }
            Round tm = Round.median(throttled);
            System.out.printf("%nMEDIAN throttled %s%n", tm);
            System.out.printf("MEDIAN throttled: max usage %.0f %%, %.0f calls throttled, %.1f posts/s = %.0f%% of the limit's rate, %.1f s for %d posts%n",
                    median(maxPct), median(refused), tm.throughput, 100 * tm.throughput / (pageLimit * speed / 3600), tm.seconds, throttledPosts);
            sandboxPost("/_sandbox/clock", "{\"speed\":1}");
        }
    }

    // ------------------------------------------------------------------------------------------ one round

    record Round(String name, int posts, int posted, int failed, int fbPosts, int fbDistinct, int fbDup, int igMedia, int igDistinct, int igDup,
                 double seconds, double throughput, double fbP50, double fbP99, double fbMax, double igP50, double igP99, int paced, String pageId) {
        @Override
        public String toString() {
            return String.format("%d posts: %d posted, %d failed in %.1f s = %.0f posts/s | sandbox: Page %d posts (%d distinct, %d duplicated), "
                            + "IG %d media (%d distinct, %d duplicated) | Page lag p50 %.0f ms p99 %.0f ms max %.0f ms | IG lag p50 %.0f ms p99 %.0f ms",
                    posts, posted, failed, seconds, throughput, fbPosts, fbDistinct, fbDup, igMedia, igDistinct, igDup, fbP50, fbP99, fbMax, igP50, igP99);
        }

        static Round median(List<Round> rs) {
            return new Round("median", rs.get(0).posts, (int) med(rs, r -> r.posted), (int) med(rs, r -> r.failed), (int) med(rs, r -> r.fbPosts),
                    (int) med(rs, r -> r.fbDistinct), (int) med(rs, r -> r.fbDup), (int) med(rs, r -> r.igMedia), (int) med(rs, r -> r.igDistinct),
                    (int) med(rs, r -> r.igDup), med(rs, r -> r.seconds), med(rs, r -> r.throughput), med(rs, r -> r.fbP50), med(rs, r -> r.fbP99),
                    med(rs, r -> r.fbMax), med(rs, r -> r.igP50), med(rs, r -> r.igP99), (int) med(rs, r -> r.paced), "");
        }

        static double med(List<Round> rs, java.util.function.ToDoubleFunction<Round> f) {
            double[] v = rs.stream().mapToDouble(f).sorted().toArray();
            return v[v.length / 2];
        }
    }

    Round round(String name, int posts, int instagram, double spreadSeconds, Duration timeout) throws Exception {
        String slug = "bench-" + runTag + "-" + name;
        UUID business = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        try (Connection db = db()) {
            try (PreparedStatement st = db.prepareStatement("insert into business (id, slug, name, timezone, currency, target_markets) values (?, ?, ?, 'America/Chicago', 'USD', 'US')")) {
                st.setObject(1, business);
                st.setString(2, slug);
                st.setString(3, "Bench " + slug);
                st.executeUpdate();
            }
        }
        // the real connect flow: connect-meta -> the sandbox's dialog (a new sandbox user) -> the callback
        String token = token("alice");
        String start = send(HttpRequest.newBuilder(URI.create(service + "/api/businesses/" + business + "/connect-meta"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()), 200);
        String dialog = field(start, "authorizationUrl") + "&sandbox_user=new";
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(dialog)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (redirect.statusCode() != 302) throw new IllegalStateException("dialog answered " + redirect.statusCode() + ": " + redirect.body());
        Map<String, String> q = query(redirect.headers().firstValue("Location").orElseThrow().replace("#_=_", ""));
        String connection = send(HttpRequest.newBuilder(URI.create(service + "/api/meta/oauth/callback?code=" + enc(q.get("code")) + "&state=" + enc(q.get("state")))), 200);
        String pageId = field(connection, "pageId");
        String igId = field(connection, "instagramAccountId");

        // the rows the scheduler writes: an ACTIVE campaign, its approved content, one SCHEDULED post per piece
        int every = instagram > 0 ? Math.max(1, posts / instagram) : Integer.MAX_VALUE;
        Instant t0 = Instant.now().plusSeconds(3);
        long stepMicros = spreadSeconds <= 0 ? 0 : (long) (spreadSeconds * 1e6 / posts);
        try (Connection db = db()) {
            db.setAutoCommit(false);
            try (PreparedStatement st = db.prepareStatement("insert into campaign (id, business_id, name, status, objective, platforms, target_markets, currency, start_date, landing_url, launched_at)"
                    + " values (?, ?, ?, 'ACTIVE', 'TRIALS', 'FACEBOOK,INSTAGRAM', 'US', 'USD', current_date, 'https://bench.example.com/', now())")) {
                st.setObject(1, campaign);
                st.setObject(2, business);
                st.setString(3, "Bench " + slug);
                st.executeUpdate();
            }
            try (PreparedStatement st = db.prepareStatement("insert into content (id, campaign_id, business_id, content_type, segment_id, hook_id, headline, body, cta_text, cta_url, tracked_url, image_url, status)"
                    + " select gen_random_uuid(), ?, ?, 'ORGANIC_POST', 'seg_' || (g % 5), 'h_' || (g % 7), 'Bench headline ' || (g % 13),"
                    + " 'Bench post ' || ? || ' #' || g || ': build on the land you already own.', 'Learn more', 'https://bench.example.com/',"
                    + " 'https://bench.example.com/?utm_source=facebook&utm_content=' || g,"
                    + " case when g % ? = 0 and g / ? <= ? then ? end, 'APPROVED'"
                    + " from generate_series(1, ?) g")) {
                st.setObject(1, campaign);
                st.setObject(2, business);
                st.setString(3, slug);
                st.setInt(4, every);
                st.setInt(5, every);
                st.setInt(6, instagram);
                st.setString(7, sandbox + "/_sandbox/images/sample.jpg");
                st.setInt(8, posts);
                st.executeUpdate();
            }
            // due instants in the order of the pieces (# in the body): t0 + i * step
            try (PreparedStatement st = db.prepareStatement("insert into post (id, business_id, campaign_id, content_id, platform, kind, status, scheduled_for, ab_group)"
                    + " select gen_random_uuid(), c.business_id, c.campaign_id, c.id, case when c.image_url is null then 'FACEBOOK' else 'INSTAGRAM' end, 'ORGANIC', 'SCHEDULED',"
                    + " cast(? as timestamptz) + (substring(c.body from '#([0-9]+)')::int - 1) * (? * interval '1 microsecond'), ? from content c where c.campaign_id = ?")) {
                st.setTimestamp(1, Timestamp.from(t0));
                st.setLong(2, stepMicros);
                st.setString(3, campaign + ":bench");
                st.setObject(4, campaign);
                st.executeUpdate();
            }
            db.commit();
        }
        Instant seeded = Instant.now();
        if (seeded.isAfter(t0)) System.out.printf("  (seeding ended %d ms after the first post was due)%n", Duration.between(t0, seeded).toMillis());

        long deadline = System.nanoTime() + timeout.toNanos();
        int open;
        int lastOpen = -1;
        long lastPrint = 0;
        while ((open = count(campaign, "status not in ('POSTED', 'FAILED')")) > 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(open + " posts still open after " + timeout);
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(5) && open != lastOpen) {
                System.out.printf("  %s: %d of %d open%n", name, open, posts);
                lastPrint = System.nanoTime();
                lastOpen = open;
            }
            Thread.sleep(250);
        }

        double[] fb = lags(campaign, "FACEBOOK");
        double[] ig = lags(campaign, "INSTAGRAM");
        int posted = count(campaign, "status = 'POSTED'");
        int failed = count(campaign, "status = 'FAILED'");
        double seconds;
        int paced;
        try (Connection db = db(); PreparedStatement st = db.prepareStatement(
                "select extract(epoch from max(posted_at) - min(scheduled_for)), count(*) filter (where next_attempt_at is not null) from post where campaign_id = ?")) {
            st.setObject(1, campaign);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                seconds = rs.getDouble(1);
                paced = rs.getInt(2);
            }
        }
        String pub = sandboxGet("/_sandbox/publications?page_id=" + pageId + (igId == null ? "" : "&ig_user_id=" + igId));
        int fbPosts = intAt(pub, "\"page\"\\s*:\\s*\\{\"posts\"\\s*:\\s*(\\d+)");
        int fbDistinct = intAt(pub, "\"distinct_messages\"\\s*:\\s*(\\d+)");
        int fbDup = intAt(pub, "\"page\"\\s*:\\s*\\{[^{]*?\"duplicated\"\\s*:\\s*(\\d+)");
        int igMedia = igId == null ? 0 : intAt(pub, "\"media\"\\s*:\\s*(\\d+)");
        int igDistinct = igId == null ? 0 : intAt(pub, "\"distinct_captions\"\\s*:\\s*(\\d+)");
        int igDup = igId == null ? 0 : intAt(pub, "\"instagram\"\\s*:\\s*\\{[^{]*?\"duplicated\"\\s*:\\s*(\\d+)");
        if (fbPosts + igMedia != posts || fbDistinct + igDistinct != posts || fbDup + igDup != 0 || failed != 0) {
            System.out.printf("  CHECK FAILED: %d posts expected; sandbox %s; failed %d%n", posts, pub, failed);
        }
        if (!keep) cleanUp(business, campaign);
        return new Round(name, posts, posted, failed, fbPosts, fbDistinct, fbDup, igMedia, igDistinct, igDup, seconds, posts / seconds,
                pct(fb, 0.50), pct(fb, 0.99), fb.length == 0 ? 0 : fb[fb.length - 1], pct(ig, 0.50), pct(ig, 0.99), paced, pageId);
    }

    /** The round's rows leave the shared database again (--keep true keeps them for a look). */
    void cleanUp(UUID business, UUID campaign) throws Exception {
        try (Connection db = db()) {
            db.setAutoCommit(false);
            for (String sql : List.of("delete from post where campaign_id = ?", "delete from content where campaign_id = ?",
                    "delete from campaign where id = ?")) {
                try (PreparedStatement st = db.prepareStatement(sql)) {
                    st.setObject(1, campaign);
                    st.executeUpdate();
                }
            }
            for (String sql : List.of("delete from platform_connection where business_id = ?", "delete from oauth_state where business_id = ?",
                    "delete from business where id = ?")) {
                try (PreparedStatement st = db.prepareStatement(sql)) {
                    st.setObject(1, business);
                    st.executeUpdate();
                }
            }
            db.commit();
        }
    }

    double[] lags(UUID campaign, String platform) throws Exception {
        List<Double> out = new ArrayList<>();
        try (Connection db = db(); PreparedStatement st = db.prepareStatement(
                "select extract(epoch from posted_at - scheduled_for) * 1000 from post where campaign_id = ? and platform = ? and status = 'POSTED'")) {
            st.setObject(1, campaign);
            st.setString(2, platform);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) out.add(rs.getDouble(1));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? 0 : v[v.length / 2];
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)];
    }

    int count(UUID campaign, String where) throws Exception {
        try (Connection db = db(); PreparedStatement st = db.prepareStatement("select count(*) from post where campaign_id = ? and " + where)) {
            st.setObject(1, campaign);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + env.getProperty("CE_PG_HOST", "127.0.0.1") + ":" + env.getProperty("CE_PG_PORT") + "/publishing",
                "publishing", "publishing");
    }

    long countLog(String needle) throws IOException {
        try (var lines = Files.lines(services.log("publishing-service"))) {
            return lines.filter(l -> l.contains(needle)).count();
        }
    }

    // ------------------------------------------------------------------------------------------ processes

    void startService(List<String> extraArgs) throws Exception {
        servicePort = freePort();
        service = "http://127.0.0.1:" + servicePort;
        List<String> args = new ArrayList<>(List.of(
                // its own consumer group, from the end of the topics: the bench instance takes no events of the tests' group
                "-Dmp.messaging.connector.smallrye-kafka.group.id=publishing-bench-" + runTag + "-" + servicePort,
                "-Dmp.messaging.connector.smallrye-kafka.auto.offset.reset=latest",
                // the random bench slugs are in no demo token's businesses claim: alice (admin) reaches every business
                "-Dcampaign-engine.security.admin-all-businesses=true"));
        args.addAll(extraArgs);
        System.out.printf("starting publishing-service on %d (production profile, -Xmx256m, SerialGC, as make run)%s%n", servicePort,
                extraArgs.isEmpty() ? "" : " with " + String.join(" ", extraArgs));
        serviceProcess = services.start("publishing-service", "publishing-service", servicePort, Map.of("CE_META_GRAPH_URL", sandbox,
                "CE_META_REDIRECT_URI", service + "/api/meta/oauth/callback"), args);
        services.awaitReady("publishing-service", serviceProcess, service + "/q/health/ready", Duration.ofSeconds(120));
    }

    void stopService() {
        Services.stop(serviceProcess);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    String token(String user) throws Exception {
        return Http.token(http, env.getProperty("CE_OIDC_URL"), user);
    }

    String sandboxGet(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sandbox + path)), 200);
    }

    void sandboxPut(String path, String json) throws Exception {
        send(HttpRequest.newBuilder(URI.create(sandbox + path)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    void sandboxPost(String path, String json) throws Exception {
        send(HttpRequest.newBuilder(URI.create(sandbox + path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    String send(HttpRequest.Builder b, int... ok) throws Exception {
        return Http.send(http, b.header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), ok);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            if (json.matches("(?s).*\"" + Pattern.quote(name) + "\"\\s*:\\s*null.*")) return null;
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1).replace("\\u0026", "&");
    }

    static int intAt(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + regex + " in " + json);
        return Integer.parseInt(m.group(1));
    }

    static Map<String, String> query(String url) {
        Map<String, String> q = new HashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0) q.put(kv.substring(0, i), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        return Services.freePort();
    }
}
