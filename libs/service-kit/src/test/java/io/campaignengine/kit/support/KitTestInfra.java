package io.campaignengine.kit.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Prepares the real test stack for the test app before it starts: the topics kittest.events and kittest.events.dlq
 * (the broker does not auto-create topics, and the Debezium connector of the playbook database must find the topic
 * its EventRouter routes aggregatetype "kittest" to), and the test app's schema kittest in the playbook database.
 * Nothing is mocked: PostgreSQL, Kafka, Kafka Connect + Debezium and the registry are the ones of `make test`.
 */
public class KitTestInfra implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        createTopics();
        createSchema();
        return Map.of();
    }

    private static void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.KAFKA,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20000))) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            for (String topic : List.of(TestStack.TOPIC, TestStack.DLQ)) {
                if (existing.contains(topic)) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the Kafka topics of the test stack at " + TestStack.KAFKA
                    + " (is it up? bin/devstack up --profile test --no-services)", e);
        }
    }

    private static void createSchema() {
        Vertx vertx = Vertx.vertx();
        try {
            PgConnectOptions options = new PgConnectOptions().setHost(TestStack.PG_HOST).setPort(TestStack.PG_PORT)
                    .setDatabase(TestStack.DATABASE).setUser(TestStack.DATABASE).setPassword(TestStack.DATABASE);
            PgConnection connection = PgConnection.connect(vertx, options).toCompletionStage().toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
            try {
                for (String ddl : List.of(
                        "create schema if not exists kittest",
                        "create table if not exists kittest.widget (id uuid primary key, business varchar(100) not null,"
                                + " name varchar(200) not null, quantity int not null, status varchar(20) not null)",
                        "create table if not exists kittest.applied_event (seq bigserial primary key, event_id uuid not null,"
                                + " event_type varchar(100) not null, widget_id uuid, name varchar(200),"
                                + " correlation_id varchar(100), causation_id varchar(100),"
                                + " applied_at timestamptz not null default now())")) {
                    connection.query(ddl).execute().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
                }
            } finally {
                connection.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the kittest schema in database playbook at " + TestStack.PG_HOST
                    + ":" + TestStack.PG_PORT + " (is the test stack up?)", e);
        } finally {
            vertx.close();
        }
    }

    @Override
    public void stop() {
        // the test stack belongs to `make test`; test data lives in its own schema/topic and ids are unique per run
    }
}
