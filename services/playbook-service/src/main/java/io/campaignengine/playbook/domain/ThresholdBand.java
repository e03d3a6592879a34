package io.campaignengine.playbook.domain;

import java.math.BigDecimal;

/**
 * One band of performance thresholds (seed 5.5). Rates are fractions (0.03 = 3%), cost per acquisition is in the
 * campaign currency; a null bound is open. Minimums are inclusive, maximums exclusive.
 */
public record ThresholdBand(Double ctrMin, Double ctrMax, Double conversionRateMin, Double conversionRateMax,
                            BigDecimal cpaMin, BigDecimal cpaMax) {
}
