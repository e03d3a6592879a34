package io.campaignengine.devstack.it;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresProvisioningTest {
    static final List<String> SERVICES = List.of("playbook", "content", "image", "publishing", "metrics", "optimization", "escalation");

    @Test
    void serverSettingsForLogicalDecoding() throws Exception {
        try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            assertEquals("logical", show(s, "wal_level"));
            assertEquals("20", show(s, "max_replication_slots"));
            assertEquals("20", show(s, "max_wal_senders"));
            assertEquals("on", show(s, "synchronous_commit"));
            assertEquals("127.0.0.1", show(s, "listen_addresses"));
        }
    }

    @Test
    void databasesAndRolesPerService() throws Exception {
        try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            for (String db : SERVICES) {
                try (ResultSet rs = s.executeQuery("select r.rolcanlogin, r.rolreplication, pg_get_userbyid(d.datdba) "
                        + "from pg_roles r join pg_database d on d.datname = r.rolname where r.rolname = '" + db + "'")) {
                    assertTrue(rs.next(), "database+role " + db);
                    assertTrue(rs.getBoolean(1), db + " LOGIN");
                    assertTrue(rs.getBoolean(2), db + " REPLICATION");
                    assertEquals(db, rs.getString(3), db + " owns its database");
                }
            }
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = 'registry'")) {
                assertTrue(rs.next(), "registry database");
            }
        }
    }

    @Test
    void messagingTablesOwnedByTheServiceRole() throws Exception {
        for (String db : SERVICES) {
            // password = name (CONTRACT.md); the role owns the tables (it ran messaging-schema.sql)
            try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl(db), db, db); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select tablename, tableowner from pg_tables where schemaname = 'messaging' order by 1")) {
                    assertTrue(rs.next(), db);
                    assertEquals("outbox_event", rs.getString(1));
                    assertEquals(db, rs.getString(2));
                    assertTrue(rs.next(), db);
                    assertEquals("processed_event", rs.getString(1));
                    assertEquals(db, rs.getString(2));
                }
                try (ResultSet rs = s.executeQuery("select string_agg(column_name || ':' || data_type || ':' || is_nullable, ',' order by ordinal_position) "
                        + "from information_schema.columns where table_schema = 'messaging' and table_name = 'outbox_event'")) {
                    rs.next();
                    assertEquals("id:uuid:NO,aggregatetype:character varying:NO,aggregateid:character varying:NO,type:character varying:NO,"
                            + "payload:bytea:NO,correlation_id:character varying:YES,occurred_at:timestamp with time zone:NO", rs.getString(1));
                }
            }
        }
    }

    private static String show(Statement s, String setting) throws Exception {
        try (ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
