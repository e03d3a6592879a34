package io.campaignengine.bench;

import io.campaignengine.bench.kit.ClosedLoop;
import io.campaignengine.bench.kit.ClosedLoop.Result;
import io.campaignengine.bench.kit.CpuMeter;
import io.campaignengine.bench.kit.Http;
import io.campaignengine.bench.kit.Services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * clients, directly against playbook-service and through the gateway, alternating in the same run. Both are the
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
        try {
            b.run(Integer.parseInt(a.getOrDefault("campaigns", "10000")), Integer.parseInt(a.getOrDefault("clients", "64")),
                    Integer.parseInt(a.getOrDefault("rounds", "3")), Integer.parseInt(a.getOrDefault("seconds", "15")),
                    Integer.parseInt(a.getOrDefault("warmup", "8")));
        } finally {
            b.services.close();
        }
    }

    void run(int campaigns, int clients, int rounds, int seconds, int warmup) throws Exception {
        int servicePort = Services.freePort();
        int gatewayPort = Services.freePort();
        System.out.printf("starting playbook-service on %d and the gateway on %d (production profile, -Xmx256m, SerialGC, as make run)%n",
                servicePort, gatewayPort);
        Process service = services.start("playbook-service", "playbook-service", servicePort, Map.of("CE_AI_GENERATOR", "offline", "CE_DEMO_DATA", "false"),
                extraOptions("BENCH_SERVICE_OPTS"));
        services.awaitReady("playbook-service", service, "http://127.0.0.1:" + servicePort + "/q/health/ready", Duration.ofSeconds(120));
        List<String> gatewayOptions = new ArrayList<>(List.of("-Dcampaign-engine.gateway.upstreams.content-service.enabled=false",
                "-Dcampaign-engine.gateway.upstreams.image-service.enabled=false"));
        gatewayOptions.addAll(extraOptions("BENCH_GATEWAY_OPTS"));
        Process gateway = services.start("gateway", "gateway", gatewayPort, Map.of("CE_PLAYBOOK_URL", "http://127.0.0.1:" + servicePort),
                gatewayOptions);
        services.awaitReady("gateway", gateway, "http://127.0.0.1:" + gatewayPort + "/q/health/ready", Duration.ofSeconds(120));

        String direct = "http://127.0.0.1:" + servicePort;
        String viaGateway = "http://127.0.0.1:" + gatewayPort;
        String token = token("alice");
        String businessId = seed(direct, token, campaigns);
        String path = "/api/campaigns?businessId=" + businessId;
        String check = get(viaGateway + path, token);
        Matcher total = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)").matcher(check);
        if (!total.find() || Integer.parseInt(total.group(1)) < campaigns) {
            throw new IllegalStateException("expected totalItems >= " + campaigns + " through the gateway: "
                    + check.substring(0, Math.min(300, check.length())));
        }
        System.out.printf("GET %s -> %d bytes, totalItems %s%n", path, check.length(), total.group(1));

        System.out.printf("warm-up %d s each%n", warmup);
        load(direct + path, token, clients, warmup);
        load(viaGateway + path, token, clients, warmup);

        // where the two cores go: CPU per answered request in each process
        CpuMeter cpu = new CpuMeter().self("bench").process("gateway", gateway).process("service", service)
                .commandContains("postgres", "bin/postgres");
        List<Result> directResults = new ArrayList<>();
        List<Result> gatewayResults = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            String roundToken = token("alice"); // a fresh 15-minute token per round
            CpuMeter.Measured<Result> d = cpu.measure(() -> load(direct + path, roundToken, clients, seconds));
            CpuMeter.Measured<Result> g = cpu.measure(() -> load(viaGateway + path, roundToken, clients, seconds));
            directResults.add(d.result());
            gatewayResults.add(g.result());
            System.out.printf("round %d: direct  %s%n           %s%n         gateway %s   ratio %.2f%n           %s%n", r,
                    d.result(), d.perRequest(d.result().requests()), g.result(), g.result().rps() / d.result().rps(),
                    g.perRequest(g.result().requests()));
        }
        Result dm = Result.median(directResults);
        Result gm = Result.median(gatewayResults);
        System.out.println();
        System.out.printf("MEDIAN direct  %s%n", dm);
        System.out.printf("MEDIAN gateway %s%n", gm);
        System.out.printf("MEDIAN gateway/direct throughput ratio %.2f (target >= 0.75); gateway target >= 2000 req/s, p99 <= 50 ms%n",
                Result.medianOf(gatewayResults.stream().map(g -> g.rps() / directResults.get(gatewayResults.indexOf(g)).rps()).toList()));
    }

    /** JVM options from an environment variable (space-separated), to try a setting on one side: e.g. BENCH_GATEWAY_OPTS. */
    static List<String> extraOptions(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    // ------------------------------------------------------------------------------------------ the load

    /** {@code clients} closed-loop clients sending the same GET. */
    Result load(String url, String token, int clients, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build();
        return ClosedLoop.run(clients, seconds, () -> request,
                r -> http.send(r, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200);
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
