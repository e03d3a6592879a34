package io.campaignengine.kit.support;

/** Where the real test infrastructure of `make test` (libs/devstack --profile test) listens. */
public final class TestStack {

    public static final String KAFKA = env("CE_KAFKA_BOOTSTRAP", "127.0.0.1:29092");
    public static final String REGISTRY = env("CE_REGISTRY_URL", "http://127.0.0.1:28085/apis/registry/v3");
    public static final String PG_HOST = env("CE_PG_HOST", "127.0.0.1");
    public static final int PG_PORT = Integer.parseInt(env("CE_PG_PORT", "25432"));
    public static final String DATABASE = "playbook";

    /** The test app's topic (not in the catalog: no service reads it) and its dead-letter topic. */
    public static final String TOPIC = "kittest.events";
    public static final String DLQ = TOPIC + ".dlq";

    private TestStack() {
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
