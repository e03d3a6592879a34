package io.campaignengine.devstack.keycloak;

import io.campaignengine.devstack.it.TestStack;
import io.campaignengine.devstack.Ports;
import io.campaignengine.devstack.Profile;
import io.campaignengine.devstack.StackContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeycloakComponentTest {

    static StackContext ctx(Profile profile, Path dataDir) {
        return new StackContext(TestStack.root(), profile, dataDir, Ports.defaults(profile), true,
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void testProfileCommandLine(@TempDir Path tmp) {
        StackContext ctx = ctx(Profile.TEST, tmp);
        List<String> cmd = KeycloakComponent.command(ctx, Path.of("/kc"));
        assertEquals(List.of("/kc/bin/kc.sh", "start-dev", "--http-host=127.0.0.1", "--http-port=28180", "--http-management-port=28181",
                "--health-enabled=true", "--hostname=http://127.0.0.1:28180", "--hostname-backchannel-dynamic=true", "--import-realm"), cmd);
    }

    @Test
    void runProfilePortsAndIssuer(@TempDir Path tmp) {
        StackContext ctx = ctx(Profile.RUN, tmp);
        List<String> cmd = KeycloakComponent.command(ctx, Path.of("/kc"));
        assertTrue(cmd.contains("--http-port=8180"), cmd.toString());
        assertTrue(cmd.contains("--http-management-port=8181"), cmd.toString());
        assertTrue(cmd.contains("--hostname=http://127.0.0.1:8180"), "issuer pinned to 127.0.0.1: " + cmd);
        assertEquals("http://127.0.0.1:8180/realms/campaign-engine", ctx.oidcUrl());
        assertEquals(List.of(new io.campaignengine.devstack.Component.PortSpec("HTTP", 8180),
                new io.campaignengine.devstack.Component.PortSpec("management", 8181)), new KeycloakComponent().ports(ctx));
    }

    @Test
    void boundedMemoryAndDataInTheProfileDirectory(@TempDir Path tmp) {
        StackContext ctx = ctx(Profile.TEST, tmp);
        Path data = ctx.componentDir("keycloak");
        Map<String, String> env = KeycloakComponent.environment(ctx, data);
        assertTrue(env.get("JAVA_OPTS_KC_HEAP").contains("-Xmx"), env.toString());
        assertTrue(env.get("JAVA_OPTS_APPEND").contains("-Dkc.db-url-path=" + data), "H2 database under " + data);
        assertEquals("", env.get("JAVA_OPTS"), "kc.sh defaults, not an inherited JAVA_OPTS");
        assertEquals(ctx.javaHome(), env.get("JAVA_HOME"));
        assertEquals("admin", env.get("KC_BOOTSTRAP_ADMIN_USERNAME"));
    }

    @Test
    void realmFilesAndVersion(@TempDir Path tmp) throws Exception {
        assertEquals(List.of(TestStack.root().resolve("deploy/keycloak/campaign-engine-realm.json")),
                KeycloakComponent.realmFiles(TestStack.root()));
        assertEquals("26.7.3", KeycloakComponent.version(Path.of("/m2/keycloak-quarkus-dist-26.7.3.zip")));
        Files.createDirectories(tmp.resolve("keycloak-26.7.3/bin"));
        Files.writeString(tmp.resolve("keycloak-26.7.3/bin/kc.sh"), "#!/bin/bash\n");
        assertEquals(tmp.resolve("keycloak-26.7.3"), KeycloakComponent.home(tmp));
    }
}
