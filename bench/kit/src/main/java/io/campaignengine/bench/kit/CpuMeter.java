package io.campaignengine.bench.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * CPU time spent by named groups of processes over a measured phase (user + system, from the kernel's per-process
 * accounting): where a shared machine's cores went — the load generator itself, each service, PostgreSQL, the rest
 * of the stack. Divided by the requests answered, it is the CPU cost of one request in each process.
 */
public final class CpuMeter {
    private final Map<String, Predicate<ProcessHandle>> groups = new LinkedHashMap<>();

    /** The benchmark's own JVM. */
    public CpuMeter self(String name) {
        long me = ProcessHandle.current().pid();
        groups.put(name, p -> p.pid() == me);
        return this;
    }

    public CpuMeter process(String name, Process process) {
        long pid = process.pid();
        groups.put(name, p -> p.pid() == pid);
        return this;
    }

    /** Every process whose command line contains {@code fragment} (e.g. all PostgreSQL backends). */
    public CpuMeter commandContains(String name, String fragment) {
        groups.put(name, p -> p.info().commandLine().map(c -> c.contains(fragment)).orElse(false)
                || p.info().command().map(c -> c.contains(fragment)).orElse(false));
        return this;
    }

    /**
     * CPU time per group now, and (key {@code <group> jit}) the part of it spent by JIT compiler threads; processes that
     * ended in between are not counted (backends of a closed pool).
     */
    public Map<String, Long> sampleMillis() {
        Map<String, Long> out = new LinkedHashMap<>();
        groups.keySet().forEach(k -> out.put(k, 0L));
        ProcessHandle.allProcesses().forEach(p -> {
            long ms = p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
            groups.forEach((name, match) -> {
                if (match.test(p)) {
                    out.merge(name, ms, Long::sum);
                    long jit = compilerThreadMillis(p.pid());
                    if (jit > 0) {
                        out.merge(name + " jit", jit, Long::sum);
                    }
                }
            });
        });
        return out;
    }

    /**
     * CPU of a JVM's C1/C2 compiler threads (Linux /proc, clock ticks of 10 ms): code still being compiled during a
     * measured phase takes cores from the requests and is counted in the process's CPU per request.
     */
    static long compilerThreadMillis(long pid) {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path t : threads.toList()) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim();
                    if (!comm.startsWith("C1 Compiler") && !comm.startsWith("C2 Compiler")) {
                        continue;
                    }
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException processEnded) {
            return 0;
        }
        return ticks * 10;
    }

    /** Runs {@code phase}, returning its result and the CPU milliseconds each group spent meanwhile. */
    public <T> Measured<T> measure(Phase<T> phase) throws Exception {
        Map<String, Long> before = sampleMillis();
        long[] machineBefore = machineTicks();
        long t0 = System.nanoTime();
        T result = phase.run();
        double wallMs = (System.nanoTime() - t0) / 1e6;
        Map<String, Long> after = sampleMillis();
        long[] machineAfter = machineTicks();
        Map<String, Long> spent = new LinkedHashMap<>();
        after.forEach((k, v) -> spent.put(k, Math.max(0, v - before.getOrDefault(k, 0L))));
        long total = machineAfter[0] - machineBefore[0];
        double steal = total <= 0 ? 0 : (machineAfter[1] - machineBefore[1]) * 100.0 / total;
        double idle = total <= 0 ? 0 : (machineAfter[2] - machineBefore[2]) * 100.0 / total;
        return new Measured<>(result, spent, wallMs, steal, idle);
    }

    /**
     * The machine's CPU ticks from /proc/stat: all, stolen by the hypervisor, idle. Steal is time a virtual machine's
     * cores were taken by its host: when it is high, every figure of the phase is low for reasons outside the machine.
     */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                all += Long.parseLong(f[i]);
            }
            return new long[]{all, f.length > 8 ? Long.parseLong(f[8]) : 0, Long.parseLong(f[4])};
        } catch (Exception notLinux) {
            return new long[]{0, 0, 0};
        }
    }

    @FunctionalInterface
    public interface Phase<T> {
        T run() throws Exception;
    }

    public record Measured<T>(T result, Map<String, Long> cpuMillis, double wallMillis, double stealPercent, double idlePercent) {
        /** e.g. {@code bench 0.41, gateway 0.62 (JIT 0.10), service 0.93, postgres 0.20 ms CPU/request; 1.9 cores busy ...}. */
        public String perRequest(long requests) {
            String each = cpuMillis.entrySet().stream().filter(e -> !e.getKey().endsWith(" jit"))
                    .map(e -> {
                        Long jit = cpuMillis.get(e.getKey() + " jit");
                        String of = jit == null || jit == 0 ? "" : String.format(" (JIT %.2f)", requests == 0 ? 0 : jit / (double) requests);
                        return String.format("%s %.2f%s", e.getKey(), requests == 0 ? 0 : e.getValue() / (double) requests, of);
                    })
                    .collect(Collectors.joining(", "));
            double cores = cpuMillis.entrySet().stream().filter(e -> !e.getKey().endsWith(" jit")).mapToLong(Map.Entry::getValue).sum()
                    / wallMillis;
            return String.format("%s ms CPU/request; %.2f cores busy in these; machine idle %.0f %%, stolen by the host %.0f %%",
                    each, cores, idlePercent, stealPercent);
        }
    }
}
