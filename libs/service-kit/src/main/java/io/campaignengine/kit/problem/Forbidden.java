package io.campaignengine.kit.problem;

/** 403: the caller is known but may not do this (e.g. a viewer trying to approve). */
public class Forbidden extends ProblemException {

    public static final String TYPE = Problems.TYPE_PREFIX + "forbidden";

    public Forbidden(String detail) {
        super(403, TYPE, "Forbidden", detail);
    }

    @Override
    public Forbidden with(String member, Object value) {
        super.with(member, value);
        return this;
    }
}
