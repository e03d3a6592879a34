package io.campaignengine.devstack.components;

import io.campaignengine.devstack.Archives;
import io.campaignengine.devstack.Component;
import io.campaignengine.devstack.Ports;
import io.campaignengine.devstack.ProcessSpec;
import io.campaignengine.devstack.StackContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Apicurio Registry 3 (Quarkus fast-jar from the Maven "all" tar.gz, extracted once into .devstack/dist) with SQL
 * storage in the {@code registry} PostgreSQL database, so schema ids survive restarts. Management interface on
 * 127.0.0.1:{@code registry-mgmt}.
 */
public final class RegistryComponent implements Component {
    public static final String NAME = "registry";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> dependsOn() {
        return List.of(PostgresComponent.NAME);
    }

    @Override
    public List<PortSpec> ports(StackContext ctx) {
        return List.of(new PortSpec("HTTP API", ctx.port(Ports.REGISTRY)), new PortSpec("management", ctx.port(Ports.REGISTRY_MGMT)));
    }

    @Override
    public List<String> requiredTools(StackContext ctx) {
        return List.of("tar");
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    public void start(StackContext ctx) throws Exception {
        Path tgz = ctx.artifacts().archive("apicurio-registry-app");
        String version = tgz.getFileName().toString().replace("apicurio-registry-app-", "").replace("-all.tar.gz", "");
        Path home = Archives.untarOnce(tgz, ctx.sharedDistDir().resolve("apicurio-registry-" + version));
        Path dir = ctx.componentDir(NAME);
        Files.createDirectories(dir.resolve("tmp"));
        List<String> cmd = new ArrayList<>(List.of(ctx.javaBin()));
        cmd.addAll(StackContext.smallJvmFlags("256m"));
        cmd.addAll(ctx.cdsFlags(NAME));
        cmd.addAll(List.of(
                "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + ctx.port(Ports.REGISTRY),
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + ctx.port(Ports.REGISTRY_MGMT),
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=postgresql",
                "-Dapicurio.datasource.url=" + ctx.jdbcUrl(PostgresComponent.REGISTRY_DATABASE),
                "-Dapicurio.datasource.username=" + PostgresComponent.REGISTRY_DATABASE,
                "-Dapicurio.datasource.password=" + PostgresComponent.REGISTRY_DATABASE,
                "-Dapicurio.datasource.jdbc.initial-size=2",
                "-Dapicurio.datasource.jdbc.min-size=2",
                "-Dapicurio.datasource.jdbc.max-size=20",
                "-Dapicurio.storage.snapshot.location=" + dir.resolve("tmp"),
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.quarkus\".level=INFO",
                "-Dquarkus.banner.enabled=false",
                "-jar", home.resolve("quarkus-run.jar").toString()));
        ctx.launch(NAME, ProcessSpec.of(cmd).workDir(dir));
    }

    @Override
    public boolean isReady(StackContext ctx) {
        return ctx.httpStatus(ctx.registryUrl() + "/system/info") == 200;
    }

    @Override
    public List<Endpoint> endpoints(StackContext ctx) {
        return List.of(new Endpoint("", ctx.registryUrl()));
    }
}
