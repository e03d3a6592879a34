package io.campaignengine.publishing.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What Meta's usage headers say about how close the app is to a limit: {@code X-App-Usage}
 * ({@code {"call_count":n,"total_cputime":n,"total_time":n}}, percent), {@code X-Business-Use-Case-Usage}
 * ({@code {"<id>":[{"type":..,"call_count":n,"total_cputime":n,"total_time":n,"estimated_time_to_regain_access":minutes}]}})
 * and {@code X-Ad-Account-Usage} ({@code {"acc_id_util_pct":n,"reset_time_duration":seconds}}).
 *
 * @param appPercent      highest figure of X-App-Usage, -1 when absent
 * @param businessPercent highest figure of the business-use-case / ad account headers, -1 when absent
 * @param regainMinutes   highest estimated_time_to_regain_access (or reset_time_duration), 0 when none
 */
public record Usage(int appPercent, int businessPercent, int regainMinutes) {
    public static final Usage NONE = new Usage(-1, -1, 0);

    public int maxPercent() {
        return Math.max(appPercent, businessPercent);
    }

    public static Usage parse(ObjectMapper mapper, String appUsage, String bucUsage, String adAccountUsage) {
        int app = -1, buc = -1, regain = 0;
        JsonNode a = read(mapper, appUsage);
        if (a != null) app = maxOf(a);
        JsonNode b = read(mapper, bucUsage);
        if (b != null && b.isObject()) {
            for (JsonNode list : b) {
                for (JsonNode e : list) {
                    buc = Math.max(buc, maxOf(e));
                    regain = Math.max(regain, e.path("estimated_time_to_regain_access").asInt(0));
                }
            }
        }
        JsonNode c = read(mapper, adAccountUsage);
        if (c != null) {
            buc = Math.max(buc, c.path("acc_id_util_pct").asInt(-1));
            int reset = c.path("reset_time_duration").asInt(0);
            if (reset > 0) regain = Math.max(regain, (reset + 59) / 60);
        }
        return app < 0 && buc < 0 && regain == 0 ? NONE : new Usage(app, buc, regain);
    }

    private static int maxOf(JsonNode n) {
        int m = -1;
        for (String f : new String[]{"call_count", "total_cputime", "total_time"}) {
            if (n.has(f)) m = Math.max(m, n.path(f).asInt(0));
        }
        return m;
    }

    private static JsonNode read(ObjectMapper mapper, String header) {
        if (header == null || header.isBlank()) return null;
        try {
            return mapper.readTree(header);
        } catch (Exception e) {
            return null; // a malformed header says nothing
        }
    }
}
