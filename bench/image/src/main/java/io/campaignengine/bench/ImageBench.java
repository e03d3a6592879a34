package io.campaignengine.bench;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import io.campaignengine.bench.kit.ClosedLoop;
import io.campaignengine.bench.kit.ClosedLoop.Result;
import io.campaignengine.bench.kit.Http;
import io.campaignengine.bench.kit.Services;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * image-service, the built jar in the production profile, against a running devstack (default: the test profile's
 * stack.env). Two instances: one ranking from the in-memory match index (the default) and one with
 * {@code campaign-engine.images.match-index=false} (the old straight path: a projection of the whole library per match).
 * <ol>
 *   <li>{@code POST /api/images/match} (top 10, a random query of the playbook's vocabulary and a random placement per
 *       request) by N closed-loop clients, against 1,000, 10,000 and 100,000 images of one fresh business (rows inserted
 *       in SQL with COPY; matching reads no S3 object);</li>
 *   <li>{@code POST /api/images/upload} of distinct ~1 MB JPEGs (real bytes, a unique comment segment each, so no 409):
 *       uploads/s, MB/s, p50/p99, by 1 and 4 clients; the uploaded images are deleted afterwards (objects too).</li>
 * </ol>
 * The load generator, the services, PostgreSQL and S3 share the machine's two cores: figures are for this machine.
 */
public final class ImageBench {
    static final List<String> SEGMENTS = List.of("tia_seeker", "true_believer", "new_teacher", "veteran_teacher", "instructional_coach",
            "campus_admin");
    static final List<String> EMOTIONS = List.of("achievement", "relief", "pride", "hope", "connection", "urgency", "curiosity", "trust");
    static final List<String> THEMES = List.of("roi", "story", "feature", "community", "savings", "proof", "time", "growth", "support",
            "recognition");
    static final List<String> CATEGORIES = List.of("happy_teacher", "feature_screenshot", "classroom", "certificate", "team");
    // what a library holds: squares and 4:5 (Instagram + Facebook feed), 1.91:1 (Facebook feed), 9:16 (stories),
    // 4:3 / 3:2 (Facebook feed only), and some too small for any placement
    static final int[][] SIZES = {{1080, 1080}, {1080, 1080}, {1080, 1350}, {1200, 628}, {1080, 1920}, {1600, 1200}, {1500, 1000},
            {2048, 2048}, {480, 480}};
    static final String[] PLACEMENTS = {"facebook_feed", "instagram_feed", "story"};

    final Path root;
    final Path logs;
    final Properties env;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final Services services;

    ImageBench(Path root, String profile) throws IOException {
        this.root = root;
        this.logs = root.resolve("bench/image/target");
        this.env = Services.stackEnv(root, profile);
        this.services = new Services(root, env, logs, "image-service-");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        ImageBench b = new ImageBench(Path.of(a.getOrDefault("root", ".")).toAbsolutePath().normalize(), a.getOrDefault("profile", "test"));
        try {
            b.run(Arrays.stream(a.getOrDefault("sizes", "1000,10000,100000").split(",")).mapToInt(Integer::parseInt).toArray(),
                    Arrays.stream(a.getOrDefault("clients", "1,8").split(",")).mapToInt(Integer::parseInt).toArray(),
                    Integer.parseInt(a.getOrDefault("rounds", "3")), Integer.parseInt(a.getOrDefault("seconds", "5")),
                    Boolean.parseBoolean(a.getOrDefault("straight", "true")),
                    Arrays.stream(a.getOrDefault("upload-clients", "1,4").split(",")).mapToInt(Integer::parseInt).toArray(),
                    Integer.parseInt(a.getOrDefault("upload-seconds", "5")), Integer.parseInt(a.getOrDefault("upload-kb", "1024")),
                    Integer.parseInt(a.getOrDefault("warmup", "5")));
        } finally {
            b.services.close();
        }
    }

