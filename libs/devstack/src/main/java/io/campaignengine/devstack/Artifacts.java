package io.campaignengine.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Files resolved by Maven when libs/devstack is built (nothing is downloaded at run time):
 * <ul>
 *   <li>{@code libs/devstack/dist-archives/target/artifacts.txt}: archives (PostgreSQL binaries, S3Proxy, Apicurio,
 *       Keycloak) — look up with {@link #archive(String)} by artifactId</li>
 *   <li>{@code libs/devstack/dist-kafka/target/classpath.txt}: the Kafka broker classpath</li>
 *   <li>{@code libs/devstack/dist-connect/target/classpath.txt}: Kafka Connect + Debezium PostgreSQL connector</li>
 * </ul>
 * All paths point into the local Maven repository (~/.m2), so a warm build copies nothing.
 */
public final class Artifacts {
    private final Path devstackDir;

    public Artifacts(Path repoRoot) {
        this.devstackDir = repoRoot.resolve("libs/devstack");
    }

    private static final String REBUILD = "build libs/devstack: ./mvnw -B -ntp install -DskipTests -pl libs/devstack -am";

    /** The archive whose file name is {@code <artifactId>-<version>[-classifier].<ext>}, e.g. archive("keycloak-quarkus-dist"). */
    public Path archive(String artifactId) {
        for (Path p : paths(devstackDir.resolve("dist-archives/target/artifacts.txt"))) {
            String n = p.getFileName().toString();
            if (n.startsWith(artifactId + "-") && Character.isDigit(n.charAt(artifactId.length() + 1))) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalStateException("artifact " + p + " is listed but missing; " + REBUILD);
                }
                return p;
            }
        }
        throw new IllegalStateException("artifact " + artifactId + " is not in dist-archives/target/artifacts.txt; add it to "
                + "libs/devstack/dist-archives/pom.xml and " + REBUILD);
    }

    public String kafkaClasspath() {
        return classpath("dist-kafka");
    }

    public String connectClasspath() {
        return classpath("dist-connect");
    }

    private String classpath(String module) {
        List<Path> paths = paths(devstackDir.resolve(module + "/target/classpath.txt"));
        List<String> missing = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isRegularFile(p)) {
                missing.add(p.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing jars of " + module + " " + missing + "; " + REBUILD);
        }
        return String.join(":", paths.stream().map(Path::toString).toList());
    }

    private static List<Path> paths(Path listFile) {
        if (!Files.isRegularFile(listFile)) {
            throw new IllegalStateException(listFile + " does not exist; " + REBUILD);
        }
        try {
            String s = Files.readString(listFile).trim();
            return Arrays.stream(s.split("[:\\n]")).map(String::trim).filter(x -> !x.isEmpty()).map(Path::of).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + listFile + ": " + e, e);
        }
    }
}
