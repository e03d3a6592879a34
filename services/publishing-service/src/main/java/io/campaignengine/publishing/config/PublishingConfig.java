package io.campaignengine.publishing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything publishing-service can be tuned with (prefix {@code campaign-engine.publishing}); defaults in the README. */
@ConfigMapping(prefix = "campaign-engine.publishing")
public interface PublishingConfig {

    Meta meta();

    Tokens tokens();

    Scheduler scheduler();

    interface Meta {
        /** Base of the Graph API: https://graph.facebook.com, or the sandbox. */
        String graphUrl();

        /** Base of the OAuth dialog: https://www.facebook.com, or the sandbox. */
        String dialogUrl();

        @WithDefault("v21.0")
        String apiVersion();

        String appId();

        String appSecret();

        String redirectUri();

        Optional<String> afterConnectUrl();

        @WithDefault("pages_show_list,pages_read_engagement,pages_manage_posts,read_insights,instagram_basic,instagram_content_publish,instagram_manage_insights,ads_management,ads_read,business_management")
        List<String> scopes();

        /** How long a connect-meta state may wait for its callback. */
        @WithDefault("PT10M")
        Duration stateTtl();

        /** Long-lived tokens are re-exchanged this long before they expire. */
        @WithDefault("P7D")
        Duration refreshBefore();

        @WithDefault("PT1H")
        Duration refreshCheckInterval();

        @WithDefault("PT20S")
        Duration timeout();
    }

    interface Tokens {
        /** base64 of 32 random bytes (AES-256). */
        String key();

        String keyId();

        /** Older keys still readable: {@code id:base64,...}. */
        Optional<List<String>> previousKeys();
    }

    interface Scheduler {
        @WithDefault("true")
        boolean enabled();

        /** How often due posts are claimed: the floor of the lag from a post's slot to its publication. */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** Posts claimed per poll and instance. */
        @WithDefault("20")
        int batchSize();

        /** Posts of a batch published at once (each on its own Vert.x context). */
        @WithDefault("8")
        int concurrency();

        /** A claimed post not finished within this is taken again (crash of an instance). */
        @WithDefault("PT2M")
        Duration lease();

        /** Local posting times (business time zone) per platform. */
        @WithDefault("FACEBOOK=09:00;13:00;19:00,INSTAGRAM=11:00;17:00;20:00")
        String bestTimes();

        /** Organic posts per platform, campaign and local day. */
        @WithDefault("FACEBOOK=3,INSTAGRAM=3")
        String dailyCaps();

        /** Earliest slot after now (gives a person time to look at the schedule). */
        @WithDefault("PT30M")
        Duration minLead();

        @WithDefault("5")
        int maxAttempts();

        @WithDefault("PT30S")
        Duration initialBackoff();

        @WithDefault("PT30M")
        Duration maxBackoff();

        /** How often an Instagram container's status is polled until FINISHED. */
        @WithDefault("PT5S")
        Duration instagramPoll();

        /** Usage (percent of a Meta limit) from which calls are spaced out; at 100 they stop until access is regained. */
        @WithDefault("75")
        int slowDownAt();

        /** Pause per call at 100% usage (linear from slowDownAt). */
        @WithDefault("PT60S")
        Duration maxPace();

        /**
         * The window Meta's usage percentages cover (a rolling hour). Near a limit the spacing never spends the headroom
         * left in less than this. A sandbox whose clock runs faster needs it scaled alike (the benchmark does so).
         */
        @WithDefault("PT1H")
        Duration usageWindow();

        /** Longest a throttled key waits at once (Meta's estimated_time_to_regain_access is honoured up to this). */
        @WithDefault("PT1H")
        Duration maxBlock();

        /** Countries for ad targeting when the campaign names none. */
        @WithDefault("US")
        List<String> defaultCountries();
    }

    static Map<String, String> pairs(String spec) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int i = part.indexOf('=');
            if (i > 0) out.put(part.substring(0, i).trim().toUpperCase(), part.substring(i + 1).trim());
        }
        return out;
    }
}
