package io.campaignengine.devstack.keycloak;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running test stack's {@code .devstack/test/stack.env} (written by {@code bin/devstack up --profile test}).
 * With {@code -Dcampaign-engine.devstack=test} (bin/test-all) a missing stack fails the tests; otherwise they are skipped.
 */
final class KeycloakStackEnv {
    private static Map<String, String> env;

    private KeycloakStackEnv() {
    }

    /** The repository root (system property devstack.root, set by the surefire configuration, or found upwards). */
    static Path root() {
        String r = System.getProperty("devstack.root");
        Path p = (r == null || r.isBlank() || r.contains("${")) ? Path.of("").toAbsolutePath() : Path.of(r);
        for (Path x = p; x != null; x = x.getParent()) {
            if (Files.isDirectory(x.resolve("libs/devstack")) && Files.isRegularFile(x.resolve("pom.xml"))) {
                return x;
            }
        }
        return p;
    }

    static synchronized String get(String key) {
        if (env == null) {
            env = load();
        }
        String v = env.get(key);
        if (v == null) {
            throw new IllegalStateException(key + " is not in .devstack/test/stack.env");
        }
        return v;
    }

    private static Map<String, String> load() {
        Path f = root().resolve(".devstack/test/stack.env");
        boolean required = "test".equals(System.getProperty("campaign-engine.devstack"));
        if (!Files.isRegularFile(f)) {
            if (required) {
                throw new IllegalStateException(f + " is missing: the test stack is not up (bin/devstack up --profile test)");
            }
            Assumptions.abort("no test stack (" + f + "); run `bin/devstack up --profile test` or `make test`");
        }
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(f)) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }
}
