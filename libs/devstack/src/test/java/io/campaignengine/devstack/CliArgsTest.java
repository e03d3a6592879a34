package io.campaignengine.devstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliArgsTest {

    @Test
    void defaultsToProfileRun() {
        CliArgs a = CliArgs.parse("--root", "/tmp/x", "up");
        assertEquals(CliArgs.Command.UP, a.command());
        assertEquals(Profile.RUN, a.profile());
        assertFalse(a.fresh());
        assertFalse(a.noServices());
        assertEquals(Path.of("/tmp/x"), a.root());
    }

    @Test
    void parsesAllUpOptionsInAnyOrder() {
        CliArgs a = CliArgs.parse("--fresh", "up", "--no-services", "--profile", "test");
        assertEquals(CliArgs.Command.UP, a.command());
        assertEquals(Profile.TEST, a.profile());
        assertTrue(a.fresh());
        assertTrue(a.noServices());
        assertEquals(Profile.TEST, CliArgs.parse("status", "--profile=test").profile());
        assertEquals(CliArgs.Command.DOWN, CliArgs.parse("stop").command());
        assertEquals(CliArgs.Command.RESET, CliArgs.parse("reset", "-p", "run").command());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(UsageException.class, CliArgs::parse);
        assertThrows(UsageException.class, () -> CliArgs.parse("launch"));
        assertThrows(UsageException.class, () -> CliArgs.parse("up", "--profile", "prod"));
        assertThrows(UsageException.class, () -> CliArgs.parse("up", "--profile"));
        assertThrows(UsageException.class, () -> CliArgs.parse("up", "--verbose"));
        assertThrows(UsageException.class, () -> CliArgs.parse("up", "down"));
        assertThrows(UsageException.class, () -> CliArgs.parse("down", "--fresh"));
        assertThrows(UsageException.class, () -> CliArgs.parse("status", "--no-services"));
    }

    @Test
    void mainReturnsUsageErrorCode() {
        var buf = new java.io.ByteArrayOutputStream();
        int rc = Main.run(new java.io.PrintStream(buf, true), "frobnicate");
        assertEquals(2, rc);
        assertTrue(buf.toString().contains("unknown command frobnicate"), buf.toString());
        assertTrue(buf.toString().contains("usage: bin/devstack"));
    }
}
