package io.campaignengine.devstack.keycloak;

import io.campaignengine.devstack.Archives;
import io.campaignengine.devstack.Component;
import io.campaignengine.devstack.Ports;
import io.campaignengine.devstack.ProcessSpec;
import io.campaignengine.devstack.StackContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak (the {@code keycloak-quarkus-dist} zip from Maven Central) in {@code start-dev} mode with the realm of
 * {@code deploy/keycloak/*-realm.json}, bound to 127.0.0.1 on the profile's ports (run 8180/8181, test 28180/28181).
 *
 * <p>Layout:
 * <ul>
 *   <li>installation: {@code .devstack/dist/keycloak-<version>-<profile>/} — extracted once per profile. Keycloak's
 *       first {@code start-dev} writes its augmented build into the installation (lib/quarkus), which is the
 *       slow part of a cold start (~30 s here); keeping it outside the profile's data directory means
 *       {@code reset}/{@code --fresh} (which {@code make test} uses) do not pay it again. One installation per
 *       profile, so two profiles never augment the same tree concurrently.</li>
 *   <li>data: {@code <datadir>/keycloak/} — the H2 file database ({@code data/h2/keycloakdb*}, via
 *       {@code kc.db-url-path}) and the transaction log, so users, sessions and admin changes survive restarts and
 *       {@code reset} wipes them.</li>
 *   <li>log: {@code <datadir>/logs/keycloak.log} (the launcher appends the console output).</li>
 * </ul>
 *
 * <p>The realm file is copied into the installation's {@code data/import} before every start; Keycloak imports it
 * with {@code --import-realm} only if the realm does not exist yet (a changed realm file needs {@code reset}, which
 * this component points out). The frontend URL is pinned to {@code http://127.0.0.1:<port>} ({@code --hostname}) so
 * the token issuer is the same whichever host name a client uses; backchannel URLs stay dynamic.
 */
public final class KeycloakComponent implements Component {
    public static final String NAME = "keycloak";
    /** Dev only: the bootstrap administrator of the master realm (admin console). */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** Heap bound; RSS ends up ~400-450 MB. */
    static final String HEAP = "-Xms64m -Xmx384m";
    /** C1 only: far less JIT work while the other components start on 2 cores. */
    static final String JAVA_OPTS_APPEND = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=96m -Djava.net.preferIPv4Stack=true";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PortSpec> ports(StackContext ctx) {
        return List.of(new PortSpec("HTTP", ctx.port(Ports.KEYCLOAK)), new PortSpec("management", ctx.port(Ports.KEYCLOAK_MGMT)));
    }

    @Override
    public List<String> requiredTools(StackContext ctx) {
        return List.of("bash", "xargs");
    }

    /** Cold start (first augmentation + import) is ~50-70 s on an idle 2-core machine, far more while everything else starts. */
    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(360);
    }

    @Override
    public void start(StackContext ctx) throws Exception {
        Path zip = ctx.artifacts().archive("keycloak-quarkus-dist");
        String version = version(zip);
        Path install = Archives.unzipOnce(zip, ctx.sharedDistDir().resolve("keycloak-" + version + "-" + ctx.profile().id()));
        Path home = home(install);
        Path data = ctx.componentDir(NAME);
        Files.createDirectories(data);

        List<Path> realms = realmFiles(ctx.root());
        boolean fresh = !hasDatabase(data);
        stageRealms(realms, home.resolve("data/import"));
        String digest = digest(realms);
        Path digestFile = data.resolve("imported-realm.sha256");
        if (fresh) {
            ctx.log(NAME, "new database: importing " + realms.stream().map(p -> ctx.root().relativize(p).toString()).toList()
                    + " (cold start, up to a minute or more)");
            Files.writeString(digestFile, digest + "\n");
        } else if (Files.isRegularFile(digestFile) && !Files.readString(digestFile).trim().equals(digest)) {
            ctx.log(NAME, "NOTE: deploy/keycloak changed since the realm was imported; Keycloak keeps the imported realm. "
                    + "To re-import: bin/devstack down, then reset (wipes " + data + ") and up.");
        }

        ctx.launch(NAME, ProcessSpec.of(command(ctx, home)).env(environment(ctx, data)).workDir(home));
    }

    /** The kc.sh command line (package-private for tests). */
    static List<String> command(StackContext ctx, Path home) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/kc.sh").toString());
        cmd.add("start-dev");
        cmd.add("--http-host=" + StackContext.HOST);
        cmd.add("--http-port=" + ctx.port(Ports.KEYCLOAK));
        cmd.add("--http-management-port=" + ctx.port(Ports.KEYCLOAK_MGMT));
        // build-time option: keep it constant, changing it forces a re-augmentation
        cmd.add("--health-enabled=true");
        cmd.add("--hostname=" + ctx.keycloakUrl());
        cmd.add("--hostname-backchannel-dynamic=true");
        cmd.add("--import-realm");
        return cmd;
    }

    /** Environment of kc.sh (package-private for tests). */
    static Map<String, String> environment(StackContext ctx, Path data) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", ctx.javaHome());
        env.put("JAVA", ctx.javaBin());
        env.put("JAVA_OPTS", ""); // empty = kc.sh defaults; an inherited JAVA_OPTS would replace them
        env.put("JAVA_OPTS_KC_HEAP", HEAP);
        env.put("JAVA_OPTS_APPEND", JAVA_OPTS_APPEND
                + " -Dkc.db-url-path=" + data
                + " -Dquarkus.transaction-manager.object-store.directory=" + data.resolve("transaction-logs"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    @Override
    public boolean isReady(StackContext ctx) {
        // the realm's discovery document answers once the server is up AND the realm is imported
        return ctx.httpStatus(ctx.oidcUrl() + "/.well-known/openid-configuration") == 200;
    }

    @Override
    public List<Endpoint> endpoints(StackContext ctx) {
        return List.of(
                new Endpoint("", ctx.keycloakUrl() + "/admin  (admin console: " + ADMIN_USER + " / " + ADMIN_PASSWORD + ", dev only)"),
                new Endpoint("realm", ctx.oidcUrl()),
                new Endpoint("users", "alice/alice (admin; melissa, vaquero), bob/bob (marketer; melissa), carol/carol (viewer; vaquero)"),
                new Endpoint("clients", "campaign-engine-gateway (secret gateway-dev-secret), campaign-engine-cli (public, password grant)"));
    }

    /** "26.7.3" from keycloak-quarkus-dist-26.7.3.zip */
    static String version(Path zip) {
        String n = zip.getFileName().toString();
        return n.substring("keycloak-quarkus-dist-".length(), n.length() - ".zip".length());
    }

    /** The directory holding bin/kc.sh inside the extracted zip (keycloak-&lt;version&gt;/). */
    static Path home(Path install) throws IOException {
        try (Stream<Path> s = Files.list(install)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IOException("no bin/kc.sh under " + install + "; delete that directory to re-extract"));
        }
    }

    /** deploy/keycloak/*-realm.json, sorted. */
    static List<Path> realmFiles(Path root) throws IOException {
        Path dir = root.resolve("deploy/keycloak");
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " does not exist");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith("-realm.json")).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException("no *-realm.json in " + dir);
            }
            return files;
        }
    }

    private static void stageRealms(List<Path> realms, Path importDir) throws IOException {
        Files.createDirectories(importDir);
        try (Stream<Path> s = Files.list(importDir)) {
            for (Path old : s.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                Files.delete(old);
            }
        }
        for (Path r : realms) {
            Files.copy(r, importDir.resolve(r.getFileName()));
        }
    }

    private static boolean hasDatabase(Path data) throws IOException {
        Path h2 = data.resolve("data/h2");
        if (!Files.isDirectory(h2)) {
            return false;
        }
        try (Stream<Path> s = Files.list(h2)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("keycloakdb"));
        }
    }

    private static String digest(List<Path> files) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    md.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
