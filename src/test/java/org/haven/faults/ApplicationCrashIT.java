package org.haven.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.haven.HavenApplication;
import org.haven.shared.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill -9 of the Haven process in the middle of an import (REL-2): the import runs as a real separate JVM
 * ({@code haven gazetteer import}) against a PostgreSQL of this test, and is killed while it holds its transaction
 * open. Nothing of the interrupted import may remain, and running the import again gives exactly the state of an
 * import that was never interrupted.
 */
class ApplicationCrashIT {

    private EmbeddedPostgresServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anImportKilledMidwayLeavesNothingAndARerunGivesTheSameFinalState() throws Exception {
        server = EmbeddedPostgresServer.persistent(Files.createTempDirectory("haven-crash").resolve("postgres"), 0);
        String key = randomKey();
        JdbcClient admin = jdbc("postgres");

        // Reference: one clean import into its own database.
        admin.sql("create database reference").update();
        assertThat(runImport("reference", key).waitFor()).isZero();
        String expected = fingerprint(jdbc("reference"));
        assertThat(jdbc("reference").sql("select count(*) from place where country_code = 'KH'").query(Integer.class).single())
                .isGreaterThan(10_000);

        boolean killedMidway = false;
        for (int attempt = 0; attempt < 3 && !killedMidway; attempt++) {
            String db = "crash_" + attempt;
            admin.sql("create database " + db).update();
            // Migrations first (a separate run), so the kill lands in the import, not in Flyway.
            assertThat(runCommand(db, key, "audit", "verify").waitFor()).isZero();
            JdbcClient target = jdbc(db);
            Process importer = runImport(db, key);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (importer.isAlive() && System.nanoTime() < deadline) {
                // The import holds this lock from its first statement on the table until it commits.
                Integer holding = target.sql("select count(*) from pg_locks l join pg_class c on c.oid = l.relation "
                        + "where c.relname = 'place' and l.mode = 'ShareRowExclusiveLock' and l.granted "
                        + "and l.pid <> pg_backend_pid()").query(Integer.class).single();
                if (holding > 0) {
                    Thread.sleep(attempt * 150L); // land at different points of the transaction
                    if (importer.isAlive()) {
                        importer.destroyForcibly().waitFor();
                        killedMidway = true;
                    }
                    break;
                }
                Thread.sleep(10);
            }
            importer.waitFor();
            if (!killedMidway) {
                continue;
            }
            waitForBackendsToEnd(target);
            assertThat(target.sql("select count(*) from place where country_code = 'KH' and level <> 'COUNTRY'")
                    .query(Integer.class).single()).as("nothing of the interrupted import remains").isZero();
            assertThat(target.sql("select count(*) from gazetteer_edition").query(Integer.class).single()).isZero();

            assertThat(runImport(db, key).waitFor()).isZero();
            assertThat(fingerprint(target)).as("rerun gives the state of an uninterrupted import").isEqualTo(expected);
        }
        assertThat(killedMidway).as("the kill landed inside the import's transaction in one of 3 attempts").isTrue();
    }

    private Process runImport(String database, String key) throws Exception {
        return runCommand(database, key, "gazetteer", "import");
    }

    private Process runCommand(String database, String key, String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), HavenApplication.class.getName()));
        command.addAll(List.of(words));
        command.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--haven.data-dir=" + Files.createTempDirectory("haven-crash-app")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HAVEN_MASTER_KEY", key);
        return builder.start();
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private JdbcClient jdbc(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database);
        ds.setUser("postgres");
        return JdbcClient.create(ds);
    }

    /** The killed JVM's connections end when PostgreSQL notices the closed sockets; its transaction rolls back then. */
    private static void waitForBackendsToEnd(JdbcClient target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Integer others = target.sql("select count(*) from pg_stat_activity where datname = current_database() "
                    + "and pid <> pg_backend_pid()").query(Integer.class).single();
            if (others == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static String fingerprint(JdbcClient jdbc) {
        return jdbc.sql("select count(*) || ':' || md5(string_agg(code || '|' || level || '|' || coalesce(parent_code, '') || '|'"
                + " || coalesce(name_km, '') || '|' || coalesce(name_latin, '') || '|' || coalesce(valid_to::text, ''), ',' order by code))"
                + " from place").query(String.class).single()
                + "/" + jdbc.sql("select count(*) from place_change").query(Integer.class).single()
                + "/" + jdbc.sql("select count(*) from gazetteer_edition").query(Integer.class).single();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
