package io.campaignengine.devstack;

import java.util.Locale;

/** `run` (make run) and `test` (make test) use different ports and data directories so both can coexist. */
public enum Profile {
    RUN, TEST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String s) {
        for (Profile p : values()) {
            if (p.id().equals(s)) {
                return p;
            }
        }
        throw new UsageException("unknown profile '" + s + "' (expected run or test)");
    }
}
