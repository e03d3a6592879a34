package io.campaignengine.devstack.components;

import io.campaignengine.devstack.Component;
import io.campaignengine.devstack.Ports;
import io.campaignengine.devstack.ProcessSpec;
import io.campaignengine.devstack.StackContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker in KRaft combined mode (broker + controller) as a child JVM; formats its storage on
 * first start; creates the topics of schemas/topics.json and their {@code <topic>.dlq} once ready.
 */
public final class KafkaComponent implements Component {
    public static final String NAME = "kafka";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PortSpec> ports(StackContext ctx) {
        return List.of(new PortSpec("broker", ctx.port(Ports.KAFKA)), new PortSpec("KRaft controller", ctx.port(Ports.KAFKA_CONTROLLER)));
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(90);
    }

    static List<String> jvmFlags(String xmx, Path log4jConfig) {
        List<String> f = new ArrayList<>(List.of("-Xmx" + xmx, "-Xms64m", "-XX:+UseSerialGC", "-Xss512k",
                "-XX:MaxMetaspaceSize=192m", "-XX:ReservedCodeCacheSize=96m", "-XX:CICompilerCount=2",
                "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfig, "-Dlog4j2.disable.jmx=true"));
        return f;
    }

    static Path writeLog4j(Path dir, String rootLevel) throws java.io.IOException {
        Path p = dir.resolve("log4j2.properties");
        Files.writeString(p, String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c{1})%n",
                "rootLogger.level = " + rootLevel,
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.kafka.name = kafka", "logger.kafka.level = warn",
                "logger.state.name = state.change.logger", "logger.state.level = warn",
                "logger.kafkaorg.name = org.apache.kafka", "logger.kafkaorg.level = warn",
                "logger.server.name = kafka.server.KafkaRaftServer", "logger.server.level = info",
                "logger.broker.name = kafka.server.BrokerServer", "logger.broker.level = info",
                // Connect: Debezium logs each task's full configuration at INFO (hundreds of lines per start)
                "logger.debezium.name = io.debezium", "logger.debezium.level = warn",
                "logger.dbzstream.name = io.debezium.connector.postgresql.PostgresStreamingChangeEventSource", "logger.dbzstream.level = info",
                "logger.worker.name = org.apache.kafka.connect.runtime.Worker", "logger.worker.level = info",
                "logger.herder.name = org.apache.kafka.connect.runtime.distributed.DistributedHerder", "logger.herder.level = info",
                "") + "\n");
        return p;
    }

    @Override
    public void start(StackContext ctx) throws Exception {
        Path dir = ctx.componentDir(NAME);
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        int port = ctx.port(Ports.KAFKA);
        int ctrl = ctx.port(Ports.KAFKA_CONTROLLER);
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "# written by libs/devstack on every start",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + ctrl,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + ctrl,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + ctrl,
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // topics come from schemas/topics.json (+ .dlq); a producer writing elsewhere fails loudly
                "auto.create.topics.enable=false",
                "num.network.threads=2",
                "num.io.threads=4",
                "num.recovery.threads.per.data.dir=2",
                "log.retention.hours=168",
                "log.segment.bytes=67108864",
                "log.cleaner.dedupe.buffer.size=8388608",
                "") + "\n");
        Path log4j = writeLog4j(dir, "info");
        if (!Files.isRegularFile(data.resolve("meta.properties"))) {
            ctx.log(NAME, "formatting the KRaft storage (first start) ...");
            List<String> cmd = new ArrayList<>(List.of(ctx.javaBin()));
            cmd.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j));
            // reuse the broker's CDS archive read-only (same classpath); never write it from this short-lived JVM
            ctx.cdsFlags(NAME).stream().filter(f -> f.startsWith("-XX:SharedArchiveFile=")
                    && Files.isRegularFile(Path.of(f.substring("-XX:SharedArchiveFile=".length())))).forEach(f -> {
                cmd.add(f);
                cmd.add("-Xlog:cds=off");
            });
            cmd.addAll(List.of(
                    "-cp", ctx.artifacts().kafkaClasspath(), "kafka.tools.StorageTool", "format", "--standalone",
                    "-t", Uuid.randomUuid().toString(), "-c", props.toString()));
            int rc = PostgresComponent.run(dir, cmd, ctx.logFile(NAME), Duration.ofMinutes(2));
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed (exit " + rc + ")");
            }
        }
        List<String> cmd = new ArrayList<>(List.of(ctx.javaBin()));
        cmd.addAll(jvmFlags("512m", log4j));
        cmd.addAll(ctx.cdsFlags(NAME));
        cmd.add("-Dkafka.logs.dir=" + dir.resolve("logs"));
        cmd.addAll(List.of("-cp", ctx.artifacts().kafkaClasspath(), "kafka.Kafka", props.toString()));
        ctx.launch(NAME, ProcessSpec.of(cmd).workDir(dir));
    }

    static Admin admin(StackContext ctx) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.kafkaBootstrap());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "devstack");
        return Admin.create(p);
    }

    @Override
    public boolean isReady(StackContext ctx) throws Exception {
        if (!StackContext.tcpOpen(ctx.port(Ports.KAFKA))) {
            return false;
        }
        try (Admin a = admin(ctx)) {
            return !a.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void afterReady(StackContext ctx) throws Exception {
        Map<String, Integer> wanted = TopicCatalog.read(ctx.root()).topicsWithDlq();
        if (wanted.isEmpty()) {
            ctx.log(NAME, "WARNING: " + TopicCatalog.path(ctx.root()) + " not found or empty: no catalog topics created");
            return;
        }
        try (Admin a = admin(ctx)) {
            var existing = a.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> create = new ArrayList<>();
            wanted.forEach((t, n) -> {
                if (!existing.contains(t)) {
                    create.add(new NewTopic(t, n, (short) 1));
                }
            });
            if (!create.isEmpty()) {
                var result = a.createTopics(create);
                for (var e : result.values().entrySet()) {
                    try {
                        e.getValue().get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException ex) {
                        if (!(ex.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("cannot create topic " + e.getKey() + ": " + ex.getCause(), ex);
                        }
                    }
                }
            }
            // a catalog that grew partitions: grow the topic (Kafka cannot shrink)
            Map<String, TopicDescription> desc = describeWhenVisible(a, wanted.keySet());
            Map<String, NewPartitions> grow = new HashMap<>();
            desc.forEach((t, d) -> {
                int want = wanted.get(t);
                if (d.partitions().size() < want) {
                    grow.put(t, NewPartitions.increaseTo(want));
                } else if (d.partitions().size() > want) {
                    ctx.log(NAME, "WARNING: topic " + t + " has " + d.partitions().size() + " partitions, the catalog says " + want);
                }
            });
            if (!grow.isEmpty()) {
                a.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
            }
            ctx.log(NAME, "topics: " + wanted.size() + " (" + create.size() + " created"
                    + (grow.isEmpty() ? "" : ", " + grow.size() + " grown") + ")");
        }
    }

    /** Topics just created may not be in the broker's metadata yet (UnknownTopicOrPartition): retry for up to 30 s. */
    static Map<String, TopicDescription> describeWhenVisible(Admin a, java.util.Collection<String> topics) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> d = a.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
                boolean leaders = d.values().stream().allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (leaders || System.nanoTime() > deadline) {
                    return d;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    @Override
    public List<Endpoint> endpoints(StackContext ctx) {
        return List.of(new Endpoint("", "bootstrap " + ctx.kafkaBootstrap()));
    }

}
