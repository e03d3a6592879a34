package io.campaignengine.metasandbox.service;

import io.campaignengine.metasandbox.config.SandboxConfig;
import io.campaignengine.metasandbox.domain.World;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Holds the current {@link World} (replaced on reset) and the simulated clock. Every read or write of the world
 * happens while holding this object's monitor (hence @Singleton: no client proxy in between).
 */
@Singleton
public class SandboxState {

    private final SandboxConfig config;
    private World world;
    public final RateLimiter limiter = new RateLimiter();

    public SandboxState(SandboxConfig config) {
        this.config = config;
        this.world = fresh(config.seed(), config.clock().frozen(), config.clock().start().map(Instant::parse).orElse(null));
        this.world.speed = config.clock().speed();
    }

    public static World fresh(long seed, boolean frozen, Instant start) {
        World w = new World();
        w.seed = seed;
        w.frozen = frozen;
        long wall = System.currentTimeMillis();
        long startMs = start == null ? wall : start.toEpochMilli();
        if (frozen) w.frozenAtMs = startMs;
        w.anchorSimMs = startMs;
        w.anchorWallMs = wall;
        return w;
    }

    public synchronized World world() {
        return world;
    }

    public synchronized void replace(World w) {
        this.world = w;
        limiter.clear();
    }

    /** Simulated now (ms). */
    public synchronized long now() {
        if (world.frozen) return world.frozenAtMs;
        return world.anchorSimMs + (long) ((System.currentTimeMillis() - world.anchorWallMs) * world.speed);
    }

    public synchronized void advance(long ms) {
        if (world.frozen) world.frozenAtMs += ms;
        else world.anchorSimMs += ms;
    }

    public synchronized void freeze(boolean frozen) {
        if (frozen == world.frozen) return;
        long now = now();
        world.frozen = frozen;
        if (frozen) {
            world.frozenAtMs = now;
        } else {
            world.anchorSimMs = now;
            world.anchorWallMs = System.currentTimeMillis();
            world.frozenAtMs = null;
        }
    }

    /** How many simulated seconds pass per wall-clock second while the clock runs (demos, long benchmarks). */
    public synchronized void speed(double speed) {
        if (speed <= 0) throw new IllegalArgumentException("speed must be positive");
        long now = now();
        world.anchorSimMs = now;
        world.anchorWallMs = System.currentTimeMillis();
        world.speed = speed;
    }

    public SandboxConfig config() {
        return config;
    }
}
