package io.campaignengine.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Every error of a REST endpoint as RFC 7807 {@code application/problem+json}:
 * <ul>
 * <li>{@link ProblemException} (NotFound, Conflict, ValidationProblem, Forbidden, ...) as it says;</li>
 * <li>Bean Validation violations on parameters/bodies: 400 {@code errors: [{field, message}]}, field = JSON path;</li>
 * <li>unreadable bodies (malformed JSON, wrong types, unknown enum values): 400, naming the field when Jackson knows it;</li>
 * <li>JAX-RS errors (unknown route 404, 405, 406, 413, 415 ...) keep their status;</li>
 * <li>missing/invalid credentials 401 (with {@code WWW-Authenticate: Bearer}), missing role 403;</li>
 * <li>anything else: 500 with a generic detail and the correlation id; the exception is logged, never sent.</li>
 * </ul>
 * Priorities are set so that these mappers win over the built-in ones of Quarkus REST, Jackson and Hibernate
 * Validator. Authentication failures that happen before Quarkus REST runs (proactive authentication with a bad token)
 * are turned into the same problem by {@link AuthFailureHandler}.
 */
@ApplicationScoped
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Lower value = higher priority; the built-in mappers use the default (Priorities.USER = 5000). */
    static final int PRIORITY = 100;

    private final FieldPaths fieldPaths;

    public ProblemMappers(ObjectMapper mapper) {
        this.fieldPaths = new FieldPaths(mapper);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response problem(ProblemException e, HttpServerRequest request) {
        return Problems.response(Problems.body(e, path(request)));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response constraintViolations(ConstraintViolationException e, HttpServerRequest request, ResourceInfo resource) {
        boolean returnValue = e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue);
        if (returnValue) {
            // the server produced an invalid response: a bug, not the client's fault
            return unexpected(e, request);
        }
        Method method = resource == null ? null : resource.getResourceMethod();
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldPaths.of(v, method), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return validation(errors, request);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unreadableBody(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof InvalidDefinitionException) {
            // a type Jackson cannot (de)serialize at all: a server bug
            return unexpected(e, request);
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof StreamReadException) && !mapping.getPath().isEmpty()) {
            String field = FieldPaths.of(mapping);
            return validation(List.of(new FieldError(field, mappingMessage(mapping))), request);
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        Map<String, Object> body = Problems.body(400, Problems.TYPE_MALFORMED, "Malformed request body",
                "The request body is not valid JSON" + where + ".", path(request), Problems.currentCorrelationId(),
                List.of(new FieldError("body", "malformed JSON" + where)), null);
        return Problems.response(body);
    }

    /** Same as {@link #unreadableBody}; declared for the exact type so that it wins over Quarkus' built-in mapper. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return unreadableBody(e, request);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response webApplication(WebApplicationException e, HttpServerRequest request, ResourceInfo resource) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadableBody(json, request);
        }
        if (cause instanceof ConstraintViolationException violations) {
            return constraintViolations(violations, request, resource);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        String detail = switch (status) {
            case 400 -> "The request could not be understood.";
            case 401 -> "Authentication is required.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "There is nothing at " + path(request) + ".";
            case 405 -> "Method " + request.method().name() + " is not allowed on " + path(request) + ".";
            case 406 -> "None of the acceptable media types can be produced.";
            case 413 -> "The request body is too large.";
            case 415 -> "Unsupported media type " + contentType(request) + ".";
            default -> Problems.reasonPhrase(status) + ".";
        };
        String type = switch (status) {
            case 401 -> Problems.TYPE_UNAUTHORIZED;
            case 403 -> Forbidden.TYPE;
            case 404 -> NotFound.TYPE;
            default -> Problems.ABOUT_BLANK;
        };
        Response.ResponseBuilder response = Response.fromResponse(Problems.response(Problems.body(status, type, null, detail,
                path(request), Problems.currentCorrelationId(), null, null)));
        if (e instanceof NotAllowedException && e.getResponse() != null && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = PRIORITY, value = { UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthorized(RuntimeException e, HttpServerRequest request) {
        return unauthorizedResponse(path(request));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problems.response(Problems.body(403, Forbidden.TYPE, "Forbidden", "You are not allowed to do this.",
                path(request), Problems.currentCorrelationId(), null, null));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        ProblemException wrapped = find(e, ProblemException.class);
        if (wrapped != null) {
            return problem(wrapped, request);
        }
        String correlationId = Problems.currentCorrelationId();
        LOG.errorf(e, "Unhandled error on %s %s (correlationId=%s)", request == null ? "?" : request.method().name(),
                path(request), correlationId);
        return Problems.response(Problems.body(500, Problems.TYPE_INTERNAL, "Internal server error",
                "An unexpected error occurred. Please quote the correlation id " + correlationId + " when reporting it.",
                path(request), correlationId, null, null));
    }

    /** The 401 response (also used outside Quarkus REST, see {@link AuthFailureHandler}). */
    static Response unauthorizedResponse(String instance) {
        return Response.fromResponse(Problems.response(Problems.body(401, Problems.TYPE_UNAUTHORIZED, "Unauthorized",
                "A valid bearer token is required.", instance, Problems.currentCorrelationId(), null, null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response validation(List<FieldError> errors, HttpServerRequest request) {
        String detail = errors.size() == 1
                ? "Invalid value for " + errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid: " + String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
        return Problems.response(Problems.body(400, ValidationProblem.TYPE, ValidationProblem.TITLE, detail, path(request),
                Problems.currentCorrelationId(), errors, null));
    }

    private static String mappingMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown property";
        }
        if (e instanceof InvalidFormatException f) {
            return "invalid value '" + f.getValue() + "'" + expected(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return "wrong type" + expected(m.getTargetType());
        }
        String message = e.getOriginalMessage();
        return message == null ? "invalid value" : message.lines().findFirst().orElse("invalid value");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return ", expected one of " + List.of(constants);
        }
        String name = switch (type.getName()) {
            case "int", "long", "short", "byte", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
                    "java.math.BigInteger" -> "an integer";
            case "double", "float", "java.lang.Double", "java.lang.Float", "java.math.BigDecimal" -> "a number";
            case "boolean", "java.lang.Boolean" -> "true or false";
            case "java.lang.String" -> "a string";
            case "java.util.UUID" -> "a UUID";
            case "java.time.Instant", "java.time.OffsetDateTime", "java.time.ZonedDateTime" -> "an ISO-8601 date-time";
            case "java.time.LocalDate" -> "an ISO-8601 date (yyyy-mm-dd)";
            default -> java.util.Collection.class.isAssignableFrom(type) || type.isArray() ? "an array" : "an object";
        };
        return ", expected " + name;
    }

    private static boolean isReturnValue(ConstraintViolation<?> v) {
        return StreamSupport.stream(v.getPropertyPath().spliterator(), false)
                .map(Path.Node::getKind)
                .anyMatch(k -> k == ElementKind.RETURN_VALUE);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String contentType(HttpServerRequest request) {
        String ct = request == null ? null : request.getHeader(HttpHeaders.CONTENT_TYPE);
        return ct == null ? "(none)" : ct;
    }

    static String path(HttpServerRequest request) {
        return request == null ? null : request.path();
    }
}
