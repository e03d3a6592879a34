package io.campaignengine.kit.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error that becomes an RFC 7807 {@code application/problem+json} response with this status, type, title and
 * detail (the detail is shown to the client: write it for them). Extra members ({@link #with(String, Object)})
 * are added to the problem object. Throw a subclass: {@link NotFound}, {@link Conflict}, {@link ValidationProblem},
 * {@link Forbidden}, or this class for any other status.
 *
 * <p>No stack trace is captured: these are expected outcomes, not bugs.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.type = Objects.requireNonNullElse(type, Problems.ABOUT_BLANK);
        this.title = Objects.requireNonNullElseGet(title, () -> Problems.reasonPhrase(status));
    }

    /** A problem with this status and detail, type {@code about:blank} and the status' reason phrase as title. */
    public ProblemException(int status, String detail) {
        this(status, null, null, detail);
    }

    /**
     * Adds an extension member to the problem object (e.g. {@code currentStatus}). Names of the standard members
     * ({@code type, title, status, detail, instance, correlationId, errors}) are refused.
     */
    public ProblemException with(String member, Object value) {
        if (Problems.RESERVED_MEMBERS.contains(member)) {
            throw new IllegalArgumentException("'" + member + "' is a standard member of a problem");
        }
        extensions.put(member, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Field errors (empty unless a validation problem). */
    public List<FieldError> errors() {
        return List.of();
    }

    public Map<String, Object> extensions() {
        return Collections.unmodifiableMap(extensions);
    }
}
