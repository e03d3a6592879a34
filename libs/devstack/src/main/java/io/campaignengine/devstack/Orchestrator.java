package io.campaignengine.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** Implements up / down / status / reset over the components of {@link Stack}. */
public final class Orchestrator {
    private final StackContext ctx;
    private final List<Component> all;
    private final PrintStream out;

    public Orchestrator(StackContext ctx, List<Component> components, PrintStream out) {
        this.ctx = ctx;
        this.all = topoSort(components);
        this.out = out;
    }

    // ------------------------------------------------------------------------------------------------ up

    private record Failure(Component component, Throwable cause) {
    }

    private static final class Aborted extends RuntimeException {
        Aborted() {
            super("aborted", null, false, false);
        }
    }

    public int up(boolean fresh) throws IOException {
        try (FileLock ignored = lock()) {
            return doUp(fresh);
        }
    }

    private int doUp(boolean fresh) throws IOException {
        long t0 = System.nanoTime();
        List<Component> enabled = all.stream().filter(c -> c.enabled(ctx)).toList();
        if (fresh) {
            if (all.stream().anyMatch(c -> c.isRunning(ctx))) {
                out.println("devstack: --fresh: stopping the running " + ctx.profile().id() + " stack first");
                doDown();
            }
            out.println("devstack: --fresh: wiping " + ctx.dataDir());
            Archives.deleteTree(ctx.dataDir());
        }
        Set<String> running = new LinkedHashSet<>();
        for (Component c : enabled) {
            if (c.isRunning(ctx)) {
                running.add(c.name());
            }
        }
        if (!enabled.isEmpty() && running.size() == enabled.size()) {
            out.println("devstack: the " + ctx.profile().id() + " stack is already running (" + ctx.dataDir() + ")");
            printSummary(enabled);
            return 0;
        }
        if (!running.isEmpty()) {
            out.println("devstack: already running, kept: " + String.join(", ", running));
        }
        List<Component> toStart = enabled.stream().filter(c -> !running.contains(c.name())).toList();

        // --- preflight: tools, ports (before anything starts)
        List<String> problems = new ArrayList<>();
        Set<String> tools = new LinkedHashSet<>();
        for (Component c : toStart) {
            for (String tool : c.requiredTools(ctx)) {
                if (ChildProcesses.findOnPath(tool) == null && tools.add(tool)) {
                    problems.add(c.name() + " needs the command `" + tool + "`, which is not on PATH"
                            + " (Debian: apt-get install " + packageOf(tool) + ")");
                }
            }
        }
        Map<String, List<Component.PortSpec>> ports = new LinkedHashMap<>();
        for (Component c : toStart) {
            ports.put(c.name(), c.ports(ctx));
        }
        problems.addAll(PortConflict.check(ports));
        if (!problems.isEmpty()) {
            out.println("devstack: cannot start the " + ctx.profile().id() + " stack, nothing was started:");
            problems.forEach(p -> out.println("  - " + p));
            return 1;
        }
        ctx.ports().overrides().forEach((k, v) -> out.println("devstack: port " + k + " = " + ctx.port(k) + " (from " + v + ")"));
        Files.createDirectories(ctx.dataDir().resolve("logs"));
        Files.createDirectories(ctx.dataDir().resolve("pids"));
        writeStackEnv();
        out.println("devstack: starting the " + ctx.profile().id() + " stack in " + ctx.dataDir());

        // --- start as a dependency graph
        Set<String> enabledNames = new HashSet<>();
        enabled.forEach(c -> enabledNames.add(c.name()));
        AtomicReference<Failure> failure = new AtomicReference<>();
        List<Component> started = Collections.synchronizedList(new ArrayList<>());
        Map<String, CompletableFuture<Void>> futures = new HashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "devstack-start");
            t.setDaemon(true);
            return t;
        });
        Thread hook = new Thread(() -> {
            if (failure.compareAndSet(null, new Failure(null, new InterruptedException("interrupted (Ctrl-C)")))) {
                out.println("devstack: interrupted; stopping what this run started");
                stopAll(reversed(started));
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (Component c : enabled) {
                List<CompletableFuture<Void>> deps = c.dependsOn().stream().filter(enabledNames::contains).map(futures::get).toList();
                CompletableFuture<Void> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                        .thenRunAsync(() -> bringUp(c, running.contains(c.name()), failure, started), pool);
                futures.put(c.name(), f);
            }
            for (CompletableFuture<Void> f : futures.values()) {
                try {
                    f.join();
                } catch (RuntimeException ignored) {
                    // the first failure is in `failure`
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Failure f = failure.get();
        if (f != null && f.component() == null) {
            return 130; // interrupted: the hook stops what was started
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down
        }
        if (f != null) {
            Component c = f.component();
            out.println();
            out.println("devstack: FAILED: " + c.name() + ": " + describe(f.cause()));
            Path log = ctx.logFile(c.name());
            if (Files.isRegularFile(log)) {
                out.println("devstack: last lines of " + log + ":");
                tail(log, 20).forEach(l -> out.println("    " + l));
            } else {
                out.println("devstack: (no log file " + log + ")");
            }
            out.println("devstack: stopping what this run started ...");
            stopAll(reversed(started));
            out.println("devstack: the logs are in " + ctx.dataDir().resolve("logs"));
            return 1;
        }
        writeStackEnv();
        out.printf("devstack: the %s stack is up in %.1f s%n", ctx.profile().id(), (System.nanoTime() - t0) / 1e9);
        printSummary(enabled);
        return 0;
    }

    private void bringUp(Component c, boolean alreadyRunning, AtomicReference<Failure> failure, List<Component> started) {
        if (failure.get() != null) {
            throw new Aborted();
        }
        long t0 = System.nanoTime();
        try {
            if (alreadyRunning) {
                ctx.log(c.name(), "already running");
                return;
            }
            ctx.log(c.name(), "starting ...");
            started.add(c);
            c.start(ctx);
            long deadline = t0 + c.startTimeout().toNanos();
            long lastNote = System.nanoTime();
            while (true) {
                if (failure.get() != null) {
                    throw new Aborted();
                }
                if (c.isReady(ctx)) {
                    break;
                }
                var exited = ctx.processes().exitedThisRun(c.name());
                if (exited.isPresent()) {
                    throw new IllegalStateException(exited.get() + " before it was ready");
                }
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new IllegalStateException("not ready after " + c.startTimeout().toSeconds() + " s");
                }
                if (now - lastNote > Duration.ofSeconds(15).toNanos()) {
                    ctx.log(c.name(), String.format("still starting (%.0f s) ...", (now - t0) / 1e9));
                    lastNote = now;
                }
                ChildProcesses.sleep(150);
            }
            double readyAt = (System.nanoTime() - t0) / 1e9;
            c.afterReady(ctx);
            double total = (System.nanoTime() - t0) / 1e9;
            if (total - readyAt > 0.5) {
                ctx.log(c.name(), String.format("ready in %.1f s (provisioned in %.1f s more)", readyAt, total - readyAt));
            } else {
                ctx.log(c.name(), String.format("ready in %.1f s", total));
            }
        } catch (Aborted a) {
            throw a;
        } catch (Throwable e) {
            if (failure.compareAndSet(null, new Failure(c, e))) {
                ctx.log(c.name(), String.format("FAILED after %.1f s: %s", (System.nanoTime() - t0) / 1e9, describe(e)));
            }
            throw new Aborted();
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String s = (m == null || m.isBlank()) ? e.toString() : m;
        if (e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null && !s.contains(e.getCause().getMessage())) {
            s += " (" + e.getCause().getMessage() + ")";
        }
        return s;
    }

    private static String packageOf(String tool) {
        return switch (tool) {
            case "unshare", "setsid" -> "util-linux";
            case "xz" -> "xz-utils";
            default -> tool;
        };
    }

    private void writeStackEnv() throws IOException {
        StringBuilder sb = new StringBuilder("# written by libs/devstack (bin/devstack up --profile " + ctx.profile().id()
                + "); source it: set -a; . " + ctx.dataDir().resolve("stack.env") + "; set +a\n");
        ctx.stackEnv().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.createDirectories(ctx.dataDir());
        Files.writeString(ctx.dataDir().resolve("stack.env"), sb.toString());
    }

    // ------------------------------------------------------------------------------------------------ down

    public int down() throws IOException {
        try (FileLock ignored = lock()) {
            return doDown();
        }
    }

    private int doDown() {
        List<Component> toStop = all.stream()
                .filter(c -> c.isRunning(ctx) || Files.exists(ctx.processes().pidFile(c.name()))).toList();
        boolean any = toStop.stream().anyMatch(c -> c.isRunning(ctx));
        stopAll(toStop);
        // pid files of components no longer in the registry (a service module that was removed ...)
        Set<String> known = new HashSet<>();
        all.forEach(c -> known.add(c.name()));
        for (String name : ctx.processes().recordedComponents()) {
            if (!known.contains(name)) {
                any |= ctx.processes().anyAlive(name);
                ctx.log(name, "stopping (not in the stack any more)");
                ctx.processes().stop(name, Duration.ofSeconds(20));
            }
        }
        out.println(any ? "devstack: the " + ctx.profile().id() + " stack is stopped (data kept in " + ctx.dataDir() + ")"
                : "devstack: nothing of the " + ctx.profile().id() + " stack was running");
        return 0;
    }

    /**
     * Stops components in reverse dependency order: a component is stopped once everything that depends on it is
     * stopped; independent ones are stopped concurrently (services together, then connect/registry/s3, then kafka,
     * then postgres).
     */
    private void stopAll(List<Component> components) {
        Map<String, Component> byName = new LinkedHashMap<>();
        components.forEach(c -> byName.put(c.name(), c));
        Map<String, CompletableFuture<Void>> done = new HashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "devstack-stop");
            t.setDaemon(true);
            return t;
        });
        try {
            // reverse topological order: dependents get their futures first
            for (Component c : reversed(all)) {
                if (!byName.containsKey(c.name())) {
                    continue;
                }
                List<CompletableFuture<Void>> dependents = new ArrayList<>();
                for (Component d : all) {
                    if (byName.containsKey(d.name()) && d.dependsOn().contains(c.name()) && done.containsKey(d.name())) {
                        dependents.add(done.get(d.name()));
                    }
                }
                CompletableFuture<Void> f = CompletableFuture.allOf(dependents.toArray(CompletableFuture[]::new))
                        .handle((v, e) -> null)
                        .thenRunAsync(() -> stopOne(c), pool);
                done.put(c.name(), f);
            }
            done.values().forEach(f -> {
                try {
                    f.join();
                } catch (RuntimeException ignored) {
                    // stopOne logs its own failures
                }
            });
        } finally {
            pool.shutdownNow();
        }
    }

    private void stopOne(Component c) {
        long t0 = System.nanoTime();
        try {
            boolean wasRunning = c.isRunning(ctx);
            c.stop(ctx);
            if (wasRunning) {
                ctx.log(c.name(), String.format("stopped in %.1f s", (System.nanoTime() - t0) / 1e9));
            }
        } catch (Exception e) {
            ctx.log(c.name(), "stop failed: " + describe(e) + "; killing its processes");
            ctx.processes().stop(c.name(), Duration.ofSeconds(2));
        }
    }

    // ------------------------------------------------------------------------------------------------ status

    public int status() {
        List<Component> enabled = all.stream().filter(c -> c.enabled(ctx) || c.isRunning(ctx)).toList();
        int runningCount = 0;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"component", "state", "url", "log"});
        for (Component c : enabled) {
            List<Long> pids = ctx.processes().alivePids(c.name());
            boolean isRunning = c.isRunning(ctx);
            String state;
            if (isRunning) {
                runningCount++;
                boolean ready;
                try {
                    ready = c.isReady(ctx);
                } catch (Exception e) {
                    ready = false;
                }
                state = (ready ? "ready" : "running, not ready") + " (pid " + joinPids(pids) + ")";
            } else {
                state = "stopped";
            }
            List<Component.Endpoint> eps = c.endpoints(ctx);
            String url = eps.isEmpty() ? "" : eps.get(0).url();
            rows.add(new String[]{c.name(), state, url, rel(ctx.logFile(c.name()))});
            for (int i = 1; i < eps.size(); i++) {
                rows.add(new String[]{"", "", eps.get(i).url(), ""});
            }
        }
        out.println("devstack: profile " + ctx.profile().id() + ", data in " + ctx.dataDir());
        printTable(rows);
        if (runningCount == 0) {
            out.println("not running (start it: bin/devstack up --profile " + ctx.profile().id() + ")");
            return 3;
        }
        if (runningCount < enabled.size()) {
            out.println("partially running: " + runningCount + " of " + enabled.size() + " components");
            return 3;
        }
        out.println("env: " + ctx.dataDir().resolve("stack.env"));
        return 0;
    }

    private static String joinPids(List<Long> pids) {
        return String.join(",", pids.stream().map(String::valueOf).toList());
    }

    // ------------------------------------------------------------------------------------------------ reset

    public int reset() throws IOException {
        try (FileLock ignored = lock()) {
            List<String> running = all.stream().filter(c -> c.isRunning(ctx)).map(Component::name).toList();
            List<String> strays = ctx.processes().recordedComponents().stream().filter(ctx.processes()::anyAlive).toList();
            if (!running.isEmpty() || !strays.isEmpty()) {
                Set<String> names = new LinkedHashSet<>(running);
                names.addAll(strays);
                out.println("devstack: refusing to reset: the " + ctx.profile().id() + " stack is running (" + String.join(", ", names)
                        + "); stop it first: bin/devstack down --profile " + ctx.profile().id());
                return 1;
            }
            if (!Files.exists(ctx.dataDir())) {
                out.println("devstack: nothing to reset (" + ctx.dataDir() + " does not exist)");
                return 0;
            }
            Archives.deleteTree(ctx.dataDir());
            out.println("devstack: wiped " + ctx.dataDir());
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    void printSummary(List<Component> components) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"component", "url", "log"});
        for (Component c : components) {
            List<Component.Endpoint> eps = c.endpoints(ctx);
            if (eps.isEmpty()) {
                rows.add(new String[]{c.name(), "", rel(ctx.logFile(c.name()))});
            }
            for (int i = 0; i < eps.size(); i++) {
                Component.Endpoint e = eps.get(i);
                String label = e.label() == null || e.label().isBlank() ? "" : e.label() + ": ";
                rows.add(new String[]{i == 0 ? c.name() : "", label + e.url(), i == 0 ? rel(ctx.logFile(c.name())) : ""});
            }
        }
        out.println();
        printTable(rows);
        out.println();
        out.println("env for services/tools: " + ctx.dataDir().resolve("stack.env"));
        if (components.stream().anyMatch(c -> c.name().equals("keycloak"))) {
            out.println("demo users (realm " + StackContext.REALM + ", " + ctx.keycloakUrl() + "):");
            out.println("  alice / alice   admin    (businesses: melissa, vaquero)");
            out.println("  bob   / bob     marketer (business: melissa)");
            out.println("  carol / carol   viewer   (business: vaquero)");
        }
        out.println("stop: bin/devstack down --profile " + ctx.profile().id());
    }

    private void printTable(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < cols; i++) {
                sb.append(r[i]);
                if (i < cols - 1) {
                    sb.append(" ".repeat(w[i] - r[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private String rel(Path p) {
        return p.startsWith(ctx.root()) ? ctx.root().relativize(p).toString() : p.toString();
    }

    /** The last {@code n} lines of a log, Java stack frames ("\tat ...") folded so that the messages stay visible. */
    static List<String> tail(Path file, int n) {
        try {
            List<String> lines = new ArrayList<>();
            int frames = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                if (l.startsWith("\tat ") || l.startsWith("    at ")) {
                    frames++;
                    continue;
                }
                if (frames > 0) {
                    lines.add("\t... " + frames + " stack frames");
                    frames = 0;
                }
                lines.add(l);
            }
            if (frames > 0) {
                lines.add("\t... " + frames + " stack frames");
            }
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> r;
        synchronized (list) {
            r = new ArrayList<>(list);
        }
        Collections.reverse(r);
        return r;
    }

    /** Orders components so that each comes after its dependencies (stable w.r.t. the registry order). */
    static List<Component> topoSort(List<Component> components) {
        Map<String, Component> byName = new LinkedHashMap<>();
        for (Component c : components) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalStateException("two components are named " + c.name());
            }
        }
        List<Component> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (Component c : components) {
            visit(c, byName, done, visiting, out);
        }
        return out;
    }

    private static void visit(Component c, Map<String, Component> byName, Set<String> done, Set<String> visiting, List<Component> out) {
        if (done.contains(c.name())) {
            return;
        }
        if (!visiting.add(c.name())) {
            throw new IllegalStateException("dependency cycle through " + c.name());
        }
        for (String d : c.dependsOn()) {
            Component dep = byName.get(d);
            if (dep != null) {
                visit(dep, byName, done, visiting, out);
            }
        }
        visiting.remove(c.name());
        done.add(c.name());
        out.add(c);
    }

    private FileLock lock() throws IOException {
        Path lockFile = ctx.dataDir().resolveSibling("." + ctx.dataDir().getFileName() + ".lock");
        Files.createDirectories(lockFile.getParent());
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l = ch.tryLock();
        if (l == null) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (l == null && System.nanoTime() < deadline) {
                ChildProcesses.sleep(200);
                l = ch.tryLock();
            }
            if (l == null) {
                ch.close();
                throw new IllegalStateException("another bin/devstack command is working on the " + ctx.profile().id()
                        + " stack (lock " + lockFile + ")");
            }
        }
        return l;
    }
}
