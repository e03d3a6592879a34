package io.campaignengine.devstack.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignengine.devstack.Component;
import io.campaignengine.devstack.Ports;
import io.campaignengine.devstack.ProcessSpec;
import io.campaignengine.devstack.StackContext;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Kafka Connect distributed worker (child JVM) with the Debezium PostgreSQL connector on its classpath. Once its
 * REST API answers, registers (PUT, create-or-update) every deploy/debezium/*-outbox.json and waits until each
 * connector and its task are RUNNING. Connector files use {@code ${env:CE_PG_HOST}}/{@code ${env:CE_PG_PORT}}
 * (Kafka's EnvVarConfigProvider), which the worker gets in its environment.
 */
public final class ConnectComponent implements Component {
    public static final String NAME = "connect";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> dependsOn() {
        return List.of(KafkaComponent.NAME, PostgresComponent.NAME);
    }

    @Override
    public List<PortSpec> ports(StackContext ctx) {
        return List.of(new PortSpec("REST API", ctx.port(Ports.CONNECT)));
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    @Override
    public void start(StackContext ctx) throws Exception {
        Path dir = ctx.componentDir(NAME);
        Files.createDirectories(dir);
        Path props = dir.resolve("connect-distributed.properties");
        Files.writeString(props, String.join("\n",
                "# written by libs/devstack on every start",
                "bootstrap.servers=" + ctx.kafkaBootstrap(),
                "group.id=campaign-engine-connect",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                "config.storage.topic=_connect-configs",
                "offset.storage.topic=_connect-offsets",
                "status.storage.topic=_connect-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "offset.storage.partitions=5",
                "status.storage.partitions=1",
                "offset.flush.interval.ms=1000",
                "listeners=http://127.0.0.1:" + ctx.port(Ports.CONNECT),
                "rest.advertised.host.name=127.0.0.1",
                "rest.advertised.port=" + ctx.port(Ports.CONNECT),
                // a restarted single worker gets its connectors back at once (default waits up to 5 minutes)
                "scheduled.rebalance.max.delay.ms=0",
                "plugin.discovery=service_load",
                "config.providers=env",
                "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                "producer.linger.ms=0",
                "") + "\n");
        Path log4j = KafkaComponent.writeLog4j(dir, "info");
        List<String> cmd = new ArrayList<>(List.of(ctx.javaBin()));
        cmd.addAll(KafkaComponent.jvmFlags("384m", log4j));
        cmd.addAll(ctx.cdsFlags(NAME));
        cmd.addAll(List.of("-cp", ctx.artifacts().connectClasspath(),
                "org.apache.kafka.connect.cli.ConnectDistributed", props.toString()));
        ctx.launch(NAME, ProcessSpec.of(cmd).workDir(dir).env(ctx.stackEnv()));
    }

    @Override
    public boolean isReady(StackContext ctx) {
        // 200 from /connectors only once the worker has joined its group and read the config topic
        return ctx.httpStatus(ctx.connectUrl() + "/connectors") == 200;
    }

    /** deploy/debezium/*-outbox.json: connector name -> config. */
    public static Map<String, ObjectNode> connectorFiles(Path root) throws IOException {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        Path dir = root.resolve("deploy/debezium");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith("-outbox.json")).sorted().toList()) {
                JsonNode n = JSON.readTree(f.toFile());
                if (!n.hasNonNull("name") || !(n.get("config") instanceof ObjectNode cfg)) {
                    throw new IOException(f + ": expected {\"name\": ..., \"config\": {...}}");
                }
                out.put(n.get("name").asText(), cfg);
            }
        }
        return out;
    }

    @Override
    public void afterReady(StackContext ctx) throws Exception {
        Map<String, ObjectNode> connectors = connectorFiles(ctx.root());
        if (connectors.isEmpty()) {
            ctx.log(NAME, "WARNING: no deploy/debezium/*-outbox.json");
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (var e : connectors.entrySet()) {
            String url = ctx.connectUrl() + "/connectors/" + e.getKey() + "/config";
            while (true) {
                HttpResponse<String> r = ctx.httpSend("PUT", url, JSON.writeValueAsString(e.getValue()), Duration.ofSeconds(30));
                if (r.statusCode() == 200 || r.statusCode() == 201) {
                    break;
                }
                // 409: rebalance in progress; 5xx while the worker is still settling
                if ((r.statusCode() == 409 || r.statusCode() >= 500) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    continue;
                }
                throw new IllegalStateException("registering connector " + e.getKey() + " failed: HTTP " + r.statusCode() + " " + r.body());
            }
        }
        // wait for connector + task RUNNING
        List<String> pending = new ArrayList<>(connectors.keySet());
        String last = "";
        while (!pending.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                String name = it.next();
                HttpResponse<String> r = ctx.httpGet(ctx.connectUrl() + "/connectors/" + name + "/status", Duration.ofSeconds(10));
                if (r.statusCode() != 200) {
                    last = name + ": HTTP " + r.statusCode();
                    continue;
                }
                JsonNode st = JSON.readTree(r.body());
                String cState = st.path("connector").path("state").asText();
                JsonNode tasks = st.path("tasks");
                if ("FAILED".equals(cState)) {
                    throw new IllegalStateException("connector " + name + " FAILED: " + firstLine(st.path("connector").path("trace").asText()));
                }
                boolean allRunning = tasks.size() > 0;
                for (JsonNode t : tasks) {
                    String ts = t.path("state").asText();
                    if ("FAILED".equals(ts)) {
                        throw new IllegalStateException("task " + t.path("id").asInt() + " of connector " + name + " FAILED: "
                                + firstLine(t.path("trace").asText()));
                    }
                    allRunning &= "RUNNING".equals(ts);
                }
                if ("PAUSED".equals(cState)) {
                    ctx.log(NAME, "resuming paused connector " + name);
                    ctx.httpSend("PUT", ctx.connectUrl() + "/connectors/" + name + "/resume", null, Duration.ofSeconds(10));
                }
                if ("RUNNING".equals(cState) && allRunning) {
                    it.remove();
                } else {
                    last = name + ": connector " + cState + ", tasks " + tasks;
                }
            }
            if (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("connectors not RUNNING after 120 s: " + pending + " (last: " + last + ")");
                }
                Thread.sleep(200);
            }
        }
        ctx.log(NAME, "connectors RUNNING: " + String.join(", ", connectors.keySet()));
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i) + (s.contains("Caused by") ? " ... " + s.substring(s.lastIndexOf("Caused by")).split("\n")[0] : "");
    }

    @Override
    public List<Endpoint> endpoints(StackContext ctx) {
        return List.of(new Endpoint("", ctx.connectUrl() + "/connectors"));
    }
}
