package io.campaignengine.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docker-compose.yml (the platform on Docker) must stay in step with the repository: the infrastructure with the
 * official images, one entry per service module (built from deploy/docker/Dockerfile.service, on its
 * quarkus.http.port, with every CE_* variable it reads), every Debezium outbox connector registered, every topic of
 * schemas/topics.json created. No Docker needed: this reads files.
 */
class DockerComposeContractTest {
    static final String DOCKERFILE = "deploy/docker/Dockerfile.service";
    static final Pattern CE_VARIABLE = Pattern.compile("\\$\\{(CE_[A-Z0-9_]+)");

    static Path root;
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        root = repoRoot();
        Path file = root.resolve("docker-compose.yml");
        assertTrue(Files.isRegularFile(file), file + " exists");
        try (Reader r = Files.newBufferedReader(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r); // resolves anchors and << merge keys
            assertTrue(doc instanceof Map, "docker-compose.yml is a mapping");
            compose = (Map<String, Object>) doc;
        }
        Object s = compose.get("services");
        assertTrue(s instanceof Map, "docker-compose.yml has a `services` mapping");
        services = new LinkedHashMap<>();
        ((Map<String, Object>) s).forEach((k, v) -> services.put(k, v instanceof Map ? (Map<String, Object>) v : Map.of()));
    }

    @Test
    void infrastructureWithOfficialImages() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("postgres", "postgres:17");
        expected.put("kafka", "apache/kafka:4.1.");
        expected.put("kafka-init", "apache/kafka:4.1.");
        expected.put("connect", "quay.io/debezium/connect:3.");
        expected.put("connect-init", "quay.io/debezium/connect:3.");
        expected.put("registry", "quay.io/apicurio/apicurio-registry:3.");
        expected.put("minio", "minio/minio");
        expected.put("minio-init", "minio/mc");
        expected.put("keycloak", "quay.io/keycloak/keycloak:26.");
        List<String> problems = new ArrayList<>();
        expected.forEach((name, prefix) -> {
            Map<String, Object> svc = services.get(name);
            if (svc == null) {
                problems.add("no compose service `" + name + "` (image " + prefix + "...)");
            } else if (!String.valueOf(svc.get("image")).startsWith(prefix)) {
                problems.add("compose service `" + name + "` has image " + svc.get("image") + ", expected " + prefix + "...");
            }
        });
        assertNoProblems(problems);
    }

    @Test
    void postgresIsReadyForDebeziumAndProvisionsTheDatabases() {
        Map<String, Object> pg = services.get("postgres");
        String command = String.join(" ", strings(pg.get("command")));
        for (String setting : List.of("wal_level=logical", "max_replication_slots=", "max_wal_senders=")) {
            assertTrue(command.contains(setting), "postgres command sets " + setting + ": " + command);
        }
        List<String> volumes = strings(pg.get("volumes"));
        assertTrue(volumes.stream().anyMatch(v -> v.startsWith("./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/")),
                "postgres runs deploy/postgres/init-databases.sh as an init script: " + volumes);
        assertTrue(volumes.stream().anyMatch(v -> v.startsWith("./deploy/debezium:")), "postgres sees deploy/debezium (messaging-schema.sql): " + volumes);
        assertTrue(Files.isRegularFile(root.resolve("deploy/debezium/messaging-schema.sql")), "deploy/debezium/messaging-schema.sql exists");
    }

    @Test
    void keycloakImportsTheRealm() {
        Map<String, Object> kc = services.get("keycloak");
        List<String> command = strings(kc.get("command"));
        assertTrue(command.contains("start-dev") && command.contains("--import-realm"), "keycloak start-dev --import-realm: " + command);
        assertTrue(strings(kc.get("volumes")).stream().anyMatch(v ->
                        v.startsWith("./deploy/keycloak/campaign-engine-realm.json:/opt/keycloak/data/import/")),
                "keycloak mounts the realm into /opt/keycloak/data/import");
        assertTrue(strings(kc.get("ports")).stream().anyMatch(p -> p.endsWith(":8180:8080")), "keycloak on host port 8180");
    }

    @Test
    void everyServiceModuleHasAComposeEntry() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Path> modules = serviceModules();
        for (var e : modules.entrySet()) {
            problems.addAll(checkService(e.getKey(), e.getValue()));
        }
        // and no entry built from the shared Dockerfile for a module that does not exist (renamed/removed)
        services.forEach((name, svc) -> {
            if (svc.get("build") instanceof Map<?, ?> build && DOCKERFILE.equals(normalize(build.get("dockerfile")))) {
                String module = build.get("args") instanceof Map<?, ?> args ? String.valueOf(args.get("MODULE")) : null;
                if (module == null || !Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
                    problems.add("compose service `" + name + "` builds MODULE=" + module + ", which has no pom.xml");
                }
            }
        });
        assertNoProblems(problems);
    }

    /** What a module services/&lt;x&gt; needs in docker-compose.yml; an empty list if it is all there. */
    static List<String> checkService(String name, Path module) throws IOException {
        List<String> problems = new ArrayList<>();
        String where = "services/" + name;
        Map<String, Object> svc = services.get(name);
        if (svc == null) {
            problems.add(where + " has a pom.xml but docker-compose.yml has no service `" + name + "` (copy the pattern at the end of "
                    + "docker-compose.yml: build from " + DOCKERFILE + " with MODULE=" + where + ")");
            return problems;
        }
        if (!(svc.get("build") instanceof Map<?, ?> build)) {
            problems.add("compose service `" + name + "` has no `build:` mapping (expected context ., dockerfile " + DOCKERFILE
                    + ", args.MODULE " + where + ")");
        } else {
            if (!DOCKERFILE.equals(normalize(build.get("dockerfile")))) {
                problems.add("compose service `" + name + "` builds from " + build.get("dockerfile") + ", expected " + DOCKERFILE);
            }
            if (!".".equals(normalize(build.get("context")))) {
                problems.add("compose service `" + name + "` has build context " + build.get("context") + ", expected . (the repository root)");
            }
            Object moduleArg = build.get("args") instanceof Map<?, ?> args ? args.get("MODULE") : null;
            if (!where.equals(normalize(moduleArg))) {
                problems.add("compose service `" + name + "` has build arg MODULE=" + moduleArg + ", expected " + where);
            }
        }
        Properties props = applicationProperties(module);
        String port = props.getProperty("quarkus.http.port");
        if (port == null) {
            problems.add(where + "/src/main/resources/application.properties does not set quarkus.http.port");
        } else {
            List<String> ports = strings(svc.get("ports"));
            boolean published = ports.stream().map(DockerComposeContractTest::portMapping)
                    .anyMatch(m -> m != null && m[0].equals(port.trim()) && m[1].equals(port.trim()));
            if (!published) {
                problems.add("compose service `" + name + "` must publish quarkus.http.port " + port.trim() + " as \"127.0.0.1:" + port.trim()
                        + ":" + port.trim() + "\" but has ports " + ports);
            }
        }
        Set<String> referenced = referencedCeVariables(module);
        Set<String> defined = environment(svc.get("environment")).keySet();
        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(defined);
        if (!missing.isEmpty()) {
            problems.add("compose service `" + name + "` does not define " + missing + " that " + where
                    + "/src/main/resources/application.properties references (add them to its environment or to x-service-env)");
        }
        return problems;
    }

    @Test
    void everyOutboxConnectorIsRegistered() throws IOException {
        Map<String, Object> init = services.get("connect-init");
        assertTrue(init != null, "no compose service `connect-init` (registers deploy/debezium/*-outbox.json)");
        List<String> volumes = strings(init.get("volumes"));
        String mount = volumes.stream().filter(v -> v.startsWith("./deploy/debezium:")).map(v -> v.split(":")[1]).findFirst()
                .orElse(null);
        assertTrue(mount != null, "connect-init mounts ./deploy/debezium: " + volumes);
        List<String> args = new ArrayList<>(strings(init.get("entrypoint")));
        args.addAll(strings(init.get("command")));
        assertTrue(args.stream().anyMatch(a -> a.endsWith("register-connectors.sh")), "connect-init runs register-connectors.sh: " + args);
        List<String> problems = new ArrayList<>();
        List<Path> connectors;
        try (Stream<Path> s = Files.list(root.resolve("deploy/debezium"))) {
            connectors = s.filter(p -> p.getFileName().toString().endsWith("-outbox.json")).sorted().toList();
        }
        assertFalse(connectors.isEmpty(), "deploy/debezium has *-outbox.json files");
        for (Path c : connectors) {
            String inContainer = mount + "/" + c.getFileName();
            if (!args.contains(inContainer)) {
                problems.add("deploy/debezium/" + c.getFileName() + " is not registered: add " + inContainer
                        + " to the entrypoint of compose service `connect-init`");
            }
        }
        for (String a : args) {
            if (a.startsWith(mount + "/") && !Files.isRegularFile(root.resolve("deploy/debezium").resolve(a.substring(mount.length() + 1)))) {
                problems.add("connect-init registers " + a + " but deploy/debezium has no such file");
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void connectorFilesKeepTheShapeTheRegistrationScriptExpects() throws IOException {
        // register-connectors.sh takes the "config" member without jq: it must be the last member of the object
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> s = Files.list(root.resolve("deploy/debezium"))) {
            for (Path c : s.filter(p -> p.getFileName().toString().endsWith("-outbox.json")).sorted().toList()) {
                JsonNode node = json.readTree(c.toFile());
                List<String> fields = new ArrayList<>();
                node.fieldNames().forEachRemaining(fields::add);
                assertEquals(List.of("name", "config"), fields, c + ": {\"name\":..., \"config\":{...}}");
                assertEquals(c.getFileName().toString().replace(".json", ""), node.path("name").asText(), c + ": name = file name");
            }
        }
    }

    @Test
    void kafkaInitCreatesTheTopicCatalog() throws Exception {
        Map<String, Object> init = services.get("kafka-init");
        assertTrue(strings(init.get("volumes")).stream().anyMatch(v -> v.startsWith("./schemas/topics.json:")), "kafka-init mounts schemas/topics.json");
        // the script parses topics.json with grep/sed (the kafka image has no jq): check it reads what Jackson reads
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode t : new ObjectMapper().readTree(root.resolve("schemas/topics.json").toFile()).path("topics")) {
            expected.put(t.path("name").asText(), t.path("partitions").asInt(1));
            expected.put(t.path("name").asText() + ".dlq", t.path("partitions").asInt(1));
        }
        Process p = new ProcessBuilder("bash", root.resolve("deploy/docker/create-topics.sh").toString(), "--list",
                root.resolve("schemas/topics.json").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "create-topics.sh --list finishes");
        assertEquals(0, p.exitValue(), out);
        Map<String, Integer> listed = new TreeMap<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            listed.put(f[0], Integer.parseInt(f[1]));
        }
        assertEquals(expected, listed, "deploy/docker/create-topics.sh --list schemas/topics.json");
    }

    @Test
    void mountedFilesExist() {
        List<String> problems = new ArrayList<>();
        services.forEach((name, svc) -> {
            for (String v : strings(svc.get("volumes"))) {
                if (v.startsWith("./") && !Files.exists(root.resolve(v.split(":")[0]))) {
                    problems.add("compose service `" + name + "` mounts " + v.split(":")[0] + ", which does not exist");
                }
            }
        });
        assertTrue(Files.isRegularFile(root.resolve(DOCKERFILE)), DOCKERFILE + " exists");
        assertNoProblems(problems);
    }

    // ------------------------------------------------------------------ helpers

    /** services/&lt;x&gt;/ directories with a pom.xml, by name. */
    static Map<String, Path> serviceModules() throws IOException {
        Map<String, Path> modules = new TreeMap<>();
        Path dir = root.resolve("services");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).forEach(p -> modules.put(p.getFileName().toString(), p));
            }
        }
        return modules;
    }

    static Properties applicationProperties(Path module) throws IOException {
        Properties props = new Properties();
        Path f = module.resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f)) {
                props.load(r);
            }
        }
        return props;
    }

    /** CE_* variables referenced as ${CE_...} (with or without a default) in the module's application.properties. */
    static Set<String> referencedCeVariables(Path module) throws IOException {
        Set<String> vars = new TreeSet<>();
        Path f = module.resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(f)) {
            Matcher m = CE_VARIABLE.matcher(Files.readString(f));
            while (m.find()) {
                vars.add(m.group(1));
            }
        }
        return vars;
    }

    /** "127.0.0.1:8101:8101" / "8101:8101" / "8101:8101/tcp" / {published, target} -> [published, target]; null if unparsable. */
    static String[] portMapping(String spec) {
        String s = spec.trim();
        if (s.startsWith("{")) {
            return null;
        }
        s = s.replaceAll("/(tcp|udp)$", "");
        String[] parts = s.split(":");
        if (parts.length < 2) {
            return null;
        }
        return new String[]{parts[parts.length - 2], parts[parts.length - 1]};
    }

    /** environment as a mapping or as a list of KEY=VALUE. */
    static Map<String, String> environment(Object env) {
        Map<String, String> m = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> m.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object o : list) {
                String s = String.valueOf(o);
                int eq = s.indexOf('=');
                m.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return m;
    }

    /** A string or a list (long-syntax port/volume mappings become "published:target" / "source:target"). */
    static List<String> strings(Object o) {
        List<String> l = new ArrayList<>();
        if (o instanceof List<?> list) {
            for (Object x : list) {
                if (x instanceof Map<?, ?> m) {
                    Object a = m.containsKey("published") ? m.get("published") : m.get("source");
                    l.add(a + ":" + m.get("target"));
                } else {
                    l.add(String.valueOf(x));
                }
            }
        } else if (o != null) {
            l.add(String.valueOf(o));
        }
        return l;
    }

    static String normalize(Object path) {
        if (path == null) {
            return null;
        }
        String s = String.valueOf(path).trim();
        while (s.startsWith("./") && s.length() > 2) {
            s = s.substring(2);
        }
        return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
    }

    static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            fail("docker-compose.yml is out of step with the repository:\n  - " + String.join("\n  - ", new LinkedHashSet<>(problems)));
        }
    }

    static Path repoRoot() {
        String r = System.getProperty("devstack.root");
        Path p = (r == null || r.isBlank() || r.contains("${")) ? Path.of("").toAbsolutePath() : Path.of(r);
        for (Path x = p; x != null; x = x.getParent()) {
            if (Files.isRegularFile(x.resolve("docker-compose.yml")) || Files.isDirectory(x.resolve("libs/devstack"))) {
                return x;
            }
        }
        return p;
    }
}
