package io.campaignengine.devstack.components;

import java.util.Map;

/** Test access to package-private helpers. */
public final class ServiceComponentAccess {
    private ServiceComponentAccess() {
    }

    public static String resolve(String value, Map<String, String> env) {
        return ServiceComponent.resolve(value, env);
    }
}
