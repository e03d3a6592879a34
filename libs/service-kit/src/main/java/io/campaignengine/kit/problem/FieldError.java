package io.campaignengine.kit.problem;

/**
 * One offending field of a 400 problem: {@code field} is the JSON property path of the request
 * ({@code budget.amount}, {@code items[2].name}), or the query/path parameter name.
 */
public record FieldError(String field, String message) {
}
