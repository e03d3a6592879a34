package io.campaignengine.kit.problem;

/**
 * 404: the resource does not exist - or is outside the caller's business scope (we do not tell the difference, so
 * ids do not leak).
 */
public class NotFound extends ProblemException {

    public static final String TYPE = Problems.TYPE_PREFIX + "not-found";

    public NotFound(String detail) {
        super(404, TYPE, "Not found", detail);
    }

    /** {@code NotFound.of("campaign", id)}: "campaign 42 not found". */
    public static NotFound of(String kind, Object id) {
        return new NotFound(kind + " " + id + " not found");
    }

    @Override
    public NotFound with(String member, Object value) {
        super.with(member, value);
        return this;
    }
}
