package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.PerformanceThresholds;
import io.campaignengine.playbook.domain.ScoreWeights;
import io.campaignengine.playbook.domain.ThresholdBand;

import java.math.BigDecimal;

/** Validation of a campaign's numbers: dates, budgets, thresholds (ordered) and score weights (non-negative). */
final class CampaignRules {
    private CampaignRules() {
    }

    static void check(Validation v, Campaign c) {
        if (c.startDate != null && c.endDate != null && c.endDate.isBefore(c.startDate)) {
            v.add("endDate", "must not be before startDate (" + c.startDate + ")");
        }
        if (c.budgetDaily != null && c.budgetTotal != null && c.budgetTotal.signum() > 0 && c.budgetDaily.compareTo(c.budgetTotal) > 0) {
            v.add("budgetDaily", "must not exceed budgetTotal (" + c.budgetTotal + ")");
        }
        c.successMetrics.forEach((k, val) -> v.check(val != null && val >= 0 && !val.isNaN() && !val.isInfinite(),
                "successMetrics." + k, "must be a non-negative number"));
        weights(v, c.scoreWeights);
        thresholds(v, c.performanceThresholds);
    }

    static void weights(Validation v, ScoreWeights w) {
        String f = "scoreWeights.";
        nonNegative(v, f + "conversion", w.conversion());
        nonNegative(v, f + "engagement", w.engagement());
        nonNegative(v, f + "click", w.click());
        nonNegative(v, f + "cost", w.cost());
        if (w.conversion() + w.engagement() + w.click() + w.cost() <= 0) {
            v.add("scoreWeights", "at least one weight must be positive");
        }
    }

    private static void nonNegative(Validation v, String field, Double x) {
        v.check(x != null && x >= 0 && !x.isNaN() && !x.isInfinite(), field, "must be a non-negative number");
    }

    /**
     * Bands must be well formed (rates within 0..1, min ≤ max) and ordered: for ctr and conversion rate
     * below ≤ meeting ≤ exceeding; for cost per acquisition (lower is better) exceeding ≤ meeting ≤ below.
     */
    static void thresholds(Validation v, PerformanceThresholds t) {
        String f = "performanceThresholds.";
        band(v, f + "exceeding", t.exceeding());
        band(v, f + "meeting", t.meeting());
        band(v, f + "below", t.below());
        // higher is better: below.max <= meeting.min, meeting.max <= exceeding.min
        ordered(v, f + "meeting.ctrMin", t.below().ctrMax(), t.meeting().ctrMin(), "below.ctrMax");
        ordered(v, f + "exceeding.ctrMin", t.meeting().ctrMax(), t.exceeding().ctrMin(), "meeting.ctrMax");
        ordered(v, f + "exceeding.ctrMin", t.meeting().ctrMin(), t.exceeding().ctrMin(), "meeting.ctrMin");
        ordered(v, f + "meeting.conversionRateMin", t.below().conversionRateMax(), t.meeting().conversionRateMin(), "below.conversionRateMax");
        ordered(v, f + "exceeding.conversionRateMin", t.meeting().conversionRateMax(), t.exceeding().conversionRateMin(), "meeting.conversionRateMax");
        ordered(v, f + "exceeding.conversionRateMin", t.meeting().conversionRateMin(), t.exceeding().conversionRateMin(), "meeting.conversionRateMin");
        // lower is better: exceeding.cpaMax <= meeting.cpaMin, meeting.cpaMax <= below.cpaMin
        ordered(v, f + "meeting.cpaMin", t.exceeding().cpaMax(), t.meeting().cpaMin(), "exceeding.cpaMax");
        ordered(v, f + "below.cpaMin", t.meeting().cpaMax(), t.below().cpaMin(), "meeting.cpaMax");
        ordered(v, f + "below.cpaMin", t.meeting().cpaMin(), t.below().cpaMin(), "meeting.cpaMin");
        v.check(t.belowThresholdDays() >= 1, f + "belowThresholdDays", "must be at least 1");
        v.check(t.persistentFailureDays() >= t.belowThresholdDays(), f + "persistentFailureDays",
                "must be at least belowThresholdDays (" + t.belowThresholdDays() + ")");
        v.check(t.minImpressions() >= 0, f + "minImpressions", "must not be negative");
    }

    private static void band(Validation v, String f, ThresholdBand b) {
        rate(v, f + ".ctrMin", b.ctrMin());
        rate(v, f + ".ctrMax", b.ctrMax());
        rate(v, f + ".conversionRateMin", b.conversionRateMin());
        rate(v, f + ".conversionRateMax", b.conversionRateMax());
        if (b.cpaMin() != null) {
            v.check(b.cpaMin().signum() >= 0, f + ".cpaMin", "must not be negative");
        }
        if (b.cpaMax() != null) {
            v.check(b.cpaMax().signum() >= 0, f + ".cpaMax", "must not be negative");
        }
        ordered(v, f + ".ctrMax", b.ctrMin(), b.ctrMax(), "ctrMin");
        ordered(v, f + ".conversionRateMax", b.conversionRateMin(), b.conversionRateMax(), "conversionRateMin");
        if (b.cpaMin() != null && b.cpaMax() != null && b.cpaMin().compareTo(b.cpaMax()) > 0) {
            v.add(f + ".cpaMax", "must not be below cpaMin (" + b.cpaMin() + ")");
        }
    }

    private static void rate(Validation v, String f, Double x) {
        if (x != null) {
            v.check(x >= 0 && x <= 1, f, "must be a fraction between 0 and 1 (0.03 = 3%)");
        }
    }

    private static void ordered(Validation v, String field, Double lower, Double upper, String lowerName) {
        if (lower != null && upper != null && lower > upper) {
            v.add(field, "must not be below " + lowerName + " (" + lower + ")");
        }
    }

    private static void ordered(Validation v, String field, BigDecimal lower, BigDecimal upper, String lowerName) {
        if (lower != null && upper != null && lower.compareTo(upper) > 0) {
            v.add(field, "must not be below " + lowerName + " (" + lower + ")");
        }
    }
}
