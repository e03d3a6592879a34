package io.campaignengine.devstack.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running test stack is: {@code .devstack/test/stack.env} (written by {@code bin/devstack up --profile test}).
 * bin/test-all starts the stack and passes {@code -Dcampaign-engine.devstack=test}: then a missing stack FAILS the
 * tests. Without that property (a plain {@code mvn test}) they are skipped when no stack.env exists.
 */
public final class TestStack {
    private static Map<String, String> env;

    private TestStack() {
    }

    public static Path root() {
        String r = System.getProperty("devstack.root");
        Path p = (r == null || r.isBlank() || r.contains("${")) ? Path.of("").toAbsolutePath() : Path.of(r);
        for (Path x = p; x != null; x = x.getParent()) {
            if (Files.isDirectory(x.resolve("libs/devstack")) && Files.isRegularFile(x.resolve("pom.xml"))) {
                return x;
            }
        }
        return p;
    }

    static synchronized Map<String, String> env() {
        if (env != null) {
            return env;
        }
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
                if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                    m.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        env = m;
        return m;
    }

    public static String get(String key) {
        String v = env().get(key);
        if (v == null) {
            throw new IllegalStateException(key + " is not in .devstack/test/stack.env");
        }
        return v;
    }

    static String jdbcUrl(String db) {
        return "jdbc:postgresql://" + get("CE_PG_HOST") + ":" + get("CE_PG_PORT") + "/" + db;
    }
}
