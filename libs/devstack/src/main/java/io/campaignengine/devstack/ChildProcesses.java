package io.campaignengine.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Launches detached child processes and keeps their pids in {@code <datadir>/pids/<component>.pid} (one pid a line).
 * A recorded pid is only considered ours if {@code /proc/<pid>/cmdline} or {@code /proc/<pid>/environ} mentions the
 * data directory (every child gets {@code CE_DEVSTACK_DATADIR=<datadir>} in its environment), so a reused pid is
 * never signalled.
 */
public final class ChildProcesses {
    public static final String MARKER_ENV = "CE_DEVSTACK_DATADIR";

    private final Path dataDir;
    private final Path pidDir;
    private final Path logDir;
    private final Map<String, List<Process>> launchedThisRun = new ConcurrentHashMap<>();
    private static final String SETSID = findOnPath("setsid");

    public ChildProcesses(Path dataDir) {
        this.dataDir = dataDir;
        this.pidDir = dataDir.resolve("pids");
        this.logDir = dataDir.resolve("logs");
    }

    public Path logFile(String component) {
        return logDir.resolve(component + ".log");
    }

    /** Starts the process in its own session (setsid), stdin from /dev/null, output appended to the log; records its pid. */
    public Process launch(String component, ProcessSpec spec) throws IOException {
        Files.createDirectories(pidDir);
        Files.createDirectories(logDir);
        Path log = spec.logFile() != null ? spec.logFile() : logFile(component);
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>();
        if (SETSID != null) {
            cmd.add(SETSID); // own session + process group: Ctrl-C in the launcher's terminal does not reach it
        }
        cmd.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(spec.env());
        pb.environment().put(MARKER_ENV, dataDir.toString());
        if (spec.workDir() != null) {
            pb.directory(spec.workDir().toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Files.writeString(log, "---- " + java.time.Instant.now() + " devstack: starting " + String.join(" ", spec.command())
                + System.lineSeparator(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process p = pb.start();
        record(component, p.pid());
        launchedThisRun.computeIfAbsent(component, k -> new CopyOnWriteArrayList<>()).add(p);
        return p;
    }

    /** Records a pid that was not launched through {@link #launch} (e.g. the postmaster started by pg_ctl). */
    public synchronized void record(String component, long pid) throws IOException {
        Files.createDirectories(pidDir);
        List<Long> pids = new ArrayList<>(pids(component));
        if (!pids.contains(pid)) {
            pids.add(pid);
        }
        StringBuilder sb = new StringBuilder();
        pids.forEach(x -> sb.append(x).append('\n'));
        Files.writeString(pidFile(component), sb.toString());
    }

    public Path pidFile(String component) {
        return pidDir.resolve(component + ".pid");
    }

    /** Recorded pids (whether alive or not). */
    public List<Long> pids(String component) {
        Path f = pidFile(component);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            return Files.readAllLines(f).stream().map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** Recorded pids that are alive and verifiably ours. */
    public List<Long> alivePids(String component) {
        return pids(component).stream().filter(this::isOurs).toList();
    }

    public boolean anyAlive(String component) {
        return !alivePids(component).isEmpty();
    }

    /** Components with a pid file in the data directory. */
    public List<String> recordedComponents() {
        if (!Files.isDirectory(pidDir)) {
            return List.of();
        }
        try (var s = Files.list(pidDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * If a process launched during this run has exited, returns a description ("exited with code 1"); used to fail
     * fast instead of waiting for the start timeout.
     */
    public Optional<String> exitedThisRun(String component) {
        for (Process p : launchedThisRun.getOrDefault(component, List.of())) {
            if (!p.isAlive()) {
                return Optional.of("its process " + p.pid() + " exited with code " + p.exitValue());
            }
        }
        return Optional.empty();
    }

    /** True if pid is alive and /proc shows it belongs to this data directory. */
    public boolean isOurs(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        String marker = dataDir.toString();
        return procFileContains(pid, "cmdline", marker) || procFileContains(pid, "environ", MARKER_ENV + "=" + marker);
    }

    private static boolean procFileContains(long pid, String file, String needle) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), file));
            return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').contains(needle);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Stops the recorded processes of a component: TERM to each (and its descendants), wait up to {@code grace},
     * then KILL whatever is left. Removes the pid file. Pids that are not ours are left alone.
     */
    public void stop(String component, Duration grace) {
        List<ProcessHandle> targets = new ArrayList<>();
        for (long pid : pids(component)) {
            if (isOurs(pid)) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    targets.add(h);
                    h.descendants().forEach(targets::add);
                });
            }
        }
        terminate(targets, grace);
        try {
            Files.deleteIfExists(pidFile(component));
        } catch (IOException ignored) {
            // best effort
        }
    }

    static void terminate(List<ProcessHandle> targets, Duration grace) {
        targets.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && targets.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(100);
        }
        targets.stream().filter(ProcessHandle::isAlive).sorted(Comparator.comparingLong(ProcessHandle::pid))
                .forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < killDeadline && targets.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(50);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Absolute path of an executable on PATH, or null. */
    public static String findOnPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : (path + ":/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
