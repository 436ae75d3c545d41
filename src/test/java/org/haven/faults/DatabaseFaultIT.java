package org.haven.faults;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.haven.HavenApplication;
import org.haven.shared.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Haven against a PostgreSQL that dies or misbehaves: the database runs in its own directory behind a
 * {@link FaultyProxy}, Haven uses it as an external database, and writers keep committing while we break things.
 * Bounded: every loop has a deadline.
 */
class DatabaseFaultIT {

    private EmbeddedPostgresServer database;
    private FaultyProxy proxy;
    private ConfigurableApplicationContext app;
    private Path dir;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKill9AndHavenRecoversByItself() throws Exception {
        crashUnderLoadAndRestart("KILL");
    }

    @Test
    void everyAcknowledgedWriteSurvivesAnImmediateShutdownAndHavenRecoversByItself() throws Exception {
        crashUnderLoadAndRestart("QUIT"); // SIGQUIT to the postmaster is PostgreSQL's "immediate" shutdown
    }

    @Test
    void networkFaultsTurnIntoQuickErrorsAndNoThreadHangs() throws Exception {
        startDatabaseAndHaven(3);
        JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));

        proxy.latency(150);
        long started = System.nanoTime();
        assertThat(jdbc.sql("select 1").query(Integer.class).single()).isEqualTo(1);
        assertThat(millisSince(started)).isGreaterThanOrEqualTo(150);
        proxy.latency(0);

        // Dropped connections: the pool notices, replaces them, and the next requests work again.
        proxy.dropAll();
        assertThat(waitForHealth(200, Duration.ofSeconds(30))).isLessThan(Duration.ofSeconds(30));

        // A black hole: the query must fail after the socket timeout (3 s here) instead of hanging the thread.
        proxy.blackHole(true);
        List<Thread> callers = new ArrayList<>();
        List<Long> durations = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                long t0 = System.nanoTime();
                try {
                    jdbc.sql("select pg_sleep(0)").query().listOfRows();
                } catch (RuntimeException expected) {
                    // the point: it ends
                }
                durations.add(millisSince(t0));
            });
            t.start();
            callers.add(t);
        }
        for (Thread t : callers) {
            t.join(Duration.ofSeconds(20).toMillis());
            assertThat(t.isAlive()).as("a request thread hangs on a silent database").isFalse();
        }
        assertThat(durations).hasSize(4).allSatisfy(d -> assertThat(d).isLessThan(15_000));
        int status = healthStatus();
        assertThat(status).isEqualTo(503);

        proxy.blackHole(false);
        proxy.dropAll();
        assertThat(waitForHealth(200, Duration.ofSeconds(30))).isLessThan(Duration.ofSeconds(30));
    }

    private void crashUnderLoadAndRestart(String signal) throws Exception {
        startDatabaseAndHaven(60);
        JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
        TransactionTemplate tx = app.getBean(TransactionTemplate.class);
        jdbc.sql("create table fault_probe (id bigint primary key, payload text not null)").update();

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong ids = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (running.get() && System.nanoTime() < deadline) {
                    long id = ids.incrementAndGet();
                    try {
                        tx.executeWithoutResult(s -> jdbc.sql("insert into fault_probe values (?, ?)")
                                .params(id, "probe " + id).update());
                        acknowledged.add(id); // only after the commit returned
                    } catch (RuntimeException databaseAway) {
                        sleep(50);
                    }
                }
            }, "writer-" + w);
            t.start();
            writers.add(t);
        }
        sleep(1500);
        int before = acknowledged.size();
        assertThat(before).as("writes acknowledged before the crash").isGreaterThan(10);

        int port = database.port();
        long pid = postmasterPid();
        killTree(pid, signal);
        database.close(); // releases this JVM's hold on the directory; the server is already gone

        long t0 = System.nanoTime();
        int status = healthStatus();
        assertThat(status).isEqualTo(503);
        // The pool waits 5 s for a connection before giving up; 12 s leaves room for a loaded 2-core machine.
        assertThat(millisSince(t0)).as("503 answered quickly while the database is away").isLessThan(12_000);

        sleep(1000);
        database = EmbeddedPostgresServer.persistent(dir, port);
        Duration recovery = waitForHealth(200, Duration.ofSeconds(30));
        assertThat(recovery).as("recovered within 30 s of the database's return").isLessThan(Duration.ofSeconds(30));

        int acknowledgedAtRestart = acknowledged.size();
        sleep(1000);
        running.set(false);
        for (Thread t : writers) {
            t.join(10_000);
        }
        assertThat(acknowledged.size()).as("writes resume after recovery").isGreaterThan(acknowledgedAtRestart);

        Set<Long> present = ConcurrentHashMap.newKeySet();
        present.addAll(jdbc.sql("select id from fault_probe").query(Long.class).list());
        assertThat(present).as("every acknowledged write is there after the restart").containsAll(acknowledged);
    }

    private void startDatabaseAndHaven(int socketTimeoutSeconds) throws Exception {
        dir = Files.createTempDirectory("haven-fault").resolve("postgres");
        database = EmbeddedPostgresServer.persistent(dir, 0);
        proxy = new FaultyProxy(database.port());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        app = new SpringApplicationBuilder(HavenApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/haven",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.data-source-properties.socketTimeout=" + socketTimeoutSeconds,
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--haven.master-key=" + Base64.getEncoder().encodeToString(key),
                "--haven.data-dir=" + dir.getParent().resolve("app"));
    }

    private int healthStatus() throws Exception {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    private Duration waitForHealth(int expected, Duration limit) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < limit.toNanos()) {
            if (healthStatus() == expected) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            sleep(250);
        }
        return limit;
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
    }

    private static void killTree(long pid, String signal) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(pid)));
        if (signal.equals("KILL")) {
            // A crash takes the backends with it; killing only the postmaster would leave them holding shared memory.
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> command.add(Long.toString(d.pid()))));
        }
        new ProcessBuilder(command).inheritIO().start().waitFor();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
