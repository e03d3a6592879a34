package io.campaignengine.playbook.domain;

/**
 * Weights of the performance score (seed 5.4): score = conversion*conversions + engagement*engagement_rate
 * + click*ctr - cost*cpa. Default conversions=0.5, engagement=0.2, clicks=0.2, cost=0.1.
 */
public record ScoreWeights(Double conversion, Double engagement, Double click, Double cost) {

    public static ScoreWeights defaults() {
        return new ScoreWeights(0.5, 0.2, 0.2, 0.1);
    }

    public ScoreWeights withDefaults() {
        ScoreWeights d = defaults();
        return new ScoreWeights(conversion != null ? conversion : d.conversion, engagement != null ? engagement : d.engagement,
                click != null ? click : d.click, cost != null ? cost : d.cost);
    }
}
