package org.haven.operations;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenApplication;
import org.haven.audit.AuditChainVerifier;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented backup and restore procedure (docs/operations.md), for real: Haven on an external PostgreSQL,
 * {@code pg_dump -Fc}, {@code pg_restore} into a fresh database, equal content table by table, the audit chain
 * verifies, and Haven starts on the restored database with the same master key.
 */
class BackupRestoreIT {

    @Test
    void aDumpRestoredIntoAFreshDatabaseHasEqualContentAndHavenStartsOnIt() throws Exception {
        String masterKey = randomKey();
        try (DebianPostgres pg = DebianPostgres.start()) {
            pg.createDatabase("haven");
            try (ConfigurableApplicationContext app = haven(pg.jdbcUrl("haven"), masterKey)) {
                JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
                UUID org = UUID.randomUUID();
                jdbc.sql("insert into organisation (id, name, type, country_code) values (?, 'Backup Test Shelter (synthetic)', 'SHELTER', 'KH')")
                        .param(org).update();
                jdbc.sql("insert into app_user (id, organisation_id, username, display_name, password_hash) values (?, ?, 'backup.test', 'Backup Test', 'x')")
                        .params(UUID.randomUUID(), org).update();
                AuditLog audit = app.getBean(AuditLog.class);
                app.getBean(TransactionTemplate.class).executeWithoutResult(s -> {
                    for (int i = 0; i < 5; i++) {
                        audit.record(AuditEntry.change("organisation", "organisation.update", List.of(org.toString())));
                    }
                });
            }

            String dump = pg.workDirectory().resolve("haven.dump").toString();
            pg.tool("pg_dump", "-h", "127.0.0.1", "-p", Integer.toString(pg.port()), "-U", "postgres", "-Fc", "-f", dump, "haven");
            pg.createDatabase("haven_restored");
            pg.tool("pg_restore", "-h", "127.0.0.1", "-p", Integer.toString(pg.port()), "-U", "postgres",
                    "--no-owner", "--exit-on-error", "-d", "haven_restored", dump);

            Map<String, String> original = fingerprint(pg.jdbcUrl("haven"));
            Map<String, String> restored = fingerprint(pg.jdbcUrl("haven_restored"));
            assertThat(original).containsKeys("organisation", "app_user", "flyway_schema_history");
            assertThat(restored).isEqualTo(original);

            try (ConfigurableApplicationContext app = haven(pg.jdbcUrl("haven_restored"), masterKey)) {
                JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
                assertThat(jdbc.sql("select count(*) from organisation where name = 'Backup Test Shelter (synthetic)'")
                        .query(Integer.class).single()).isEqualTo(1);
                AuditChainVerifier.Result chain = app.getBean(AuditChainVerifier.class).verify();
                assertThat(chain.intact()).as(chain.problem()).isTrue();
                assertThat(chain.count()).isGreaterThanOrEqualTo(5);
            }
        }
    }

    private static ConfigurableApplicationContext haven(String url, String masterKey) {
        return new SpringApplicationBuilder(HavenApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--haven.master-key=" + masterKey,
                "--haven.data-dir=target/backup-test-data");
    }

    /** Per table: row count and an order-independent digest of every row's text form. */
    private static Map<String, String> fingerprint(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        JdbcClient jdbc = JdbcClient.create(ds);
        List<String> tables = jdbc.sql("select table_name from information_schema.tables "
                + "where table_schema = 'public' and table_type = 'BASE TABLE' order by 1").query(String.class).list();
        Map<String, String> result = new LinkedHashMap<>();
        for (String table : tables) {
            String digest = jdbc.sql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from \""
                    + table + "\" t").query(String.class).single();
            result.put(table, digest);
        }
        return result;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
