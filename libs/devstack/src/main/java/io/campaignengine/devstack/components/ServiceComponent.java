package io.campaignengine.devstack.components;

import io.campaignengine.devstack.Component;
import io.campaignengine.devstack.ProcessSpec;
import io.campaignengine.devstack.Profile;
import io.campaignengine.devstack.StackContext;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Quarkus service module under services/&lt;name&gt; with a built target/quarkus-app/quarkus-run.jar (profile run
 * only, unless --no-services). Its HTTP port is quarkus.http.port of src/main/resources/application.properties
 * ({@code ${VAR:default}} resolves to the default); readiness is GET /q/health/ready (on the management port if
 * quarkus.management.enabled=true). The gateway (services/gateway) starts after the other services.
 */
public final class ServiceComponent implements Component {
    public static final String GATEWAY = "gateway";
    /**
     * Infrastructure a service waits for (absent/disabled names are ignored). Not Keycloak: its cold start is the
     * longest, and Quarkus OIDC connects lazily on the first request when the server is not up yet; the gateway
     * (login flows) does wait for it.
     */
    static final List<String> INFRA = List.of(PostgresComponent.NAME, KafkaComponent.NAME, ConnectComponent.NAME,
            RegistryComponent.NAME, S3ProxyComponent.NAME);
    static final String KEYCLOAK = "keycloak";

    private final String name;
    private final Path moduleDir;
    private final List<String> dependsOn;

    ServiceComponent(String name, Path moduleDir, List<String> dependsOn) {
        this.name = name;
        this.moduleDir = moduleDir;
        this.dependsOn = dependsOn;
    }

    /** One component per services/* module that has a built quarkus-run.jar; the gateway depends on all of them. */
    public static List<Component> discover(StackContext ctx) {
        Path services = ctx.root().resolve("services");
        List<ServiceComponent> list = new ArrayList<>();
        if (!Files.isDirectory(services)) {
            return List.of();
        }
        List<Path> modules;
        try (Stream<Path> s = Files.list(services)) {
            modules = s.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        List<String> serviceNames = new ArrayList<>();
        for (Path m : modules) {
            String n = m.getFileName().toString();
            if (!n.equals(GATEWAY)) {
                list.add(new ServiceComponent(n, m, INFRA));
                serviceNames.add(n);
            }
        }
        for (Path m : modules) {
            if (m.getFileName().toString().equals(GATEWAY)) {
                List<String> deps = new ArrayList<>(INFRA);
                deps.add(KEYCLOAK);
                deps.addAll(serviceNames);
                list.add(new ServiceComponent(GATEWAY, m, deps));
            }
        }
        return List.copyOf(list);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> dependsOn() {
        return dependsOn;
    }

    Path runJar() {
        return moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
    }

    @Override
    public boolean enabled(StackContext ctx) {
        return ctx.profile() == Profile.RUN && !ctx.noServices() && Files.isRegularFile(runJar());
    }

    Properties appProperties() {
        Properties p = new Properties();
        Path f = moduleDir.resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f)) {
                p.load(r);
            } catch (IOException ignored) {
                // defaults
            }
        }
        return p;
    }

    private static final Pattern EXPR = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    /** Resolves "${CE_X:8101}" / "8101" against the environment (defaults when unset). */
    static String resolve(String value, java.util.Map<String, String> env) {
        if (value == null) {
            return null;
        }
        Matcher m = EXPR.matcher(value.trim());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                v = m.group(2) == null ? "" : m.group(2);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    int httpPort(StackContext ctx) {
        if (name.equals(GATEWAY)) {
            return ctx.port(io.campaignengine.devstack.Ports.GATEWAY);
        }
        String v = resolve(appProperties().getProperty("quarkus.http.port"), ctx.stackEnv());
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("services/" + name + "/src/main/resources/application.properties sets no quarkus.http.port");
        }
        return Integer.parseInt(v.trim());
    }

    String healthUrl(StackContext ctx) {
        Properties p = appProperties();
        if ("true".equals(resolve(p.getProperty("quarkus.management.enabled"), ctx.stackEnv()))) {
            String mp = resolve(p.getProperty("quarkus.management.port", "9000"), ctx.stackEnv());
            return "http://127.0.0.1:" + mp.trim() + "/q/health/ready";
        }
        return "http://127.0.0.1:" + httpPort(ctx) + "/q/health/ready";
    }

    @Override
    public List<PortSpec> ports(StackContext ctx) {
        return List.of(new PortSpec("HTTP", httpPort(ctx)));
    }

    /**
     * Generous: all services start at once, beside Keycloak's first build, and on two busy cores one Quarkus service
     * (Flyway, Hibernate, Kafka clients) was measured at 80+ s; on an idle machine it is ready in 5-10 s.
     */
    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(240);
    }

    @Override
    public void start(StackContext ctx) throws Exception {
        Path dir = ctx.componentDir("services").resolve(name);
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(ctx.javaBin(), "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k",
                "-XX:ReservedCodeCacheSize=64m", "-Djava.net.preferIPv4Stack=true",
                "-Dce.devstack.datadir=" + ctx.dataDir()));
        cmd.addAll(ctx.cdsFlags("service-" + name));
        if (name.equals(GATEWAY)) {
            cmd.add("-Dquarkus.http.port=" + httpPort(ctx));
        }
        cmd.addAll(List.of("-jar", runJar().toString()));
        ctx.launch(name, ProcessSpec.of(cmd).workDir(dir).env(ctx.stackEnv()));
    }

    @Override
    public boolean isReady(StackContext ctx) {
        return ctx.httpStatus(healthUrl(ctx)) == 200;
    }

    @Override
    public List<Endpoint> endpoints(StackContext ctx) {
        return List.of(new Endpoint("", "http://127.0.0.1:" + httpPort(ctx)));
    }
}
