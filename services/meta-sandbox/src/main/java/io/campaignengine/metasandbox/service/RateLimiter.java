package io.campaignengine.metasandbox.service;

import java.util.HashMap;
import java.util.Map;

/**
 * Rolling one-hour call windows (per-minute buckets on the simulated clock), Meta's way of reporting them:
 * a percentage of the limit that rises toward 100, then the throttling error until enough calls age out.
 * Throttled calls are not counted, so a caller that backs off recovers.
 */
public class RateLimiter {

    private static final int BUCKETS = 60;

    private static final class Window {
        final long[] minute = new long[BUCKETS];
        final int[] count = new int[BUCKETS];

        int total(long nowMinute) {
            int sum = 0;
            for (int i = 0; i < BUCKETS; i++) if (minute[i] > nowMinute - BUCKETS) sum += count[i];
            return sum;
        }

        void add(long nowMinute) {
            int i = (int) Math.floorMod(nowMinute, (long) BUCKETS);
            if (minute[i] != nowMinute) {
                minute[i] = nowMinute;
                count[i] = 0;
            }
            count[i]++;
        }

        /** Minutes until the window falls below the limit again. */
        int minutesToRegain(long nowMinute, int limit) {
            for (int m = 0; m <= BUCKETS; m++) {
                int sum = 0;
                for (int i = 0; i < BUCKETS; i++) if (minute[i] > nowMinute - BUCKETS + m) sum += count[i];
                if (sum < limit) return m;
            }
            return BUCKETS;
        }
    }

    private final Map<String, Window> windows = new HashMap<>();
    /** Per key: the highest usage reported in a header and the calls refused with a throttling error (benchmarks read them). */
    private final Map<String, int[]> seen = new java.util.TreeMap<>();

    public synchronized void clear() {
        windows.clear();
        seen.clear();
    }

    /** Notes what a response reported: its usage percentage and whether the call was throttled. */
    public synchronized void observe(String key, int percent, boolean throttled) {
        int[] s = seen.computeIfAbsent(key, k -> new int[2]);
        s[0] = Math.max(s[0], percent);
        if (throttled) s[1]++;
    }

    /** key -> {max_percent, throttled} since the last clear. */
    public synchronized Map<String, Map<String, Integer>> observed() {
        Map<String, Map<String, Integer>> out = new java.util.LinkedHashMap<>();
        seen.forEach((k, s) -> out.put(k, Map.of("max_percent", s[0], "throttled", s[1])));
        return out;
    }

    /** Usage before this call, as a percentage of the limit (may exceed 100 only by rounding). */
    public synchronized int percent(String key, int limit, long nowMs) {
        Window w = windows.get(key);
        if (w == null || limit <= 0) return 0;
        return (int) Math.min(100, Math.round(w.total(nowMs / 60_000) * 100.0 / limit));
    }

    public synchronized boolean exhausted(String key, int limit, long nowMs) {
        Window w = windows.get(key);
        return w != null && w.total(nowMs / 60_000) >= limit;
    }

    public synchronized void record(String key, long nowMs) {
        windows.computeIfAbsent(key, k -> new Window()).add(nowMs / 60_000);
    }

    public synchronized int minutesToRegain(String key, int limit, long nowMs) {
        Window w = windows.get(key);
        return w == null ? 0 : w.minutesToRegain(nowMs / 60_000, limit);
    }
}
