package io.campaignengine.playbook.service;

import io.campaignengine.kit.problem.Conflict;
import io.campaignengine.kit.problem.FieldError;
import io.campaignengine.kit.problem.Forbidden;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.problem.ProblemException;
import io.campaignengine.kit.problem.ValidationProblem;

import java.util.List;
import java.util.Map;

/** The problems (RFC 7807, mapped by service-kit) this service reports. */
public final class ApiProblem {
    private ApiProblem() {
    }

    /** 404 — also what another business's resources look like (ids do not leak). */
    public static NotFound notFound(String entity, Object id) {
        return NotFound.of(entity, id);
    }

    /** 409 for an action the current status does not allow; names the current status and the allowed actions. */
    public static Conflict invalidTransition(String entity, Object id, String action, String currentStatus, List<String> allowedActions) {
        Conflict c = new Conflict("cannot " + action + " " + entity + " " + id + " in status '" + currentStatus + "'; allowed actions: "
                + (allowedActions.isEmpty() ? "none" : String.join(", ", allowedActions)))
                .currentStatus(currentStatus)
                .allowedActions(allowedActions);
        c.with("action", action);
        return c;
    }

    public static Conflict conflict(String detail, Map<String, Object> extensions) {
        Conflict c = new Conflict(detail);
        extensions.forEach(c::with);
        return c;
    }

    public static Forbidden forbidden(String detail) {
        return new Forbidden(detail);
    }

    /** 400 naming the offending fields. */
    public static ValidationProblem invalid(List<FieldError> errors) {
        String detail = "Invalid request: " + errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid");
        return new ValidationProblem(detail, errors);
    }

    public static ValidationProblem invalid(String field, String message) {
        return ValidationProblem.of(field, message);
    }

    /** Whether {@code e} is a problem with this HTTP status. */
    public static boolean is(Throwable e, int status) {
        return e instanceof ProblemException p && p.status() == status;
    }
}
