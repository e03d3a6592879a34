package io.campaignengine.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.kit.correlation.CorrelationContext;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds RFC 7807 problem objects and responses. Members, in order: {@code type, title, status, detail, instance,
 * correlationId}, then {@code errors} (validation problems only) and any extension members.
 */
public final class Problems {

    /** The media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Prefix of our problem type URIs (URNs: stable identifiers, not pages). */
    public static final String TYPE_PREFIX = "urn:campaign-engine:problem:";
    public static final String ABOUT_BLANK = "about:blank";
    public static final String TYPE_MALFORMED = TYPE_PREFIX + "malformed-request";
    public static final String TYPE_UNAUTHORIZED = TYPE_PREFIX + "unauthorized";
    public static final String TYPE_INTERNAL = TYPE_PREFIX + "internal-error";

    static final Set<String> RESERVED_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "correlationId", "errors");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** The problem object as an ordered map. {@code errors} is omitted when null. */
    public static Map<String, Object> body(int status, String type, String title, String detail, String instance,
            String correlationId, List<FieldError> errors, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type == null ? ABOUT_BLANK : type);
        body.put("title", title == null ? reasonPhrase(status) : title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("correlationId", correlationId);
        if (errors != null) {
            body.put("errors", errors.stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", e.field());
                m.put("message", e.message());
                return m;
            }).toList());
        }
        if (extensions != null) {
            extensions.forEach((k, v) -> {
                if (!RESERVED_MEMBERS.contains(k)) {
                    body.put(k, v);
                }
            });
        }
        return body;
    }

    /** The problem object of a {@link ProblemException}. */
    public static Map<String, Object> body(ProblemException e, String instance) {
        List<FieldError> errors = e.errors().isEmpty() && !(e instanceof ValidationProblem) ? null : e.errors();
        return body(e.status(), e.type(), e.title(), e.detail(), instance, currentCorrelationId(), errors, e.extensions());
    }

    /** A response carrying the problem object, {@code Content-Type: application/problem+json}. */
    public static Response response(Map<String, Object> body) {
        int status = (Integer) body.get("status");
        return Response.status(status).type(MEDIA_TYPE).entity(toJson(body)).build();
    }

    /** The problem object serialized (Jackson; a minimal hand-written object should that ever fail). */
    public static String toJson(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return "{\"type\":\"" + TYPE_INTERNAL + "\",\"title\":\"Internal server error\",\"status\":"
                    + body.get("status") + "}";
        }
    }

    /** The correlation id of the current request/event, or null. */
    public static String currentCorrelationId() {
        return CorrelationContext.correlationId().orElse(null);
    }

    /** The standard reason phrase of a status ("Unsupported Media Type"), or "Error". */
    public static String reasonPhrase(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        if (s != null) {
            return s.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }
}
