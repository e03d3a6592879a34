package io.campaignengine.content.service;

import java.util.List;

/** What a provider returned: valid drafts, the model, tokens spent and how many calls it took. */
public record ProviderResult(List<Draft> drafts, String provider, String model, Double temperature, long inputTokens, long outputTokens,
                             int attempts, List<String> problems) {
}
