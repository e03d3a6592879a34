package io.campaignengine.bench;

import io.campaignengine.bench.kit.ClosedLoop;
import io.campaignengine.bench.kit.ClosedLoop.Result;
import io.campaignengine.bench.kit.CpuMeter;
import io.campaignengine.bench.kit.Http;
import io.campaignengine.bench.kit.KeepAliveGet;
import io.campaignengine.bench.kit.Services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/campaigns?businessId=…} (first page, 20 of 10,000 campaigns, with task progress) by 64 concurrent
 * clients, directly against playbook-service and through the gateway, alternating in the same run — for the platform
 * as configured (a business's rendered pages kept while its list version stands still) and, side by side, for the
 * same jars with that cache off (every request read and rendered). Both are the
 * built service jars (production profile) started here against a running devstack (default: the test profile's
 * stack.env), so the load generator, the gateway, the service and PostgreSQL share the same two cores — the figures
 * are for this machine as a whole.
 * <p>
 * The 10,000 campaigns: one real campaign is created through the API, then copied in SQL (a setup step, not measured).
 */
public final class GatewayBench {
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    final Path root;
    final Properties env;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final Services services;
    /** {@code --client jdk}: the JDK HttpClient instead of one keep-alive socket per client thread. */
    boolean jdkClient;
    /** {@code --pairs kept}: only the platform as configured (to try a setting quickly); default both pairs. */
    boolean keptOnly;
    /** The size of the first page, which every measured answer must have. */
    int pageBytes = -1;

    GatewayBench(Path root, String profile) throws IOException {
        this.root = root;
        this.env = Services.stackEnv(root, profile);
        this.services = new Services(root, env, root.resolve("bench/results"), "gateway-bench-");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        GatewayBench b = new GatewayBench(Path.of(a.getOrDefault("root", ".")).toAbsolutePath().normalize(), a.getOrDefault("profile", "test"));
        b.jdkClient = a.getOrDefault("client", "sockets").equals("jdk");
        b.keptOnly = a.getOrDefault("pairs", "both").equals("kept");
        System.out.println("load: " + (b.jdkClient ? "virtual threads sharing one JDK HttpClient" : "a thread and a keep-alive socket per client"));
        try {
            b.run(Integer.parseInt(a.getOrDefault("campaigns", "10000")), Integer.parseInt(a.getOrDefault("clients", "64")),
                    Integer.parseInt(a.getOrDefault("rounds", "3")), Integer.parseInt(a.getOrDefault("seconds", "15")),
                    Integer.parseInt(a.getOrDefault("warmup", "8")));
        } finally {
            b.services.close();
        }
    }

    void run(int campaigns, int clients, int rounds, int seconds, int warmup) throws Exception {
        // the platform as configured (kept pages on), and side by side the same jars with CampaignListCache off
        Pair kept = startPair("", "kept pages (as configured)", List.of(), List.of());
        List<Pair> pairs = new ArrayList<>(List.of(kept));
        if (!keptOnly) {
            pairs.add(startPair("-uncached", "no kept pages (list-cache.max-entries=0)",
                    List.of("-Dcampaign-engine.playbook.list-cache.max-entries=0"), List.of()));
        }
        // an A/B of a setting in one run: the same pair once more, its gateway and/or service with these JVM options
        List<String> compareGateway = extraOptions("BENCH_COMPARE_GATEWAY_OPTS");
        List<String> compareService = extraOptions("BENCH_COMPARE_SERVICE_OPTS");
        if (!compareGateway.isEmpty() || !compareService.isEmpty()) {
            pairs.add(startPair("-compared", "kept pages, service with " + compareService + ", gateway with " + compareGateway,
                    compareService, compareGateway));
        }

        // BENCH_BARE_PROXY=vertx,netty (1 = vertx): the floor of proxying here — plain Vert.x and/or plain Netty in front of
        // the as-configured service (bare-proxy/), no Quarkus, no security, no metrics
        List<BareProxy> bareProxies = new ArrayList<>();
        String bareChoice = System.getenv("BENCH_BARE_PROXY");
        if (bareChoice != null) {
            for (String kind : bareChoice.split(",")) {
                String name = kind.trim().equals("1") ? "vertx" : kind.trim();
                String source = switch (name) {
                    case "vertx" -> "BareProxy.java";
                    case "netty" -> "NettyProxy.java";
                    default -> throw new IllegalArgumentException("BENCH_BARE_PROXY: vertx, netty or both, not " + name);
                };
                int barePort = Services.freePort();
                Process process = services.startJava("bare-" + name, root.resolve("services/gateway/target/quarkus-app/lib/main") + "/*",
                        List.of(root.resolve("bench/gateway/bare-proxy/" + source).toString(), String.valueOf(barePort),
                                kept.direct().substring(kept.direct().lastIndexOf(':') + 1)));
                BareProxy bare = new BareProxy(name, process, "http://127.0.0.1:" + barePort);
                services.awaitReady("bare-" + name, process, bare.url() + "/q/health/ready", Duration.ofSeconds(60));
                System.out.printf("bare %s proxy on %d in front of the as-configured service%n", name, barePort);
                bareProxies.add(bare);
            }
        }

        String token = token("alice");
        String businessId = seed(kept.direct(), token, campaigns);
        String path = "/api/campaigns?businessId=" + businessId;
        for (Pair pair : pairs) {
            String check = get(pair.viaGateway() + path, token);
            Matcher total = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)").matcher(check);
            if (!total.find() || Integer.parseInt(total.group(1)) < campaigns) {
                throw new IllegalStateException("expected totalItems >= " + campaigns + " through the gateway: "
                        + check.substring(0, Math.min(300, check.length())));
            }
            int bytes = check.getBytes(StandardCharsets.UTF_8).length;
            if (pageBytes >= 0 && bytes != pageBytes) {
                throw new IllegalStateException("the two pairs answer pages of different sizes: " + pageBytes + " and " + bytes);
            }
            pageBytes = bytes;
            System.out.printf("GET %s%s -> %d bytes, totalItems %s%n", pair.viaGateway(), path, bytes, total.group(1));
        }

        System.out.printf("warm-up %d s each, then until the JIT compilers are done (%d ms of their CPU per 10 s at most)%n",
                warmup, JIT_SETTLED_MS);
        for (Pair pair : pairs) {
            warm("direct " + pair.label(), pair.direct() + path, token, clients, warmup, Map.of("service", pair.service()));
            warm("gateway " + pair.label(), pair.viaGateway() + path, token, clients, warmup,
                    Map.of("gateway", pair.gateway(), "service", pair.service()));
        }
        for (BareProxy bare : bareProxies) {
            warm("bare " + bare.name(), bare.url() + path, token, clients, warmup, Map.of("bare " + bare.name(), bare.process()));
        }
        Map<BareProxy, List<Result>> bareResults = new HashMap<>();
        Map<BareProxy, List<Double>> bareRatios = new HashMap<>();

        Map<Pair, List<Result>> directResults = new HashMap<>();
        Map<Pair, List<Result>> gatewayResults = new HashMap<>();
        for (int r = 1; r <= rounds; r++) {
            String roundToken = token("alice"); // a fresh 15-minute token per round
            for (Pair pair : pairs) {
                // where the two cores go: CPU per answered request in each process
                CpuMeter cpu = new CpuMeter().self("bench").process("gateway", pair.gateway()).process("service", pair.service())
                        .commandContains("postgres", "bin/postgres");
                CpuMeter.Measured<Result> d = cpu.measure(() -> load(pair.direct() + path, roundToken, clients, seconds));
                CpuMeter.Measured<Result> g = cpu.measure(() -> load(pair.viaGateway() + path, roundToken, clients, seconds));
                directResults.computeIfAbsent(pair, k -> new ArrayList<>()).add(d.result());
                gatewayResults.computeIfAbsent(pair, k -> new ArrayList<>()).add(g.result());
                System.out.printf("round %d %s:%n  direct  %s%n          %s%n  gateway %s   ratio %.2f%n          %s%n", r, pair.label(),
                        d.result(), d.perRequest(d.result().requests()), g.result(), g.result().rps() / d.result().rps(),
                        g.perRequest(g.result().requests()));
                for (BareProxy bare : pair == kept ? bareProxies : List.<BareProxy>of()) {
                    CpuMeter bareCpu = new CpuMeter().self("bench").process("bare " + bare.name(), bare.process())
                            .process("service", pair.service()).commandContains("postgres", "bin/postgres");
                    String url = bare.url() + path;
                    CpuMeter.Measured<Result> b = bareCpu.measure(() -> load(url, roundToken, clients, seconds));
                    bareResults.computeIfAbsent(bare, k -> new ArrayList<>()).add(b.result());
                    bareRatios.computeIfAbsent(bare, k -> new ArrayList<>()).add(b.result().rps() / d.result().rps());
                    System.out.printf("  %-7s %s   ratio %.2f%n          %s%n", bare.name(), b.result(), b.result().rps() / d.result().rps(),
                            b.perRequest(b.result().requests()));
                }
            }
        }
        System.out.println();
        for (Pair pair : pairs) {
            List<Result> ds = directResults.get(pair);
            List<Result> gs = gatewayResults.get(pair);
            System.out.printf("MEDIAN %s%n  direct  %s%n  gateway %s%n  gateway/direct throughput ratio %.2f%n", pair.label(),
                    Result.median(ds), Result.median(gs),
                    Result.medianOf(java.util.stream.IntStream.range(0, gs.size()).mapToObj(i -> gs.get(i).rps() / ds.get(i).rps()).toList()));
        }
        for (BareProxy bare : bareProxies) {
            System.out.printf("MEDIAN bare %s proxy in front of the as-configured service%n  bare    %s%n  bare/direct throughput ratio %.2f%n",
                    bare.name(), Result.median(bareResults.get(bare)), Result.medianOf(bareRatios.get(bare)));
        }
        System.out.println("targets (through the gateway, kept pages as configured): >= 2000 req/s, p99 <= 50 ms, gateway/direct >= 0.75");
    }

    /** JIT compiler threads of the warmed processes spent at most this much CPU in the last 10 s slice: warm. */
    static final long JIT_SETTLED_MS = 100;

    /**
     * Load for {@code seconds}, then in 10 s slices until the JIT compilers of {@code watched} are (nearly) idle, at most
     * 12 slices more: on two saturated cores a compiler thread gets little CPU, and code still compiling in a measured
     * round costs that round (bench/RESULTS.md: 0.04–0.05 ms per request of a gateway's round 1 after 60 s).
     */
    void warm(String label, String url, String token, int clients, int seconds, Map<String, Process> watched) throws Exception {
        load(url, token, clients, seconds);
        // the slices with a token of their own: each round brings a new one, and a gateway's first new token after the
        // warm-up was followed by ~3 s of compiling (round 1 of the 03:18 run, bench/RESULTS.md) — here, not in round 1
        String another = token("alice");
        for (int slice = 1; slice <= 12; slice++) {
            CpuMeter meter = new CpuMeter();
            watched.forEach(meter::process);
            CpuMeter.Measured<Result> m = meter.measure(() -> load(url, another, clients, 10));
            long jit = m.cpuMillis().entrySet().stream().filter(e -> e.getKey().endsWith(" jit")).mapToLong(Map.Entry::getValue).sum();
            if (jit <= JIT_SETTLED_MS) {
                System.out.printf("  %s: warm after %d s (JIT %d ms in the last 10 s)%n", label, seconds + 10 * slice, jit);
                return;
            }
        }
        System.out.printf("  %s: JIT still busy after %d s; measuring anyway%n", label, seconds + 120);
    }

    /** A bench-only proxy with no features (bare-proxy/): the floor of proxying with its technology here. */
    record BareProxy(String name, Process process, String url) {
    }

    /** A playbook-service and a gateway in front of it. */
    record Pair(String label, Process service, Process gateway, String direct, String viaGateway) {
    }

    Pair startPair(String suffix, String label, List<String> serviceOptions, List<String> moreGatewayOptions) throws Exception {
        int servicePort = Services.freePort();
        int gatewayPort = Services.freePort();
        System.out.printf("%s: playbook-service on %d, the gateway on %d (production profile, -Xmx256m, SerialGC, as make run)%n",
                label, servicePort, gatewayPort);
        List<String> options = new ArrayList<>(serviceOptions);
        options.addAll(extraOptions("BENCH_SERVICE_OPTS"));
        Process service = services.start("playbook-service" + suffix, "playbook-service", servicePort,
                Map.of("CE_AI_GENERATOR", "offline", "CE_DEMO_DATA", "false"), options);
        services.awaitReady("playbook-service" + suffix, service, "http://127.0.0.1:" + servicePort + "/q/health/ready", Duration.ofSeconds(120));
        List<String> gatewayOptions = new ArrayList<>(List.of("-Dcampaign-engine.gateway.upstreams.content-service.enabled=false",
                "-Dcampaign-engine.gateway.upstreams.image-service.enabled=false"));
        gatewayOptions.addAll(extraOptions("BENCH_GATEWAY_OPTS"));
        gatewayOptions.addAll(moreGatewayOptions);
        Process gateway = services.start("gateway" + suffix, "gateway", gatewayPort, Map.of("CE_PLAYBOOK_URL", "http://127.0.0.1:" + servicePort),
                gatewayOptions);
        services.awaitReady("gateway" + suffix, gateway, "http://127.0.0.1:" + gatewayPort + "/q/health/ready", Duration.ofSeconds(120));
        return new Pair(label, service, gateway, "http://127.0.0.1:" + servicePort, "http://127.0.0.1:" + gatewayPort);
    }

    /** JVM options from an environment variable (space-separated), to try a setting on one side: e.g. BENCH_GATEWAY_OPTS. */
    static List<String> extraOptions(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    // ------------------------------------------------------------------------------------------ the load

    /**
     * {@code clients} closed-loop clients sending the same GET, each answer checked (200, the page's size). By default
     * each client is a thread with one keep-alive connection of its own ({@code KeepAliveGet}, cheap for the machine);
     * {@code --client jdk}: virtual threads sharing one JDK HttpClient, as the figures before 2026-12-01 18:00 were taken.
     */
    Result load(String url, String token, int clients, int seconds) throws Exception {
        if (jdkClient) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build();
            return ClosedLoop.run(clients, seconds, () -> request, r -> {
                HttpResponse<byte[]> answer = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
                return answer.statusCode() == 200 && answer.body().length == pageBytes;
            });
        }
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        return ClosedLoop.runConnections(clients, seconds, () -> new KeepAliveGet(url, headers), c -> {
            KeepAliveGet.Response answer = c.get();
            return answer.status() == 200 && answer.bodyBytes() == pageBytes;
        });
    }

    // ------------------------------------------------------------------------------------------ the data

    /** A business with {@code campaigns} campaigns: vaquero (in alice's scope), a fresh active playbook, copies of one campaign. */
    String seed(String base, String token, int campaigns) throws Exception {
        String business = send("GET", base + "/api/businesses/vaquero", token, null, 200, 404);
        if (business.contains("\"status\":404") || !business.contains("\"slug\"")) {
            business = send("POST", base + "/api/businesses", token,
                    "{\"name\":\"Vaquero Homes\",\"slug\":\"vaquero\",\"currency\":\"USD\"}", 201);
        }
        String businessId = firstId(business);
        String url = "jdbc:postgresql://" + env.getProperty("CE_PG_HOST", "127.0.0.1") + ":" + env.getProperty("CE_PG_PORT") + "/playbook";
        try (Connection db = DriverManager.getConnection(url, "playbook", "playbook")) {
            int existing = count(db, businessId);
            if (existing >= campaigns) {
                System.out.printf("seeded already: vaquero has %d campaigns%n", existing);
                return businessId;
            }
            String playbook = send("POST", base + "/api/playbooks", token, """
                    {"businessId":"%s","name":"Bench playbook %s","positioning":"Homes built on your land.",
                     "audiences":[{"id":"lot_owner","name":"Lot owners"}],
                     "keyMessages":{"lot_owner":["Build on the land you already own."]},
                     "hooks":[{"text":"Own a lot? Build this year.","segmentIds":["lot_owner"]}]}""".formatted(businessId, UUID.randomUUID()), 201);
            String playbookId = firstId(playbook);
            send("POST", base + "/api/playbooks/" + playbookId + "/activate", token, null, 200);
            String template = firstId(send("POST", base + "/api/campaigns", token, """
                    {"playbookId":"%s","name":"Bench campaign","targetAudience":"lot_owner","budgetDaily":40,"budgetTotal":1200}"""
                    .formatted(playbookId), 201));
            int missing = campaigns - existing - 1;
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = db.getMetaData().getColumns(null, "public", "campaigns", null)) {
                while (rs.next()) {
                    String c = rs.getString("COLUMN_NAME");
                    if (!List.of("id", "name", "created_at").contains(c)) {
                        columns.add(c);
                    }
                }
            }
            String cols = String.join(", ", columns);
            try (PreparedStatement st = db.prepareStatement("insert into campaigns (id, name, created_at, " + cols + ") "
                    + "select gen_random_uuid(), c.name || ' #' || g, now() - g * interval '1 second', " + cols
                    + " from campaigns c, generate_series(1, ?) g where c.id = ?::uuid")) {
                st.setInt(1, missing);
                st.setString(2, template);
                st.executeUpdate();
            }
            try (var st = db.createStatement()) {
                st.execute("analyze campaigns");
            }
            System.out.printf("seeded: %d campaigns in vaquero (%d copied in SQL from campaign %s)%n", count(db, businessId), missing, template);
        }
        return businessId;
    }

    static int count(Connection db, String businessId) throws Exception {
        try (PreparedStatement st = db.prepareStatement("select count(*) from campaigns where business_id = ?::uuid")) {
            st.setString(1, businessId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static String firstId(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    String token(String user) throws Exception {
        return Http.token(http, env.getProperty("CE_OIDC_URL"), user);
    }

    String get(String url, String token) throws Exception {
        return send("GET", url, token, null, 200);
    }

    String send(String method, String url, String token, String json, int... ok) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b, ok);
    }

    String send(HttpRequest.Builder b, int... ok) throws Exception {
        return Http.send(http, b.timeout(Duration.ofSeconds(30)).build(), ok);
    }
}
