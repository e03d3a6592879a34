package io.campaignengine.kit.problem;

import java.util.Collection;
import java.util.List;

/**
 * 409: the request conflicts with the current state of the resource (e.g. approving an active campaign).
 * {@code new Conflict("campaign is ACTIVE").currentStatus("ACTIVE").allowedActions(List.of("pause"))}.
 */
public class Conflict extends ProblemException {

    public static final String TYPE = Problems.TYPE_PREFIX + "conflict";

    public Conflict(String detail) {
        super(409, TYPE, "Conflict", detail);
    }

    /** Adds the {@code currentStatus} member. */
    public Conflict currentStatus(Object status) {
        return with("currentStatus", status == null ? null : status.toString());
    }

    /** Adds the {@code allowedActions} member. */
    public Conflict allowedActions(Collection<String> actions) {
        return with("allowedActions", List.copyOf(actions));
    }

    @Override
    public Conflict with(String member, Object value) {
        super.with(member, value);
        return this;
    }
}
