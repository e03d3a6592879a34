package io.campaignengine.publishing.service;

import io.campaignengine.publishing.client.GraphClient;
import io.campaignengine.publishing.client.Usage;
import io.campaignengine.publishing.config.PublishingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the calls under Meta's limits. Every response's usage headers are recorded per key (the app, a Page, an
 * Instagram account, an ad account); from {@code slowDownAt} percent calls on that key are spaced out linearly up to
 * {@code maxPace} per call at 100 %, and a throttling error blocks the key until Meta's estimated time to regain
 * access (or an exponential back-off with jitter when Meta gives none).
 */
@ApplicationScoped
public class UsageGovernor {
    private static final Logger LOG = Logger.getLogger(UsageGovernor.class);

    record State(int percent, Instant seenAt, Instant blockedUntil, Instant lastCall, int throttles) {
    }

    final Map<String, State> states = new ConcurrentHashMap<>(); // package-private: tests set a state directly
    private final int slowDownAt;
    private final Duration maxPace;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private Duration maxBlock = Duration.ofHours(1);
    /** The window Meta's usage percentages cover (a rolling hour); package-private for tests. */
    Duration usageWindow = Duration.ofHours(1);
    /** Per key: calls made since the last rise of the usage, and the calls one percent stands for (the limit's size / 100). */
    private final Map<String, Estimate> estimates = new ConcurrentHashMap<>();

    static final class Estimate {
        int markPercent = -1;
        int calls;
        double callsPerPercent;
    }

    @jakarta.inject.Inject
    public UsageGovernor(PublishingConfig config, GraphClient graph) {
        this(config.scheduler().slowDownAt(), config.scheduler().maxPace(), config.scheduler().initialBackoff(), config.scheduler().maxBackoff());
        this.maxBlock = config.scheduler().maxBlock();
        this.usageWindow = config.scheduler().usageWindow();
        graph.onUsage(this::record);
    }

    UsageGovernor(int slowDownAt, Duration maxPace, Duration initialBackoff, Duration maxBackoff) {
        this.slowDownAt = slowDownAt;
        this.maxPace = maxPace;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public void record(String key, Usage usage) {
        Instant now = Instant.now();
        if (usage.appPercent() >= 0) update("app", usage.appPercent(), now);
        if (usage.businessPercent() >= 0 && !"app".equals(key)) update(key, usage.businessPercent(), now);
    }

    private void update(String key, int pct, Instant now) {
        states.compute(key, (k, s) -> s == null ? new State(pct, now, null, now, 0) : new State(pct, now, s.blockedUntil, now, s.percent >= 100 ? s.throttles : 0));
        // a throttled answer reports 100 whatever the calls were: no measure of the limit's size
        if (pct >= 100) return;
        Estimate e = estimates.computeIfAbsent(key, k -> new Estimate());
        synchronized (e) {
            if (e.markPercent < 0 || pct < e.markPercent || pct - e.markPercent > 20) {
                // first reading, the window moved on (old calls aged out), or a jump that is no measure: count afresh
                e.markPercent = pct;
                e.calls = 0;
            } else if (pct > e.markPercent) {
                if (e.calls > 0) {
                    double sample = (double) e.calls / (pct - e.markPercent);
                    e.callsPerPercent = e.callsPerPercent == 0 ? sample : 0.7 * e.callsPerPercent + 0.3 * sample;
                }
                e.markPercent = pct;
                e.calls = 0;
            }
        }
        if (pct >= slowDownAt) LOG.debugf("Meta usage of %s at %d%%: slowing down", key, pct);
    }

    /** How long a call on {@code key} should wait now (zero: go). */
    public Duration waitFor(String key) {
        Instant now = Instant.now();
        Duration w = waitOne(key, now);
        Duration app = waitOne("app", now);
        return w.compareTo(app) >= 0 ? w : app;
    }

    private Duration waitOne(String key, Instant now) {
        State s = states.get(key);
        if (s == null) return Duration.ZERO;
        if (s.blockedUntil != null && s.blockedUntil.isAfter(now)) return Duration.between(now, s.blockedUntil);
        // usage decays as the rolling window moves on: an old figure no longer holds a call back
        if (s.seenAt.isBefore(now.minus(Duration.ofMinutes(10))) || s.percent < slowDownAt) return Duration.ZERO;
        Duration pace = pace(key, s.percent);
        Instant next = s.lastCall.plus(pace);
        return next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO;
    }

    /**
     * Spacing on a key at this usage: the linear spacing, but never so short that the headroom left (in calls, from
     * the calls one percent stood for so far) would be spent in less than the usage window — a small limit is not run
     * into before its first calls age out.
     */
    Duration pace(String key, int percent) {
        Duration linear = pace(percent);
        Estimate e = estimates.get(key);
        if (e == null || linear.isZero()) return linear;
        double perPercent;
        synchronized (e) {
            perPercent = e.callsPerPercent;
        }
        if (perPercent <= 0) return linear;
        double headroomCalls = Math.max(1, (100 - percent) * perPercent);
        long floor = Math.min(Math.min(usageWindow.toMillis(), maxBlock.toMillis()), (long) (usageWindow.toMillis() / headroomCalls));
        return floor > linear.toMillis() ? Duration.ofMillis(floor) : linear;
    }

    /** Spacing between calls at this usage: zero below slowDownAt, maxPace at 100 %. */
    Duration pace(int percent) {
        if (percent < slowDownAt) return Duration.ZERO;
        double f = Math.min(1.0, (percent - slowDownAt + 1) / (double) Math.max(1, 100 - slowDownAt + 1));
        return Duration.ofMillis((long) (maxPace.toMillis() * f));
    }

    /**
     * {@link #waitFor} and, when it is zero, the call noted at once (one step): concurrent posts on one key cannot all
     * pass through the same gap of a paced key.
     */
    public synchronized Duration acquire(String key) {
        Duration w = waitFor(key);
        if (w.isZero()) calling(key);
        return w;
    }

    /** Notes a call about to be made on the key (paced calls are spaced from this one). */
    public void calling(String key) {
        Estimate e = estimates.get(key);
        if (e != null) {
            synchronized (e) {
                e.calls++;
            }
        }
        Instant now = Instant.now();
        states.computeIfPresent(key, (k, s) -> new State(s.percent, s.seenAt, s.blockedUntil, now, s.throttles));
    }

    /** A throttling error: blocks the key; returns until when. */
    public Instant throttled(String key, int regainMinutes) {
        Instant now = Instant.now();
        State s = states.getOrDefault(key, new State(100, now, null, now, 0));
        int n = s.throttles + 1;
        Duration d = regainMinutes > 0 ? Duration.ofMinutes(regainMinutes) : backoff(n);
        if (d.compareTo(maxBlock) > 0) d = maxBlock;
        Instant until = now.plus(jitter(d));
        states.put(key, new State(100, now, until, now, n));
        LOG.infof("Meta throttled calls on %s: waiting until %s (throttle #%d)", key, until, n);
        return until;
    }

    /** Exponential back-off for attempt n (1-based), capped. */
    public Duration backoff(int n) {
        long ms = initialBackoff.toMillis() << Math.min(20, Math.max(0, n - 1));
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }

    /** +-25 % so that many posts backing off together do not come back together. */
    static Duration jitter(Duration d) {
        double f = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis((long) (d.toMillis() * f));
    }

    /** For tests and the API: the last usage seen per key. */
    public Map<String, Integer> snapshot() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        states.forEach((k, s) -> out.put(k, s.percent));
        return out;
    }
}
