package io.campaignengine.events;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A schemas/ tree (the current one or schemas/baseline) parsed the way avro-maven-plugin does it:
 * envelope.avsc, then common/, then every aggregate folder, with one parser so named types are shared.
 * Event schemas are the files directly in an aggregate folder (everything but common/ and baseline/).
 */
final class SchemaDirectory {

    static final String COMMON = "common";
    static final String BASELINE = "baseline";
    private static final Set<String> NOT_AGGREGATES = Set.of(COMMON, BASELINE);

    /** Event schemas by full name. */
    final Map<String, Schema> events;
    /** Every named schema (envelope, common types, events and their inline types) by full name. */
    final Map<String, Schema> named;
    /** Event file (relative path) by event full name. */
    final Map<String, Path> eventFiles;
    /** Folder the tree was read from. */
    final Path root;

    private SchemaDirectory(Path root, Map<String, Schema> events, Map<String, Schema> named, Map<String, Path> eventFiles) {
        this.root = root;
        this.events = events;
        this.named = named;
        this.eventFiles = eventFiles;
    }

    /** The repository's schemas/ folder (system property campaignengine.schemas.dir, set by the pom). */
    static Path currentDir() {
        Path dir = Paths.get(System.getProperty("campaignengine.schemas.dir", "../../schemas")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("envelope.avsc"))) {
            throw new IllegalStateException("schemas folder not found at " + dir);
        }
        return dir;
    }

    static Path baselineDir() {
        return currentDir().resolve(BASELINE);
    }

    static SchemaDirectory current() {
        return read(currentDir());
    }

    static SchemaDirectory baseline() {
        return read(baselineDir());
    }

    static SchemaDirectory read(Path root) {
        try {
            SchemaParser parser = new SchemaParser();
            parser.parse(root.resolve("envelope.avsc"));
            for (Path p : avscFiles(root.resolve(COMMON))) {
                parser.parse(p);
            }
            Map<String, Path> eventFiles = new TreeMap<>();
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    if (NOT_AGGREGATES.contains(dir.getFileName().toString())) {
                        continue;
                    }
                    for (Path p : avscFiles(dir)) {
                        Schema main = parser.parse(p).mainSchema();
                        if (main == null || main.getFullName() == null) {
                            throw new IllegalStateException(p + " does not define a named schema");
                        }
                        if (eventFiles.put(main.getFullName(), root.relativize(p)) != null) {
                            throw new IllegalStateException("event " + main.getFullName() + " defined twice under " + root);
                        }
                    }
                }
            }
            Map<String, Schema> named = new LinkedHashMap<>();
            for (Schema s : parser.getParsedNamedSchemas()) {
                named.put(s.getFullName(), s);
            }
            Map<String, Schema> events = new TreeMap<>();
            eventFiles.keySet().forEach(name -> events.put(name, named.get(name)));
            return new SchemaDirectory(root, events, named, eventFiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schemas under " + root, e);
        }
    }

    private static List<Path> avscFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
        }
    }
}
