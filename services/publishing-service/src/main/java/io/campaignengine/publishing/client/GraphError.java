package io.campaignengine.publishing.client;

/**
 * A Graph API error ({@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}), or a transport failure
 * (code -1). Classified the way Meta documents its codes: throttling (4, 17, 32, 613, 80000-80014, and Instagram's
 * publishing limit 9/2207042) is retried after a back-off, an invalid token (190, 102) or a missing permission (10,
 * 200-299) is permanent, service errors (1, 2, is_transient, HTTP 5xx, network) are retried.
 */
public class GraphError extends RuntimeException {
    public final int httpStatus;
    public final int code;
    public final Integer subcode;
    public final String type;
    public final String fbtraceId;
    public final boolean transientFlag;
    public final String userMessage;
    /** From the usage headers of the failed call (minutes), 0 when unknown. */
    public final int regainMinutes;

    public GraphError(int httpStatus, int code, Integer subcode, String type, String message, String userMessage, String fbtraceId,
                      boolean transientFlag, int regainMinutes) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.subcode = subcode;
        this.type = type;
        this.fbtraceId = fbtraceId;
        this.transientFlag = transientFlag;
        this.userMessage = userMessage;
        this.regainMinutes = regainMinutes;
    }

    public static GraphError transport(String message) {
        return new GraphError(0, -1, null, "Transport", message, null, null, true, 0);
    }

    public boolean throttled() {
        return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014)
                || (code == 9 && subcode != null && subcode == 2207042);
    }

    public boolean invalidToken() {
        return code == 190 || code == 102;
    }

    public boolean permission() {
        return code == 10 || (code >= 200 && code <= 299);
    }

    public boolean retryable() {
        if (throttled()) return true;
        if (invalidToken() || permission()) return false;
        return code == -1 || code == 1 || code == 2 || transientFlag || httpStatus >= 500;
    }

    /** Short text for people: Meta's user message when there is one. */
    public String readable() {
        String base = invalidToken() ? "the Meta connection is no longer valid (reconnect Meta): "
                : permission() ? "a Meta permission is missing: " : throttled() ? "Meta rate limit: " : "";
        return base + (userMessage != null ? userMessage + " (" + getMessage() + ")" : getMessage());
    }

    public String codeText() {
        return code < 0 ? "network" : subcode == null ? Integer.toString(code) : code + "/" + subcode;
    }
}
