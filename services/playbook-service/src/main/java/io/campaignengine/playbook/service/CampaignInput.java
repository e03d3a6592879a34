package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Channel;
import io.campaignengine.playbook.domain.ContentKind;
import io.campaignengine.playbook.domain.Objective;
import io.campaignengine.playbook.domain.PerformanceThresholds;
import io.campaignengine.playbook.domain.ScoreWeights;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of POST /api/campaigns (playbookId, name and targetAudience required) and PUT /api/campaigns/{id} (fields
 * left out or null stay unchanged; only while draft or review). Budgets in the campaign currency.
 */
public record CampaignInput(
        UUID playbookId,
        @Size(min = 1, max = 255) String name,
        Objective objective,
        @Size(min = 1, max = 100) String targetAudience,
        List<@Size(min = 1, max = 100) String> targetMarkets,
        @Size(min = 1, message = "must name at least one channel") List<Channel> channels,
        @Size(min = 1, message = "must name at least one content type") List<ContentKind> contentTypes,
        List<String> hookIds,
        @DecimalMin(value = "0.00") @Digits(integer = 8, fraction = 2) BigDecimal budgetDaily,
        @DecimalMin(value = "0.00") @Digits(integer = 8, fraction = 2) BigDecimal budgetTotal,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code like USD") String currency,
        LocalDate startDate,
        LocalDate endDate,
        @Min(1) @Max(50) Integer contentCountPerSegment,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String landingUrl,
        Map<String, Double> successMetrics,
        PerformanceThresholds performanceThresholds,
        ScoreWeights scoreWeights,
        Boolean autoOptimize) {
}
