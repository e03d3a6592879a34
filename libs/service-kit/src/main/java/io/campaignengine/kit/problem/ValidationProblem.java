package io.campaignengine.kit.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * 400 with field errors, for checks Bean Validation cannot express:
 * {@code throw ValidationProblem.of("budget.amount", "must not exceed the business' monthly cap")}, or collect
 * several with {@link #and(String, String)}.
 */
public class ValidationProblem extends ProblemException {

    public static final String TYPE = Problems.TYPE_PREFIX + "validation";
    public static final String TITLE = "Validation failed";

    private final List<FieldError> errors = new ArrayList<>();

    public ValidationProblem(String detail, List<FieldError> errors) {
        super(400, TYPE, TITLE, detail);
        this.errors.addAll(errors);
    }

    /** One bad field; the detail names it. */
    public static ValidationProblem of(String field, String message) {
        return new ValidationProblem("Invalid value for " + field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** Adds another bad field. */
    public ValidationProblem and(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    @Override
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    @Override
    public ValidationProblem with(String member, Object value) {
        super.with(member, value);
        return this;
    }
}
