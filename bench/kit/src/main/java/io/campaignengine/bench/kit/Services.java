package io.campaignengine.bench.kit;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The service processes a benchmark starts: built jars ({@code services/<module>/target/quarkus-app/quarkus-run.jar},
 * production profile) with the JVM flags libs/devstack's ServiceComponent uses for {@code make run}, the running
 * devstack's environment ({@code .devstack/<profile>/stack.env}), a log per process, and a flight recording per process
 * when {@code BENCH_JFR} is set. Closing stops them all.
 */
public final class Services implements AutoCloseable {
    private final Path root;
    private final Properties stackEnv;
    private final Path logDir;
    private final String logPrefix;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Path> logs = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Services(Path root, Properties stackEnv, Path logDir, String logPrefix) throws IOException {
        this.root = root;
        this.stackEnv = stackEnv;
        this.logDir = logDir;
        this.logPrefix = logPrefix;
        Files.createDirectories(logDir);
    }

    /** The environment {@code bin/devstack up} wrote for the stack of this profile (ports, URLs). */
    public static Properties stackEnv(Path root, String profile) throws IOException {
        Properties env = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve(".devstack/" + profile + "/stack.env"))) {
            env.load(in);
        }
        return env;
    }

    /** Starts {@code module}'s built jar on {@code port} as process {@code name} (log: {@code <prefix><name>.log}). */
    public Process start(String name, String module, int port, Map<String, String> extraEnv, List<String> jvmArgs) throws IOException {
        Path jar = root.resolve("services/" + module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -B -ntp -pl services/" + module + " install -DskipTests");
        }
        List<String> cmd = java(name);
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.log.category.\"io.campaignengine.access\".level=WARN"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString()));
        return launch(name, cmd, extraEnv);
    }

    /**
     * Starts {@code mainAndArgs} (a main class or a source file, then its arguments) on {@code classpath} with the same
     * JVM flags as a service, as process {@code name}.
     */
    public Process startJava(String name, String classpath, List<String> mainAndArgs) throws IOException {
        List<String> cmd = java(name);
        cmd.addAll(List.of("-cp", classpath));
        cmd.addAll(mainAndArgs);
        return launch(name, cmd, Map.of());
    }

    /**
     * This JVM's java with the flags libs/devstack's ServiceComponent gives a service, and a flight recording of process
     * {@code name} when {@code BENCH_JFR} is set.
     */
    private List<String> java(String name) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-Djava.net.preferIPv4Stack=true"));
        if (System.getenv("BENCH_JFR") != null) {
            cmd.add("-XX:FlightRecorderOptions:stackdepth=256");
            cmd.add("-XX:StartFlightRecording=filename=" + logDir.resolve(logPrefix + name + ".jfr") + ",settings=profile");
        }
        return cmd;
    }

    private Process launch(String name, List<String> cmd, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        stackEnv.forEach((k, v) -> pb.environment().put((String) k, (String) v));
        pb.environment().putAll(extraEnv);
        Path log = logDir.resolve(logPrefix + name + ".log");
        logs.put(name, log);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    public Path log(String name) {
        return logs.get(name);
    }

    /** Waits until {@code url} answers 200; fails at once when the process exits. */
    public void awaitReady(String name, Process p, String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + logs.get(name));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready in " + timeout.toSeconds() + " s; see " + logs.get(name));
    }

    /** Stops one process (SIGTERM, then SIGKILL after 20 s). */
    public static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        processes.forEach(Services::stop);
        processes.clear();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
