package io.campaignengine.devstack;

import io.campaignengine.devstack.components.ServiceComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generic service start with a tiny fake "Quarkus" service (a jar at services/fake/target/quarkus-app/quarkus-run.jar
 * that serves /q/health/ready on its application.properties port and echoes the CE_* environment it got).
 */
class FakeServiceTest {
    @TempDir
    Path root;

    @Test
    void startsBuiltServiceModulesWithTheStackEnvironment() throws Exception {
        int port = freePort();
        Path module = root.resolve("services/fake");
        Files.createDirectories(module.resolve("src/main/resources"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.writeString(module.resolve("src/main/resources/application.properties"), "quarkus.http.port=${FAKE_PORT:" + port + "}\n");
        buildFakeJar(module.resolve("target/quarkus-app/quarkus-run.jar"), port);

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true);
        StackContext ctx = new StackContext(root, Profile.RUN, Ports.defaults(Profile.RUN), false, out);
        List<Component> components = ServiceComponent.discover(ctx);
        assertEquals(List.of("fake"), components.stream().map(Component::name).toList());
        Orchestrator o = new Orchestrator(ctx, components, out);
        try {
            assertEquals(0, o.up(false), buf.toString());
            assertTrue(buf.toString().contains("fake: ready in"), buf.toString());
            assertTrue(buf.toString().contains("http://127.0.0.1:" + port), buf.toString());
            HttpResponse<String> env = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/env")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("15432 127.0.0.1:9092 http://127.0.0.1:8180/realms/campaign-engine", env.body());
            assertEquals(0, o.status());
        } finally {
            assertEquals(0, o.down());
        }
        assertFalse(ctx.processes().anyAlive("fake"));
        assertTrue(Files.readString(ctx.logFile("fake")).contains("fake service listening"));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void buildFakeJar(Path jar, int port) throws Exception {
        Path src = Files.createTempDirectory("fake-src");
        Path file = src.resolve("FakeService.java");
        Files.writeString(file, """
                import com.sun.net.httpserver.HttpServer;
                import java.net.InetSocketAddress;
                public class FakeService {
                    public static void main(String[] a) throws Exception {
                        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", %d), 10);
                        s.createContext("/q/health/ready", x -> { byte[] b = "{\\"status\\":\\"UP\\"}".getBytes();
                            x.sendResponseHeaders(200, b.length); x.getResponseBody().write(b); x.close(); });
                        s.createContext("/env", x -> { byte[] b = (System.getenv("CE_PG_PORT") + " " + System.getenv("CE_KAFKA_BOOTSTRAP")
                            + " " + System.getenv("CE_OIDC_URL")).getBytes();
                            x.sendResponseHeaders(200, b.length); x.getResponseBody().write(b); x.close(); });
                        s.start();
                        System.out.println("fake service listening");
                    }
                }
                """.formatted(port));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", src.toString(), file.toString()));
        Files.createDirectories(jar.getParent());
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeService");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, mf)) {
            j.putNextEntry(new JarEntry("FakeService.class"));
            j.write(Files.readAllBytes(src.resolve("FakeService.class")));
            j.closeEntry();
        }
    }
}
