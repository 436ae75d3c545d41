package org.haven.shared.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from Maven Central) whose data lives in a directory of ours.
 *
 * <p>Hazards handled here: zonky's defaults switch durability off ({@code fsync=off}) for test speed, so a persistent
 * server turns it back on; and a second Haven process (a command run while the web application is up) must not try
 * to start a second server on the same directory, so it connects to the running one, found through
 * {@code postmaster.pid}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String DATABASE = "haven";

    private static EmbeddedPostgresServer ephemeral;

    private final EmbeddedPostgres postgres;
    private final int port;
    private final boolean sharedByJvm;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port, boolean sharedByJvm) {
        this.postgres = postgres;
        this.port = port;
        this.sharedByJvm = sharedByJvm;
    }

    /** Starts (or joins) the durable server whose data lives in {@code dataDirectory}. */
    public static EmbeddedPostgresServer persistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            Optional<Integer> running = runningPort(dataDirectory);
            if (running.isPresent()) {
                log.info("Joining the embedded PostgreSQL already running on port {}", running.get());
                EmbeddedPostgresServer joined = new EmbeddedPostgresServer(null, running.get(), false);
                joined.ensureDatabase();
                return joined;
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, pg.getPort(), false);
            server.ensureDatabase();
            log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dataDirectory);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * One throw-away server per JVM for tests: a clean directory, started on first use and stopped at exit. Spring
     * test contexts share it, so the 3-second start is paid once. Durability stays on: tests exercise the same
     * settings as production.
     */
    public static synchronized EmbeddedPostgresServer ephemeral() {
        if (ephemeral == null) {
            try {
                Path dir = Files.createTempDirectory("haven-test-pg");
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("fsync", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
                ephemeral = new EmbeddedPostgresServer(pg, pg.getPort(), true);
                ephemeral.ensureDatabase();
                EmbeddedPostgresServer server = ephemeral;
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
        }
        return ephemeral;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return "postgres";
    }

    private void ensureDatabase() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        ds.setUser("postgres");
        try (Connection c = ds.getConnection();
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL is not reachable on port " + port, e);
        }
    }

    /** The port of a server already running on this directory, read from {@code postmaster.pid} (line 4). */
    static Optional<Integer> runningPort(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).trim());
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
    }

    /** Stops a server this process started; a JVM-shared test server is stopped only at JVM exit. */
    @Override
    public void close() {
        if (!sharedByJvm) {
            stop();
        }
    }

    private void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