    void run(int[] sizes, int[] clients, int rounds, int seconds, boolean straight, int[] uploadClients, int uploadSeconds, int uploadKb,
             int warmup) throws Exception {
        System.out.printf("%s, load average %s%n", Instant.now(), loadAverage());
        int indexPort = Services.freePort();
        int straightPort = Services.freePort();
        System.out.printf("starting image-service on %d (match index)%s (production profile, -Xmx256m, SerialGC, as make run;"
                + " Kafka consumers off: this instance only answers HTTP)%n", indexPort, straight ? " and on " + straightPort + " (straight path)" : "");
        Process indexed = start("index", indexPort, List.of());
        services.awaitReady("index", indexed, "http://127.0.0.1:" + indexPort + "/q/health/ready", Duration.ofSeconds(180));
        Process direct = null;
        if (straight) {
            direct = start("straight", straightPort, List.of("-Dcampaign-engine.images.match-index=false"));
            services.awaitReady("straight", direct, "http://127.0.0.1:" + straightPort + "/q/health/ready", Duration.ofSeconds(180));
        }
        String idx = "http://127.0.0.1:" + indexPort;
        String str = "http://127.0.0.1:" + straightPort;

        UUID business = UUID.randomUUID();
        String url = "jdbc:postgresql://" + env.getProperty("CE_PG_HOST", "127.0.0.1") + ":" + env.getProperty("CE_PG_PORT") + "/image";
        try (Connection db = DriverManager.getConnection(url, "image", "image")) {
            seedBusiness(db, business);
            String token = token("alice");
            send(HttpRequest.newBuilder(URI.create(idx + "/api/images?businessId=" + business)).header("Authorization", "Bearer " + token), 200);
            System.out.printf("business %s (slug vaquero, in alice's scope; a fresh id per run), its playbook copy: %d segments,"
                    + " %d emotions, %d themes%n", business, SEGMENTS.size(), EMOTIONS.size(), THEMES.size());

            System.out.println();
            System.out.println("== POST /api/images/match, top 10, random query and placement per request, closed loop");
            Map<String, List<Result>> medians = new java.util.LinkedHashMap<>();
            {
                // the floor of any request here: HTTP, token check, business scope, one small query, JSON
                String tok = token;
                Supplier<HttpRequest> tags = () -> HttpRequest.newBuilder(URI.create(idx + "/api/images/tags?businessId=" + business))
                        .header("Authorization", "Bearer " + tok).header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
                load(tags, 8, warmup, 200);
                List<Result> rs = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    Result res = load(tags, 1, seconds, 200);
                    rs.add(res);
                    System.out.printf("round %d: floor: GET /api/images/tags, 1 client: %s%n", r, res);
                }
                medians.put("floor (GET /api/images/tags), 1 client(s)", rs);
            }
            int have = 0;
            for (int size : sizes) {
                long t = System.nanoTime();
                insertImages(db, business, size - have, have);
                have = size;
                System.out.printf("%n-- library: %d images (inserted in %.1f s)%n", size, (System.nanoTime() - t) / 1e9);
                token = token("alice");
                // first match after the change: the index catches up (full reload for a bulk change), not measured in the rounds
                long first = System.nanoTime();
                String body = send(matchRequest(idx, token, business, new Random(1)), 200);
                System.out.printf("first match after the insert (index catches up): %.0f ms, %s%n", (System.nanoTime() - first) / 1e6,
                        field(body, "libraryCount") + " in library, " + field(body, "suitableCount") + " suitable");
                if (!String.valueOf(size).equals(field(body, "libraryCount"))) {
                    throw new IllegalStateException("libraryCount " + field(body, "libraryCount") + " != " + size);
                }
                indexLine(size).ifPresent(l -> System.out.println("service log: " + l));
                System.out.printf("index instance RSS %d MB%n", rssMb(indexed));
                String tok = token;
                load(() -> matchRequest(idx, tok, business, ThreadLocalRandom.current()), 8, warmup, 200);  // warm-up (JIT)
                for (int c : clients) {
                    List<Result> rs = new ArrayList<>();
                    for (int r = 1; r <= rounds; r++) {
                        Result res = load(() -> matchRequest(idx, tok, business, ThreadLocalRandom.current()), c, seconds, 200);
                        rs.add(res);
                        System.out.printf("round %d: index,    %d images, %d client(s): %s%n", r, size, c, res);
                    }
                    medians.put(String.format("index    %6d images, %d client(s)", size, c), rs);
                }
                if (straight) {
                    load(() -> matchRequest(str, tok, business, ThreadLocalRandom.current()), 1, warmup, 200);
                    List<Result> rs = new ArrayList<>();
                    for (int r = 1; r <= rounds; r++) {
                        Result res = load(() -> matchRequest(str, tok, business, ThreadLocalRandom.current()), 1, seconds, 200);
                        rs.add(res);
                        System.out.printf("round %d: straight, %d images, 1 client:    %s%n", r, size, res);
                    }
                    medians.put(String.format("straight %6d images, 1 client(s)", size), rs);
                    System.out.printf("straight instance RSS %d MB%n", rssMb(direct));
                }
            }
            System.out.println();
            medians.forEach((k, rs) -> System.out.printf("MEDIAN match %s: %s%n", k, Result.median(rs)));

            System.out.println();
            System.out.printf("== POST /api/images/upload, distinct ~%d KB JPEGs, closed loop%n", uploadKb);
            byte[] base = jpegOfAbout(uploadKb * 1024);
            System.out.printf("JPEG: %d bytes (%s)%n", base.length, "1080x1080-ish noise over a gradient, quality 0.92");
            ConcurrentLinkedQueue<String> uploaded = new ConcurrentLinkedQueue<>();
            AtomicLong seq = new AtomicLong();
            String tok = token("alice");
            load(() -> uploadRequest(idx, tok, business, base, seq.incrementAndGet()), 1, 2, 201, uploaded);  // warm-up
            Map<Integer, List<Result>> up = new java.util.LinkedHashMap<>();
            for (int c : uploadClients) {
                List<Result> rs = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    Result res = load(() -> uploadRequest(idx, tok, business, base, seq.incrementAndGet()), c, uploadSeconds, 201, uploaded);
                    rs.add(res);
                    System.out.printf("round %d: upload, %d client(s): %s  %.1f MB/s%n", r, c, res, res.rps() * base.length / 1e6);
                }
                up.put(c, rs);
            }
            System.out.println();
            up.forEach((c, rs) -> {
                Result m = Result.median(rs);
                System.out.printf("MEDIAN upload %d client(s): %.1f uploads/s  %.1f MB/s  p50 %.1f ms  p99 %.1f ms  (%d uploads, %d errors)%n", c, m.rps(),
                        m.rps() * base.length / 1e6, m.p50(), m.p99(), m.requests(), m.errors());
            });

