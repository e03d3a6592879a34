package io.campaignengine.metasandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Everything the sandbox can be tuned with (prefix {@code sandbox}, env {@code SANDBOX_...}). */
@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /** Seed of the simulated market: same seed, same hidden rates, same ids for the same calls. */
    @WithDefault("42")
    long seed();

    App app();

    Clock clock();

    World world();

    Instagram instagram();

    RateLimit rateLimit();

    Delivery delivery();

    /** Directory for a JSON snapshot of the state (loaded at start, written periodically and at shutdown). */
    Optional<String> dataDir();

    /** Public base URL of the sandbox itself (used in permalinks and the sample image). */
    @WithDefault("http://127.0.0.1:8109")
    String publicUrl();

    interface App {
        @WithDefault("1234567890123456")
        String id();

        @WithDefault("sandbox-app-secret")
        String secret();

        @WithDefault("Campaign Engine (sandbox)")
        String name();
    }

    interface Clock {
        /** Frozen: simulated time moves only through /_sandbox/clock/advance (tests). Else it also follows wall time. */
        @WithDefault("false")
        boolean frozen();

        /** Simulated seconds per wall-clock second while the clock runs. */
        @WithDefault("1")
        double speed();

        /** Start instant of the simulated clock (ISO-8601); default: now. */
        Optional<String> start();

        /** How often the simulation catches up with a running clock (webhooks, conversions). */
        @WithDefault("2s")
        Duration tick();
    }

    interface World {
        /** Pages (each with an Instagram business account) of the default user. */
        @WithDefault("2")
        int pages();

        @WithDefault("Sandbox User")
        String userName();
    }

    interface Instagram {
        /** Simulated processing time of a container before it is FINISHED. */
        @WithDefault("5s")
        Duration processing();

        /** API-published posts per IG user per rolling 24 h (content_publishing_limit). */
        @WithDefault("50")
        int quota();

        /** Timeout for fetching image_url. */
        @WithDefault("10s")
        Duration fetchTimeout();
    }

    interface RateLimit {
        /** Calls per rolling hour of the whole app (user tokens; X-App-Usage, code 4). */
        @WithDefault("20000")
        int appCallsPerHour();

        /** Calls per rolling hour of one user token holder (code 17). */
        @WithDefault("10000")
        int userCallsPerHour();

        /** Calls per rolling hour with one page's token (BUC type pages, code 32). */
        @WithDefault("9600")
        int pageCallsPerHour();

        /** Marketing API calls per rolling hour per ad account (BUC ads_management, code 80004). */
        @WithDefault("9000")
        int adAccountCallsPerHour();

        /** Insights calls per rolling hour per ad account (BUC ads_insights, code 613). */
        @WithDefault("3600")
        int insightsCallsPerHour();
    }

    interface Delivery {
        /** Where signed Meta-style webhooks (object page / instagram) are POSTed; empty: none. */
        Optional<String> webhookUrl();

        /** Where simulated conversions are POSTed; empty: none. */
        Optional<String> conversionUrl();

        @WithDefault("6")
        int maxAttempts();

        /** Comments and reactions per piece and simulated hour sent as webhooks (a sample; insights keep the counts). */
        @WithDefault("3")
        int webhookSample();

        /** First retry delay; doubled on each attempt. */
        @WithDefault("1s")
        Duration retryBackoff();

        @WithDefault("5s")
        Duration timeout();
    }
}
