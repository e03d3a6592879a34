package io.campaignengine.publishing.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The posting plan of seed 5.3, as pure functions (unit-tested without infrastructure):
 * <ul>
 * <li>organic posts go to the platform's best local times (business time zone), never before {@code now + minLead}
 * nor before the campaign's start date, at most {@code cap} per campaign, platform and local day, one post per slot;</li>
 * <li>equal exposure within an A/B group (the variations of one audience segment): every variation gets the same
 * number of posts, groups are interleaved so that no segment waits for another, and the order of the variations is
 * rotated per platform so that the same variation does not always get the first (earliest) slot;</li>
 * <li>ads run continuously from the start, the campaign's daily budget split equally across the ad variations.</li>
 * </ul>
 */
public final class ScheduleRules {
    private ScheduleRules() {
    }

    /** One content piece to place on one platform. */
    public record Item(UUID contentId, String segmentId) {
    }

    /**
     * Slots for {@code items} on one platform.
     *
     * @param rotation how far the order of variations is rotated (the platform's index, so platforms differ)
     * @param taken    slots already used by this campaign on this platform (they count against the cap)
     */
    public static Map<UUID, Instant> plan(List<Item> items, Instant now, ZoneId zone, LocalDate startDate, List<LocalTime> bestTimes,
                                          int cap, Duration minLead, List<Instant> taken, int rotation) {
        if (bestTimes.isEmpty()) throw new IllegalArgumentException("no posting times configured");
        if (cap < 1) throw new IllegalArgumentException("daily cap must be at least 1");
        List<Item> order = interleave(items, rotation);
        List<LocalTime> times = bestTimes.stream().sorted().distinct().toList();
        Map<LocalDate, Integer> perDay = new HashMap<>();
        Set<Instant> used = new HashSet<>(taken);
        for (Instant t : taken) perDay.merge(t.atZone(zone).toLocalDate(), 1, Integer::sum);
        Instant earliest = now.plus(minLead);
        LocalDate day = earliest.atZone(zone).toLocalDate();
        if (startDate != null && startDate.isAfter(day)) day = startDate;
        Map<UUID, Instant> out = new LinkedHashMap<>();
        int i = 0;
        int guard = 0;
        while (i < order.size()) {
            if (++guard > 100_000) throw new IllegalStateException("no free slot found");
            for (LocalTime t : times) {
                if (i >= order.size()) break;
                if (perDay.getOrDefault(day, 0) >= cap) break;
                Instant slot = ZonedDateTime.of(day, t, zone).toInstant();
                if (slot.isBefore(earliest) || used.contains(slot)) continue;
                out.put(order.get(i++).contentId(), slot);
                used.add(slot);
                perDay.merge(day, 1, Integer::sum);
            }
            day = day.plusDays(1);
        }
        return out;
    }

    /**
     * The posting order: groups (segments, sorted) interleaved round by round, the variations of each group sorted by
     * id and rotated by {@code rotation}.
     */
    static List<Item> interleave(List<Item> items, int rotation) {
        Map<String, List<Item>> groups = new TreeMap<>();
        for (Item it : items) groups.computeIfAbsent(it.segmentId() == null ? "" : it.segmentId(), k -> new ArrayList<>()).add(it);
        List<List<Item>> lists = new ArrayList<>();
        for (List<Item> g : groups.values()) {
            g.sort(Comparator.comparing(Item::contentId));
            int r = Math.floorMod(rotation, g.size());
            List<Item> rotated = new ArrayList<>(g.subList(r, g.size()));
            rotated.addAll(g.subList(0, r));
            lists.add(rotated);
        }
        List<Item> out = new ArrayList<>();
        for (int round = 0; out.size() < items.size(); round++) {
            for (List<Item> g : lists) if (round < g.size()) out.add(g.get(round));
        }
        return out;
    }

    /** When ads start: now, or the start of the campaign's first day in the business's zone when that is later. */
    public static Instant adStart(Instant now, ZoneId zone, LocalDate startDate) {
        if (startDate == null) return now;
        Instant start = startDate.atStartOfDay(zone).toInstant();
        return start.isAfter(now) ? start : now;
    }

    /** {@code total} split into {@code n} equal shares (minor units); the remainder goes to the first shares. */
    public static List<Long> split(long total, int n) {
        List<Long> out = new ArrayList<>();
        if (n <= 0) return out;
        long base = total / n, rest = total % n;
        for (int i = 0; i < n; i++) out.add(base + (i < rest ? 1 : 0));
        return out;
    }

    /** Parses {@code 09:00;13:00}. */
    public static List<LocalTime> times(String spec) {
        List<LocalTime> out = new ArrayList<>();
        if (spec == null) return out;
        for (String s : spec.split("[;| ]+")) if (!s.isBlank()) out.add(LocalTime.parse(s.trim()));
        return out;
    }
}
