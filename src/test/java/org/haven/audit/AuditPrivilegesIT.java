package org.haven.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.haven.HavenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The grants documented in docs/operations.md ("Audit trail"), run as written against PostgreSQL: the runtime role
 * can append with Haven's own statements but cannot update, delete or truncate audit rows.
 */
@HavenIntegrationTest
class AuditPrivilegesIT {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void documentedGrantsMakeTheAuditTableAppendOnlyForTheRuntimeRole() throws Exception {
        String doc = Files.readString(Path.of("docs/operations.md"));
        String begin = "-- haven-runtime-grants (begin)";
        String grants = doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf("-- haven-runtime-grants (end)"));
        jdbc.sql("do $$ begin if not exists (select from pg_roles where rolname = 'haven_owner') then "
                + "create role haven_owner login; end if; if not exists (select from pg_roles where rolname = 'haven_app') "
                + "then create role haven_app login; end if; end $$").update();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(grants);
        }

        PGSimpleDataSource app = new PGSimpleDataSource();
        app.setUrl(jdbc.sql("select 'jdbc:postgresql://127.0.0.1:' || current_setting('port') || '/' || current_database()")
                .query(String.class).single());
        app.setUser("haven_app");
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // Haven's append (AuditLog) and sealing (AuditSealer); rolled back, so the shared chain stays intact.
                try (PreparedStatement insert = c.prepareStatement("insert into audit_event (occurred_at, action, "
                        + "outcome) values (now(), 'test.privileges', 'SUCCESS') returning id")) {
                    assertThat(insert.executeQuery().next()).isTrue();
                }
                s.executeQuery("select last_id, last_hash, sealed_below, (select system_identifier from "
                        + "pg_control_system()) from audit_chain_head where singleton for update").close();
                s.executeQuery("select pg_snapshot_xmin(pg_current_snapshot())").close();
                assertThat(s.executeUpdate("insert into audit_seal (seq, event_id, prev_hash, hash) values "
                        + "(-1, -1, '\\x00', '\\x00')")).isEqualTo(1);
                assertThat(s.executeUpdate("update audit_chain_head set last_id = last_id, sealed_below = sealed_below "
                        + "where singleton")).isEqualTo(1);
                s.executeQuery("select count(*) from audit_event").close();
            }
            c.rollback();
            assertRefused(c, "update audit_event set action = 'x' where id = 1");
            assertRefused(c, "delete from audit_event where id = 1");
            assertRefused(c, "truncate audit_event");
            assertRefused(c, "delete from audit_chain_head");
            assertRefused(c, "update audit_seal set hash = hash where seq = 1");
            assertRefused(c, "delete from audit_seal where seq = 1");
            assertRefused(c, "create table if not exists test_runtime_cannot_create (id int)");
        }
    }

    private static void assertRefused(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        } finally {
            c.rollback();
        }
    }
}
