package io.campaignengine.tokencache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

@jakarta.enterprise.context.Dependent
/** {@code campaign-engine.token-cache.max-entries} (10,000; 0 turns the cache off) and {@code .max-age} (5 minutes). */
public class TokenCacheConfig {

    @Produces
    @ApplicationScoped
    VerifiedTokens verifiedTokens(@ConfigProperty(name = "campaign-engine.token-cache.max-entries", defaultValue = "10000") int maxEntries,
                                  @ConfigProperty(name = "campaign-engine.token-cache.max-age", defaultValue = "PT5M") Duration maxAge) {
        return new VerifiedTokens(maxEntries, maxAge.toMillis(), System::currentTimeMillis);
    }
}
