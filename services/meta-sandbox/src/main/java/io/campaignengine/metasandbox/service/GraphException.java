package io.campaignengine.metasandbox.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Graph API error, rendered as Meta's envelope {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}.
 * The factories carry Meta's real codes, types and wording.
 */
public class GraphException extends RuntimeException {

    public final int status;
    public final String type;
    public final int code;
    public final Integer subcode;
    public final String userTitle;
    public final String userMsg;
    public final boolean transientError;
    /** Extra response headers (usage headers are added by the resource). */
    public final Map<String, String> headers = new LinkedHashMap<>();

    public GraphException(int status, String type, int code, Integer subcode, String message) {
        this(status, type, code, subcode, message, null, null, false);
    }

    public GraphException(int status, String type, int code, Integer subcode, String message,
                          String userTitle, String userMsg, boolean transientError) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.subcode = subcode;
        this.userTitle = userTitle;
        this.userMsg = userMsg;
        this.transientError = transientError;
    }

    public static final String OAUTH = "OAuthException";

    // ---------------------------------------------------------------- tokens

    public static GraphException noToken() {
        return new GraphException(400, OAUTH, 104, null, "An access token is required to request this resource.");
    }

    public static GraphException unparsableToken() {
        return withAuthenticate(new GraphException(400, OAUTH, 190, null,
                "Invalid OAuth access token - Cannot parse access token"));
    }

    public static GraphException expiredToken(String expiredOn, String now) {
        return withAuthenticate(new GraphException(400, OAUTH, 190, 463,
                "Error validating access token: Session has expired on " + expiredOn + ". The current time is " + now + "."));
    }

    public static GraphException invalidatedToken(int subcode) {
        String msg = switch (subcode) {
            case 460 -> "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.";
            case 458 -> "Error validating access token: The user has not authorized application.";
            default -> "Error validating access token: The session is invalid because the user logged out.";
        };
        return withAuthenticate(new GraphException(400, OAUTH, 190, subcode, msg));
    }

    private static GraphException withAuthenticate(GraphException e) {
        e.headers.put("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \"" + e.getMessage().replace("\"", "'") + "\"");
        return e;
    }

    // ---------------------------------------------------------------- permissions

    public static GraphException permission10() {
        return new GraphException(403, OAUTH, 10, null, "(#10) Application does not have permission for this action");
    }

    public static GraphException permission200(String message) {
        return new GraphException(403, OAUTH, 200, null, "(#200) " + message);
    }

    // ---------------------------------------------------------------- throttling

    public static GraphException appLimit() {
        return new GraphException(400, OAUTH, 4, null, "(#4) Application request limit reached", null, null, true);
    }

    public static GraphException userLimit() {
        return new GraphException(400, OAUTH, 17, null, "(#17) User request limit reached", null, null, true);
    }

    public static GraphException pageLimit() {
        return new GraphException(400, OAUTH, 32, null,
                "(#32) Page request limit reached", null, null, true);
    }

    public static GraphException apiLimit613() {
        return new GraphException(400, OAUTH, 613, null, "(#613) Calls to this api have exceeded the rate limit.", null, null, true);
    }

    public static GraphException adAccountLimit() {
        return new GraphException(400, OAUTH, 80004, 2446079,
                "There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.",
                null, null, true);
    }

    // ---------------------------------------------------------------- requests

    public static GraphException param(String message) {
        return new GraphException(400, OAUTH, 100, null, "(#100) " + message);
    }

    public static GraphException invalidParameter(Integer subcode, String userTitle, String userMsg) {
        return new GraphException(400, OAUTH, 100, subcode, "Invalid parameter", userTitle, userMsg, false);
    }

    public static GraphException unsupported(String method, String id) {
        return new GraphException(400, "GraphMethodException", 100, 33,
                "Unsupported " + method.toLowerCase() + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api");
    }

    public static GraphException unknownPath(String rest) {
        return new GraphException(400, OAUTH, 2500, null, "Unknown path components: /" + rest);
    }

    public static GraphException nonexistingField(String field, String nodeType) {
        return new GraphException(400, OAUTH, 100, null,
                "(#100) Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")");
    }

    /** A generic error for the test control (any code). */
    public static GraphException forced(int status, String type, int code, Integer subcode, String message) {
        boolean trans = code == 1 || code == 2 || code == 4 || code == 17 || code == 32 || code == 613 || code == 80004;
        return new GraphException(status, type, code, subcode, message, null, null, trans);
    }

    public static String defaultMessage(int code) {
        return switch (code) {
            case 1 -> "An unknown error occurred";
            case 2 -> "An unexpected error has occurred. Please retry your request later.";
            case 4 -> "(#4) Application request limit reached";
            case 10 -> "(#10) Application does not have permission for this action";
            case 17 -> "(#17) User request limit reached";
            case 32 -> "(#32) Page request limit reached";
            case 100 -> "(#100) Invalid parameter";
            case 190 -> "Error validating access token: The session is invalid because the user logged out.";
            case 200 -> "(#200) Permissions error";
            case 368 -> "(#368) The action attempted has been deemed abusive or is otherwise disallowed";
            case 613 -> "(#613) Calls to this api have exceeded the rate limit.";
            case 80004 -> "There have been too many calls to this ad-account. Wait a bit and try again.";
            default -> "(#" + code + ") Sandbox forced error";
        };
    }

    public static int defaultStatus(int code) {
        return switch (code) {
            case 10, 200 -> 403;
            case 1, 2 -> 500;
            default -> 400;
        };
    }
}
