package io.campaignengine.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link Component} gets: profile, ports, directories, artifacts, process launching and small helpers. */
public final class StackContext {
    /** Credentials and names from CONTRACT.md (dev only). */
    public static final String HOST = "127.0.0.1";
    public static final String S3_ACCESS_KEY = "campaign-engine";
    public static final String S3_SECRET_KEY = "campaign-engine-secret";
    public static final String S3_BUCKET = "images";
    public static final String REALM = "campaign-engine";

    private final Path root;
    private final Profile profile;
    private final Path dataDir;
    private final Ports ports;
    private final boolean noServices;
    private final Artifacts artifacts;
    private final ChildProcesses processes;
    private final PrintStream out;
    private final HttpClient http;

    public StackContext(Path root, Profile profile, Ports ports, boolean noServices, PrintStream out) {
        this(root, profile, root.resolve(".devstack").resolve(profile.id()), ports, noServices, out);
    }

    public StackContext(Path root, Profile profile, Path dataDir, Ports ports, boolean noServices, PrintStream out) {
        this.root = root;
        this.profile = profile;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.ports = ports;
        this.noServices = noServices;
        this.artifacts = new Artifacts(root);
        this.processes = new ChildProcesses(this.dataDir);
        this.out = out;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Repository root (where schemas/, deploy/, services/ are). */
    public Path root() {
        return root;
    }

    public Profile profile() {
        return profile;
    }

    /** {@code <root>/.devstack/<profile>}: everything this profile writes (data, logs, pids, config). */
    public Path dataDir() {
        return dataDir;
    }

    /** {@code <datadir>/<component>}: a component's own persistent data. */
    public Path componentDir(String component) {
        return dataDir.resolve(component);
    }

    /**
     * {@code <root>/.devstack/dist}: extracted distributions shared by both profiles and kept by reset/--fresh.
     * Only for trees that are read-only at run time; a distribution that writes into its own directory must be
     * extracted under {@link #dataDir()} instead.
     */
    public Path sharedDistDir() {
        return root.resolve(".devstack").resolve("dist");
    }

    public Ports ports() {
        return ports;
    }

    public int port(String key) {
        return ports.get(key);
    }

    public boolean noServices() {
        return noServices;
    }

    public Artifacts artifacts() {
        return artifacts;
    }

    public ChildProcesses processes() {
        return processes;
    }

    public Path logFile(String component) {
        return processes.logFile(component);
    }

    /** Launches a detached child for {@code component} (see {@link ChildProcesses#launch}). */
    public Process launch(String component, ProcessSpec spec) throws IOException {
        return processes.launch(component, spec);
    }

    /** The java executable of the JDK running the launcher (>= 21), for child JVMs. */
    public String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String javaHome() {
        return System.getProperty("java.home");
    }

    /** Prints a progress line "component: message" (thread-safe; lines of parallel components interleave whole). */
    public void log(String component, String message) {
        synchronized (out) {
            out.println(component + ": " + message);
            out.flush();
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port(Ports.PG) + "/" + database;
    }

    public String kafkaBootstrap() {
        return HOST + ":" + port(Ports.KAFKA);
    }

    public String connectUrl() {
        return "http://" + HOST + ":" + port(Ports.CONNECT);
    }

    public String registryUrl() {
        return "http://" + HOST + ":" + port(Ports.REGISTRY) + "/apis/registry/v3";
    }

    public String s3Url() {
        return "http://" + HOST + ":" + port(Ports.S3);
    }

    public String keycloakUrl() {
        return "http://" + HOST + ":" + port(Ports.KEYCLOAK);
    }

    public String oidcUrl() {
        return keycloakUrl() + "/realms/" + REALM;
    }

    /** The CE_* variables services read (CONTRACT.md); written to {@code <datadir>/stack.env} and passed to services. */
    public Map<String, String> stackEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CE_PG_HOST", HOST);
        env.put("CE_PG_PORT", Integer.toString(port(Ports.PG)));
        env.put("CE_KAFKA_BOOTSTRAP", kafkaBootstrap());
        env.put("CE_REGISTRY_URL", registryUrl());
        env.put("CE_S3_URL", s3Url());
        env.put("CE_S3_ACCESS_KEY", S3_ACCESS_KEY);
        env.put("CE_S3_SECRET_KEY", S3_SECRET_KEY);
        env.put("CE_S3_BUCKET", S3_BUCKET);
        env.put("CE_OIDC_URL", oidcUrl());
        env.put("CE_KAFKA_CONNECT_URL", connectUrl());
        env.put("CE_KEYCLOAK_URL", keycloakUrl());
        env.put("CE_DEVSTACK_PROFILE", profile.id());
        return env;
    }

    /** HTTP GET status code, or -1 if the connection fails. Short timeouts, for readiness probes. */
    public int httpStatus(String url) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** GET with a body; throws on connection failure. */
    public HttpResponse<String> httpGet(String url, Duration timeout) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Request with a JSON body (PUT/POST). */
    public HttpResponse<String> httpSend(String method, String url, String json, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json")
                .header("Accept", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** True if something accepts TCP connections on 127.0.0.1:port. */
    public static boolean tcpOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Class-data-sharing flags for a child JVM: the first run writes a dynamic CDS archive when the JVM exits
     * ({@code down}), later starts map it (noticeably faster class loading on 2 cores). Kept in
     * {@code .devstack/cds/<profile>/} so that --fresh/reset do not throw it away; the JVM re-creates it by itself when
     * the classpath or JDK changes. Disable with {@code -Ddevstack.cds=false} (DEVSTACK_JAVA_OPTS).
     */
    public List<String> cdsFlags(String component) {
        if ("false".equals(System.getProperty("devstack.cds"))) {
            return List.of();
        }
        Path dir = root.resolve(".devstack").resolve("cds").resolve(profile.id());
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + dir.resolve(component + ".jsa"), "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Common flags for small, fast-starting child JVMs. */
    public static List<String> smallJvmFlags(String xmx) {
        List<String> f = new ArrayList<>();
        f.add("-Xmx" + xmx);
        f.add("-XX:+UseSerialGC");
        f.add("-XX:TieredStopAtLevel=1");
        f.add("-Xss512k");
        f.add("-XX:ReservedCodeCacheSize=64m");
        f.add("-Djava.net.preferIPv4Stack=true");
        return f;
    }
}