            // clean-up (not measured): the uploads through the API (objects removed too), the seeded rows in SQL
            String ct = token("alice");
            int deleted = 0;
            for (String id : uploaded) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(idx + "/api/images/" + id)).header("Authorization", "Bearer " + ct)
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                deleted += r.statusCode() == 204 ? 1 : 0;
            }
            try (PreparedStatement st = db.prepareStatement("delete from images where business_id = ?")) {
                st.setObject(1, business);
                st.executeUpdate();
            }
            // the library_versions row stays: a version never goes back (an instance's index compares against it)
            for (String t : List.of("library_changes", "playbooks", "businesses")) {
                try (PreparedStatement st = db.prepareStatement("delete from " + t + " where " + (t.equals("businesses") ? "id" : "business_id") + " = ?")) {
                    st.setObject(1, business);
                    st.executeUpdate();
                }
            }
            System.out.printf("%nclean-up: %d uploaded images deleted through the API, the seeded business removed in SQL%n", deleted);
            System.out.printf("%s, load average %s%n", Instant.now(), loadAverage());
        }
    }

    // ------------------------------------------------------------------------------------------ the data

    /** What the service needs to know of a business: the id → slug copy (scope) and the active playbook's vocabulary. */
    void seedBusiness(Connection db, UUID business) throws Exception {
        try (PreparedStatement st = db.prepareStatement("insert into businesses (id, slug, name) values (?, 'vaquero', 'Image bench')")) {
            st.setObject(1, business);
            st.executeUpdate();
        }
        try (PreparedStatement st = db.prepareStatement("insert into playbooks (business_id, playbook_id, version, name, segments, emotions,"
                + " themes, categories, activated_at) values (?, ?, 1, 'Image bench', cast(? as jsonb), cast(? as jsonb), cast(? as jsonb),"
                + " cast(? as jsonb), now())")) {
            st.setObject(1, business);
            st.setObject(2, UUID.randomUUID());
            st.setString(3, json(SEGMENTS));
            st.setString(4, json(EMOTIONS));
            st.setString(5, json(THEMES));
            st.setString(6, json(CATEGORIES));
            st.executeUpdate();
        }
    }

    /** {@code count} more image rows in one COPY (one statement: one library version), tags drawn from the vocabulary. */
    void insertImages(Connection db, UUID business, int count, int offset) throws Exception {
        if (count <= 0) {
            return;
        }
        Random r = new Random(offset + 17);
        StringBuilder csv = new StringBuilder(count * 300);
        Instant base = Instant.now().minusSeconds(10L * (offset + count));
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            int[] size = SIZES[r.nextInt(SIZES.length)];
            String tags = "{\"segments\":" + json(pick(r, SEGMENTS, 1, 2)) + ",\"emotions\":" + json(pick(r, EMOTIONS, 1, 3))
                    + ",\"themes\":" + json(pick(r, THEMES, 1, 3)) + ",\"keywords\":[]}";
            // a few images are used, a handful heavily (the usage balance has something to balance)
            int usage = r.nextInt(10) == 0 ? 1 + r.nextInt(r.nextInt(20) == 0 ? 40 : 5) : 0;
            String sha = (id.toString() + id).replace("-", "");
            csv.append(id).append('\t').append(business).append('\t').append("bench-").append(offset + i).append(".jpg\t")
                    .append("businesses/").append(business).append("/images/").append(id).append("/original.jpg\t")
                    .append(CATEGORIES.get(r.nextInt(CATEGORIES.size()))).append('\t').append(tags).append('\t')
                    .append(size[0]).append('\t').append(size[1]).append('\t').append(200_000 + r.nextInt(3_000_000)).append("\timage/jpeg\t")
                    .append(sha).append('\t').append(usage).append('\t').append(base.plusSeconds(10L * i)).append('\n');
        }
        var copy = db.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        copy.copyIn("copy images (id, business_id, filename, storage_key, category, tags, width, height, file_size, mime_type, sha256,"
                + " usage_count, created_at) from stdin", new StringReader(csv.toString()));
        try (var st = db.createStatement()) {
            st.execute("analyze images");
        }
    }

    static List<String> pick(Random r, List<String> from, int min, int max) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, r);
        return copy.subList(0, min + r.nextInt(max - min + 1));
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    HttpRequest matchRequest(String base, String token, UUID business, Random r) {
        String body = "{\"businessId\":\"" + business + "\",\"segment\":\"" + SEGMENTS.get(r.nextInt(SEGMENTS.size())) + "\",\"emotions\":"
                + json(pick(r, EMOTIONS, 1, 2)) + ",\"themes\":" + json(pick(r, THEMES, 1, 2)) + ",\"placement\":\""
                + PLACEMENTS[r.nextInt(PLACEMENTS.length)] + "\",\"limit\":10}";
        return HttpRequest.newBuilder(URI.create(base + "/api/images/match")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpRequest uploadRequest(String base, String token, UUID business, byte[] jpeg, long n) {
        String boundary = "bench" + n + "x" + System.nanoTime();
        byte[] file = distinct(jpeg, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 2048);
        Random r = ThreadLocalRandom.current();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("businessId", business.toString());
        fields.put("type", "generic");
        fields.put("category", CATEGORIES.get(r.nextInt(CATEGORIES.size())));
        fields.put("segments", String.join(",", pick(r, SEGMENTS, 1, 2)));
        fields.put("emotions", String.join(",", pick(r, EMOTIONS, 1, 3)));
        fields.put("themes", String.join(",", pick(r, THEMES, 1, 3)));
        fields.put("altText", "Bench upload " + n);
        try {
            for (var f : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench-upload-" + n
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(file);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(base + "/api/images/upload")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
    }

    /** The same JPEG with a comment segment (FF FE) right after SOI naming the upload: valid, and distinct bytes. */
    static byte[] distinct(byte[] jpeg, long n) {
        byte[] text = ("campaign-engine image bench upload " + n + " " + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        int len = text.length + 2;
        byte[] out = new byte[jpeg.length + 2 + len];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }

    /** A photo-like JPEG (gradient plus noise, which compresses like a real photo does not) of about {@code bytes}. */
    static byte[] jpegOfAbout(int bytes) throws IOException {
        int side = 1080;
        byte[] best = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            Random r = new Random(side);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int n = r.nextInt(48);
                    int red = Math.min(255, x * 200 / side + n);
                    int green = Math.min(255, y * 180 / side + n);
                    int blue = Math.min(255, 120 + n);
                    img.setRGB(x, y, (red << 16) | (green << 8) | blue);
                }
            }
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.92f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var ios = new MemoryCacheImageOutputStream(out)) {
                w.setOutput(ios);
                w.write(null, new IIOImage(img, null, null), p);
            }
            w.dispose();
            best = out.toByteArray();
            double ratio = (double) bytes / best.length;
            if (Math.abs(ratio - 1) < 0.08) {
                break;
            }
            side = (int) Math.round(side * Math.sqrt(ratio));
        }
        return best;
    }

    // ------------------------------------------------------------------------------------------ the load

    Result load(Supplier<HttpRequest> next, int clients, int seconds, int expected) throws Exception {
        return load(next, clients, seconds, expected, null);
    }

    /** {@code clients} closed-loop clients; each request is built before its clock starts (upload bodies are ~1 MB). */
    Result load(Supplier<HttpRequest> next, int clients, int seconds, int expected, ConcurrentLinkedQueue<String> ids) throws Exception {
        AtomicLong shown = new AtomicLong();
        return ClosedLoop.run(clients, seconds, next, request -> {
            HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != expected) {
                if (shown.incrementAndGet() <= 3) {
                    System.out.printf("  unexpected %d: %.300s%n", resp.statusCode(), resp.body());
                }
                return false;
            }
            if (ids != null) {
                String id = field(resp.body(), "id");
                if (id != null) {
                    ids.add(id);
                }
            }
            return true;
        });
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)\"?").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    // ------------------------------------------------------------------------------------------ processes, HTTP

    /** image-service as make run starts it, HTTP only: it must not join the stack's image-service consumer group. */
    Process start(String name, int port, List<String> extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("-Dmp.messaging.incoming.business-events.enabled=false",
                "-Dmp.messaging.incoming.playbook-events.enabled=false", "-Dmp.messaging.incoming.content-events.enabled=false",
                "-Dmp.messaging.incoming.publishing-events.enabled=false"));
        args.addAll(extraArgs);
        return services.start(name, "image-service", port, Map.of("CE_AI_GENERATOR", "offline"), args);
    }

    java.util.Optional<String> indexLine(int size) throws IOException {
        Path log = services.log("index");
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            int at = l.indexOf("match index of business");
            if (at >= 0 && l.contains("loaded: " + size + " images")) {
                return java.util.Optional.of(l.substring(at));
            }
        }
        return java.util.Optional.empty();
    }

    static long rssMb(Process p) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    String token(String user) throws Exception {
        return Http.token(http, env.getProperty("CE_OIDC_URL"), user);
    }

    String send(HttpRequest.Builder b, int... ok) throws Exception {
        return send(b.timeout(Duration.ofSeconds(60)).build(), ok);
    }

    String send(HttpRequest req, int... ok) throws Exception {
        return Http.send(http, req, ok);
    }
}
