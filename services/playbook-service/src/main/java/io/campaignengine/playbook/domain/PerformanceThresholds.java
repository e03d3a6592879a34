package io.campaignengine.playbook.domain;

import java.math.BigDecimal;

/** Per-campaign thresholds classifying performance as exceeding / meeting / below (seed 5.5). */
public record PerformanceThresholds(ThresholdBand exceeding, ThresholdBand meeting, ThresholdBand below,
                                    Integer belowThresholdDays, Integer persistentFailureDays, Long minImpressions) {

    /** Seed 5.5: exceeding ctr > 3%, conversion > 10%, cpa < $50; meeting 1-3%, 2-10%, $50-100; below < 1%, < 2%, > $100. */
    public static PerformanceThresholds defaults() {
        return new PerformanceThresholds(
                new ThresholdBand(0.03, null, 0.10, null, null, new BigDecimal("50.00")),
                new ThresholdBand(0.01, 0.03, 0.02, 0.10, new BigDecimal("50.00"), new BigDecimal("100.00")),
                new ThresholdBand(null, 0.01, null, 0.02, new BigDecimal("100.00"), null),
                7, 14, 1000L);
    }

    /** Missing parts are taken from the defaults. */
    public PerformanceThresholds withDefaults() {
        PerformanceThresholds d = defaults();
        return new PerformanceThresholds(
                exceeding != null ? exceeding : d.exceeding,
                meeting != null ? meeting : d.meeting,
                below != null ? below : d.below,
                belowThresholdDays != null ? belowThresholdDays : d.belowThresholdDays,
                persistentFailureDays != null ? persistentFailureDays : d.persistentFailureDays,
                minImpressions != null ? minImpressions : d.minImpressions);
    }
}
