package org.haven.faults;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Kill -9 of the web application while caseworkers register survivors through the API: a registration writes the
     * survivor, its name keys, the case, an audit event and an event publication in one transaction. Every
     * registration the API acknowledged is there in full; nothing of the interrupted ones is.
     */
    @Test
    void registrationsKilledMidwayLeaveOnlyWholeRecords() throws Exception {
        server = EmbeddedPostgresServer.persistent(Files.createTempDirectory("haven-crash").resolve("postgres"), 0);
        String key = randomKey();
        jdbc("postgres").sql("create database saves").update();
        String password = "Crash-Test-" + UUID.randomUUID();
        Process create = runCommand("saves", key, Map.of("HAVEN_NEW_USER_PASSWORD", password), "users", "create",
                "--username", "crash.caseworker", "--organisation", "Crash Test Shelter", "--organisation-type",
                "SHELTER", "--country", "KH", "--role", "CASEWORKER");
        assertThat(create.waitFor()).isZero();
        // Caseworkers need a second factor; this API client signs in with a password only (as the demo users do).
        jdbc("saves").sql("update app_user set mfa_exempt = true where username = 'crash.caseworker'").update();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process app = runCommand("saves", key, Map.of(), "--server.port=" + port);
        JdbcClient target = jdbc("saves");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            long ready = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            boolean up = false;
            while (!up && System.nanoTime() < ready && app.isAlive()) {
                try {
                    up = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(500);
                }
            }
            assertThat(up).as("the application started").isTrue();
            String login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"crash.caseworker\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login);
            assertThat(token.find()).as(login).isTrue();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; app.isAlive(); i++) {
                        String body = "{\"identity\":{\"familyName\":\"Test Survivor\",\"givenName\":\"Crash "
                                + writer + "-" + i + "\"},\"profile\":{\"sex\":\"FEMALE\",\"birthYear\":1995,"
                                + "\"nationality\":\"KHM\"},\"identifiedOn\":\"2025-01-15\","
                                + "\"identificationChannel\":\"HOTLINE\",\"duplicatesAcknowledged\":true}";
                        try {
                            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
                                    .header("Authorization", "Bearer " + token.group(1))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            Matcher id = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(res.body());
                            if (res.statusCode() == 201 && id.find()) {
                                acknowledged.add(id.group(1));
                            }
                        } catch (Exception connectionGone) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            // Kill once some registrations are acknowledged and one holds its transaction open on the survivor table.
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            boolean killedMidway = false;
            while (!killedMidway && System.nanoTime() < deadline) {
                Integer open = target.sql("select count(*) from pg_locks l join pg_class c on c.oid = l.relation "
                        + "where c.relname = 'survivor' and l.mode = 'RowExclusiveLock' and l.granted "
                        + "and l.pid <> pg_backend_pid()").query(Integer.class).single();
                if (open > 0 && acknowledged.size() >= 10) {
                    app.destroyForcibly().waitFor();
                    killedMidway = true;
                }
            }
            assertThat(killedMidway).as("the kill landed while a registration was being written").isTrue();
        } finally {
            app.destroyForcibly().waitFor();
            writers.shutdownNow();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
        waitForBackendsToEnd(target);
        List<String> cases = target.sql("select id::text from survivor_case").query(String.class).list();
        assertThat(cases).as("every acknowledged registration is there").containsAll(acknowledged);
        assertThat(target.sql("select count(*) from survivor s where (select count(*) from survivor_case c "
                + "where c.survivor_id = s.id) <> 1").query(Integer.class).single())
                .as("no survivor without exactly one case").isZero();
        assertThat(target.sql("select count(*) from survivor s where not exists (select 1 from survivor_name_key k "
                + "where k.survivor_id = s.id)").query(Integer.class).single()).as("no survivor without name keys")
                .isZero();
        assertThat(target.sql("select count(*) from survivor_case c where not exists (select 1 from audit_event e "
                + "where e.action = 'case.register' and e.subject_ids @> array[c.id::text])").query(Integer.class)
                .single()).as("no case without its audit event").isZero();
        assertThat(target.sql("select count(*) from audit_event e where e.action = 'case.register' and not exists "
                + "(select 1 from survivor_case c where e.subject_ids @> array[c.id::text])").query(Integer.class)
                .single()).as("no audit event of a registration that did not commit").isZero();
    }

    private Process runImport(String database, String key) throws Exception {
        return runCommand(database, key, "gazetteer", "import");
    }

    private Process runCommand(String database, String key, String... words) throws Exception {
        return runCommand(database, key, Map.of(), words);
    }

    private Process runCommand(String database, String key, Map<String, String> env, String... words)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), HavenApplication.class.getName()));
        command.addAll(List.of(words));
        command.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--haven.data-dir=" + Files.createTempDirectory("haven-crash-app")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HAVEN_MASTER_KEY", key);
        builder.environment().putAll(env);
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
