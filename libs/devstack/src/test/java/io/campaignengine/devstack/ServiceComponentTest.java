package io.campaignengine.devstack;

import io.campaignengine.devstack.components.ServiceComponentAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceComponentTest {
    @TempDir
    Path root;

    @Test
    void resolvesPropertyExpressions() {
        assertEquals("8101", ServiceComponentAccess.resolve("8101", Map.of()));
        assertEquals("8101", ServiceComponentAccess.resolve("${CE_X_PORT:8101}", Map.of()));
        assertEquals("9999", ServiceComponentAccess.resolve("${CE_X_PORT:8101}", Map.of("CE_X_PORT", "9999")));
    }

    @Test
    void discoversBuiltServicesAndGatewayLast() throws Exception {
        module("content", "quarkus.http.port=${CE_CONTENT_PORT:8102}\n", true);
        module("playbook", "quarkus.http.port=8101\n", true);
        module("image", "quarkus.http.port=8103\n", false); // not built: skipped
        module("gateway", "quarkus.http.port=8080\n", true);
        StackContext run = new StackContext(root, Profile.RUN, Ports.defaults(Profile.RUN), false, new PrintStream(new ByteArrayOutputStream()));
        List<Component> all = io.campaignengine.devstack.components.ServiceComponent.discover(run);
        List<String> enabled = all.stream().filter(c -> c.enabled(run)).map(Component::name).toList();
        assertEquals(List.of("content", "playbook", "gateway"), enabled);
        Component gw = all.stream().filter(c -> c.name().equals("gateway")).findFirst().orElseThrow();
        assertTrue(gw.dependsOn().containsAll(List.of("content", "playbook", "postgres", "connect", "keycloak")));
        assertFalse(all.get(0).dependsOn().contains("keycloak"), "services do not wait for Keycloak");
        assertTrue(all.get(0).dependsOn().containsAll(List.of("postgres", "kafka", "connect", "registry", "s3")));
        Component content = all.stream().filter(c -> c.name().equals("content")).findFirst().orElseThrow();
        assertEquals(8102, content.ports(run).get(0).port());
        StackContext test = new StackContext(root, Profile.TEST, Ports.defaults(Profile.TEST), false, new PrintStream(new ByteArrayOutputStream()));
        assertFalse(content.enabled(test), "services never start in the test profile");
        StackContext noServices = new StackContext(root, Profile.RUN, Ports.defaults(Profile.RUN), true, new PrintStream(new ByteArrayOutputStream()));
        assertFalse(content.enabled(noServices));
    }

    private void module(String name, String props, boolean built) throws Exception {
        Path m = root.resolve("services").resolve(name);
        Files.createDirectories(m.resolve("src/main/resources"));
        Files.writeString(m.resolve("pom.xml"), "<project/>");
        Files.writeString(m.resolve("src/main/resources/application.properties"), props);
        if (built) {
            Files.createDirectories(m.resolve("target/quarkus-app"));
            Files.writeString(m.resolve("target/quarkus-app/quarkus-run.jar"), "");
        }
    }
}
