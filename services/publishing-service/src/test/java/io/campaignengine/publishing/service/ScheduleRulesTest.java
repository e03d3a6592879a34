package io.campaignengine.publishing.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The posting plan of seed 5.3 (pure functions). */
class ScheduleRulesTest {
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final List<LocalTime> TIMES = List.of(LocalTime.of(9, 0), LocalTime.of(13, 0), LocalTime.of(19, 0));
    // Monday 2026-06-01 07:00 in Chicago
    static final Instant NOW = ZonedDateTime.of(2026, 6, 1, 7, 0, 0, 0, CHICAGO).toInstant();

    static List<ScheduleRules.Item> items(String segment, int n) {
        List<ScheduleRules.Item> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ScheduleRules.Item(new UUID(segment.hashCode(), i), segment));
        return out;
    }

    @Test
    void slotsAreTheBestLocalTimesInTheBusinessZoneAfterTheLead() {
        Map<UUID, Instant> plan = ScheduleRules.plan(items("a", 4), NOW, CHICAGO, null, TIMES, 3, Duration.ofMinutes(30), List.of(), 0);
        assertEquals(4, plan.size());
        for (Instant t : plan.values()) {
            LocalTime local = t.atZone(CHICAGO).toLocalTime();
            assertTrue(TIMES.contains(local), "not a best time: " + local);
            assertTrue(t.isAfter(NOW.plus(Duration.ofMinutes(30))));
        }
        // 3 on the first day (cap), the 4th at 09:00 the next day
        List<Instant> sorted = plan.values().stream().sorted().toList();
        assertEquals(ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, CHICAGO).toInstant(), sorted.get(0));
        assertEquals(ZonedDateTime.of(2026, 6, 2, 9, 0, 0, 0, CHICAGO).toInstant(), sorted.get(3));
    }

    @Test
    void aSlotTooCloseToNowIsSkipped() {
        Instant at0845 = ZonedDateTime.of(2026, 6, 1, 8, 45, 0, 0, CHICAGO).toInstant();
        Map<UUID, Instant> plan = ScheduleRules.plan(items("a", 1), at0845, CHICAGO, null, TIMES, 3, Duration.ofMinutes(30), List.of(), 0);
        assertEquals(LocalTime.of(13, 0), plan.values().iterator().next().atZone(CHICAGO).toLocalTime());
    }

    @Test
    void dailyCapCountsWhatIsAlreadyScheduledAndNoSlotIsUsedTwice() {
        Instant taken9 = ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, CHICAGO).toInstant();
        Instant taken13 = ZonedDateTime.of(2026, 6, 1, 13, 0, 0, 0, CHICAGO).toInstant();
        Map<UUID, Instant> plan = ScheduleRules.plan(items("a", 3), NOW, CHICAGO, null, TIMES, 2, Duration.ZERO, List.of(taken9, taken13), 0);
        Map<LocalDate, Integer> perDay = new HashMap<>();
        for (Instant t : plan.values()) {
            assertNotEquals(taken9, t);
            assertNotEquals(taken13, t);
            perDay.merge(t.atZone(CHICAGO).toLocalDate(), 1, Integer::sum);
        }
        assertEquals(null, perDay.get(LocalDate.of(2026, 6, 1)), "day 1 is full (cap 2, two taken)");
        assertEquals(2, perDay.get(LocalDate.of(2026, 6, 2)));
        assertEquals(1, perDay.get(LocalDate.of(2026, 6, 3)));
        assertEquals(3, new HashSet<>(plan.values()).size());
    }

    @Test
    void notBeforeTheCampaignStarts() {
        LocalDate start = LocalDate.of(2026, 6, 10);
        Map<UUID, Instant> plan = ScheduleRules.plan(items("a", 2), NOW, CHICAGO, start, TIMES, 3, Duration.ZERO, List.of(), 0);
        for (Instant t : plan.values()) assertEquals(start, t.atZone(CHICAGO).toLocalDate());
    }

    @Test
    void abGroupsAreInterleavedAndEveryVariationGetsExactlyOnePost() {
        List<ScheduleRules.Item> all = new ArrayList<>(items("seg_a", 3));
        all.addAll(items("seg_b", 3));
        List<ScheduleRules.Item> order = ScheduleRules.interleave(all, 0);
        assertEquals(6, order.size());
        assertEquals(6, new HashSet<>(order).size());
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i % 2 == 0 ? "seg_a" : "seg_b", order.get(i).segmentId(), "groups alternate: " + order);
        }
        // a segment never waits for the other: after 2 slots both have one variation out
        Map<UUID, Instant> plan = ScheduleRules.plan(all, NOW, CHICAGO, null, TIMES, 3, Duration.ZERO, List.of(), 0);
        assertEquals(6, plan.size());
    }

    @Test
    void theFirstSlotRotatesBetweenVariationsAcrossPlatforms() {
        List<ScheduleRules.Item> group = items("seg", 3);
        UUID firstOnFacebook = ScheduleRules.interleave(group, 0).get(0).contentId();
        UUID firstOnInstagram = ScheduleRules.interleave(group, 1).get(0).contentId();
        assertNotEquals(firstOnFacebook, firstOnInstagram);
    }

    @Test
    void adBudgetSplitsEquallyAndKeepsTheTotal() {
        assertEquals(List.of(334L, 333L, 333L), ScheduleRules.split(1000, 3));
        assertEquals(List.of(500L, 500L), ScheduleRules.split(1000, 2));
        assertEquals(List.of(), ScheduleRules.split(1000, 0));
    }

    @Test
    void adsStartNowOrOnTheFirstDay() {
        assertEquals(NOW, ScheduleRules.adStart(NOW, CHICAGO, LocalDate.of(2026, 5, 1)));
        assertEquals(ZonedDateTime.of(2026, 6, 3, 0, 0, 0, 0, CHICAGO).toInstant(), ScheduleRules.adStart(NOW, CHICAGO, LocalDate.of(2026, 6, 3)));
    }

    @Test
    void badConfigurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleRules.plan(items("a", 1), NOW, CHICAGO, null, List.of(), 3, Duration.ZERO, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> ScheduleRules.plan(items("a", 1), NOW, CHICAGO, null, TIMES, 0, Duration.ZERO, List.of(), 0));
        assertEquals(List.of(LocalTime.of(9, 0), LocalTime.of(13, 30)), ScheduleRules.times("09:00;13:30"));
    }
}
