package io.campaignengine.devstack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ports of a profile (CONTRACT.md), each overridable. For key {@code pg} in profile {@code test}, the first of
 * these that is set wins:
 * <ol>
 *   <li>system property {@code -Ddevstack.test.port.pg=...}</li>
 *   <li>environment {@code CE_TEST_PG_PORT}</li>
 *   <li>system property {@code -Ddevstack.port.pg=...}</li>
 *   <li>environment {@code CE_PG_PORT}</li>
 *   <li>the default of the profile</li>
 * </ol>
 * Key {@code kafka-controller} maps to {@code CE_KAFKA_CONTROLLER_PORT} / {@code CE_TEST_KAFKA_CONTROLLER_PORT}.
 */
public final class Ports {
    public static final String PG = "pg";
    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final String CONNECT = "connect";
    public static final String REGISTRY = "registry";
    public static final String REGISTRY_MGMT = "registry-mgmt";
    public static final String S3 = "s3";
    public static final String KEYCLOAK = "keycloak";
    public static final String KEYCLOAK_MGMT = "keycloak-mgmt";
    public static final String GATEWAY = "gateway";

    private static final Object[][] DEFAULTS = {
            // key, run, test
            {PG, 15432, 25432},
            {KAFKA, 9092, 29092},
            {KAFKA_CONTROLLER, 9093, 29093},
            {CONNECT, 8083, 28083},
            {REGISTRY, 8085, 28085},
            {REGISTRY_MGMT, 8086, 28086},
            {S3, 9000, 29000},
            {KEYCLOAK, 8180, 28180},
            {KEYCLOAK_MGMT, 8181, 28181},
            {GATEWAY, 8080, 28080},
    };

    private final Map<String, Integer> ports;
    private final Map<String, String> overriddenBy;

    private Ports(Map<String, Integer> ports, Map<String, String> overriddenBy) {
        this.ports = ports;
        this.overriddenBy = overriddenBy;
    }

    public static Ports defaults(Profile profile) {
        return resolve(profile, Map.of(), Map.of());
    }

    public static Ports resolve(Profile profile, Map<String, String> env, Map<?, ?> sysProps) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, String> by = new LinkedHashMap<>();
        for (Object[] d : DEFAULTS) {
            String key = (String) d[0];
            int def = (Integer) d[profile == Profile.RUN ? 1 : 2];
            String envKey = key.toUpperCase(Locale.ROOT).replace('-', '_');
            String[][] sources = {
                    {"-Ddevstack." + profile.id() + ".port." + key, str(sysProps.get("devstack." + profile.id() + ".port." + key))},
                    {"CE_" + profile.id().toUpperCase(Locale.ROOT) + "_" + envKey + "_PORT",
                            env.get("CE_" + profile.id().toUpperCase(Locale.ROOT) + "_" + envKey + "_PORT")},
                    {"-Ddevstack.port." + key, str(sysProps.get("devstack.port." + key))},
                    {"CE_" + envKey + "_PORT", env.get("CE_" + envKey + "_PORT")},
            };
            int value = def;
            for (String[] s : sources) {
                if (s[1] != null && !s[1].isBlank()) {
                    try {
                        value = Integer.parseInt(s[1].trim());
                    } catch (NumberFormatException e) {
                        throw new UsageException(s[0] + "=" + s[1] + " is not a port number");
                    }
                    if (value != def) {
                        by.put(key, s[0]);
                    }
                    break;
                }
            }
            ports.put(key, value);
        }
        return new Ports(Collections.unmodifiableMap(ports), Collections.unmodifiableMap(by));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    public int get(String key) {
        Integer p = ports.get(key);
        if (p == null) {
            throw new IllegalArgumentException("unknown port key " + key + " (known: " + ports.keySet() + ")");
        }
        return p;
    }

    public Map<String, Integer> all() {
        return ports;
    }

    /** port key -> the setting that overrode its default */
    public Map<String, String> overrides() {
        return overriddenBy;
    }
}
