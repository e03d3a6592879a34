package io.campaignengine.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orchestration (graph start, failure handling, down, reset) with fake components that run real child processes. */
class OrchestratorTest {

    @TempDir
    Path root;

    /** Runs `sleep`, ready once its process is alive; optional port and dependencies. */
    static class Sleeper implements Component {
        final String name;
        final List<String> deps;
        final int port;
        volatile boolean provisioned;

        Sleeper(String name, List<String> deps, int port) {
            this.name = name;
            this.deps = deps;
            this.port = port;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> dependsOn() {
            return deps;
        }

        @Override
        public List<PortSpec> ports(StackContext ctx) {
            return port == 0 ? List.of() : List.of(new PortSpec("fake", port));
        }

        @Override
        public void start(StackContext ctx) throws Exception {
            ctx.launch(name, ProcessSpec.of("sleep", "600"));
        }

        @Override
        public boolean isReady(StackContext ctx) {
            return ctx.processes().anyAlive(name);
        }

        @Override
        public void afterReady(StackContext ctx) {
            provisioned = true;
        }
    }

    /** Writes to its log and exits 3. */
    static class Crasher extends Sleeper {
        Crasher(String name, List<String> deps) {
            super(name, deps, 0);
        }

        @Override
        public void start(StackContext ctx) throws Exception {
            ctx.launch(name, ProcessSpec.of("sh", "-c", "echo boom-line-1; echo boom-line-2; exit 3"));
        }

        @Override
        public boolean isReady(StackContext ctx) {
            return false;
        }
    }

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true);

    private StackContext ctx() {
        return new StackContext(root, Profile.TEST, Ports.defaults(Profile.TEST), true, out);
    }

    @Test
    void upStatusDownReset() throws Exception {
        StackContext ctx = ctx();
        Sleeper a = new Sleeper("alpha", List.of(), 0);
        Sleeper b = new Sleeper("beta", List.of("alpha", "not-in-this-stack"), 0);
        Orchestrator o = new Orchestrator(ctx, List.of(b, a), out);
        assertEquals(0, o.up(false), buf.toString());
        assertTrue(a.provisioned && b.provisioned);
        List<Long> pids = ctx.processes().alivePids("alpha");
        assertEquals(1, pids.size());
        assertTrue(Files.isRegularFile(ctx.dataDir().resolve("stack.env")));
        assertTrue(Files.readString(ctx.dataDir().resolve("stack.env")).contains("CE_PG_PORT=25432"));
        String s = buf.toString();
        assertTrue(s.indexOf("alpha: ready") < s.indexOf("beta: starting"), s);

        // second up: already running, exit 0, nothing new started
        buf.reset();
        assertEquals(0, o.up(false));
        assertTrue(buf.toString().contains("already running"), buf.toString());
        assertEquals(pids, ctx.processes().alivePids("alpha"));

        assertEquals(0, o.status());
        buf.reset();
        assertEquals(1, o.reset(), "reset must refuse while running");
        assertTrue(buf.toString().contains("refusing"), buf.toString());

        assertEquals(0, o.down());
        assertFalse(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false), "sleep must be stopped");
        assertFalse(ctx.processes().anyAlive("beta"));
        assertEquals(3, o.status());
        assertEquals(0, o.reset());
        assertFalse(Files.exists(ctx.dataDir()));
    }

    @Test
    void failureStopsWhatThisRunStartedAndShowsTheLog() throws Exception {
        StackContext ctx = ctx();
        Sleeper good = new Sleeper("good", List.of(), 0);
        Crasher bad = new Crasher("bad", List.of("good"));
        Sleeper after = new Sleeper("after", List.of("bad"), 0);
        Orchestrator o = new Orchestrator(ctx, List.of(good, bad, after), out);
        assertEquals(1, o.up(false));
        String s = buf.toString();
        assertTrue(s.contains("FAILED: bad: its process"), s);
        assertTrue(s.contains("exited with code 3"), s);
        assertTrue(s.contains("boom-line-2"), "the log tail is printed: " + s);
        assertTrue(s.contains(ctx.logFile("bad").toString()), s);
        assertFalse(ctx.processes().anyAlive("good"), "what this run started is stopped again");
        assertFalse(s.contains("after: starting"), "dependents of a failed component never start: " + s);
    }

    @Test
    void takenPortFailsBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StackContext ctx = ctx();
            Sleeper a = new Sleeper("alpha", List.of(), 0);
            Sleeper b = new Sleeper("beta", List.of(), taken.getLocalPort());
            Orchestrator o = new Orchestrator(ctx, List.of(a, b), out);
            assertEquals(1, o.up(false));
            String s = buf.toString();
            assertTrue(s.contains("beta (fake): port " + taken.getLocalPort()), s);
            assertTrue(s.contains("nothing was started"), s);
            assertTrue(ctx.processes().recordedComponents().isEmpty());
        }
    }

    @Test
    void missingToolFailsBeforeAnythingStarts() throws Exception {
        StackContext ctx = ctx();
        Sleeper a = new Sleeper("alpha", List.of(), 0);
        Sleeper needsTool = new Sleeper("beta", List.of(), 0) {
            @Override
            public List<String> requiredTools(StackContext c) {
                return List.of("no-such-tool-devstack");
            }
        };
        Orchestrator o = new Orchestrator(ctx, List.of(a, needsTool), out);
        assertEquals(1, o.up(false));
        assertTrue(buf.toString().contains("beta needs the command `no-such-tool-devstack`"), buf.toString());
        assertFalse(a.isRunning(ctx));
    }

    @Test
    void logTailFoldsStackFrames() throws Exception {
        Path log = root.resolve("x.log");
        Files.writeString(log, "first\njava.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\nlast\n");
        assertEquals(List.of("first", "java.lang.IllegalStateException: boom", "\t... 2 stack frames", "last"), Orchestrator.tail(log, 20));
        assertEquals(List.of("last"), Orchestrator.tail(log, 1));
    }

    @Test
    void freshWipesDataAndDownIgnoresForeignPids() throws Exception {
        StackContext ctx = ctx();
        Files.createDirectories(ctx.dataDir().resolve("pids"));
        Files.writeString(ctx.dataDir().resolve("leftover.txt"), "x");
        // a pid file pointing at a process that is not ours (this JVM): must never be signalled
        Files.writeString(ctx.processes().pidFile("alpha"), ProcessHandle.current().pid() + "\n");
        Sleeper a = new Sleeper("alpha", List.of(), 0);
        Orchestrator o = new Orchestrator(ctx, List.of(a), out);
        assertFalse(a.isRunning(ctx));
        assertEquals(0, o.up(true), buf.toString());
        assertFalse(Files.exists(ctx.dataDir().resolve("leftover.txt")));
        assertTrue(a.isRunning(ctx));
        assertEquals(0, o.down());
        assertFalse(a.isRunning(ctx));
    }

    @Test
    void dependencyCycleIsRejected() {
        Sleeper a = new Sleeper("a", List.of("b"), 0);
        Sleeper b = new Sleeper("b", List.of("a"), 0);
        try {
            new Orchestrator(ctx(), List.of(a, b), out);
            throw new AssertionError("expected a cycle error");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("cycle"));
        }
    }
}
