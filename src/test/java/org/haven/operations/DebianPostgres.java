package org.haven.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL server from Debian's packages ({@code postgresql}, version 15 here), run as the {@code postgres} user
 * in a throw-away directory: the "external database" of the operations tests, with the matching {@code pg_dump} and
 * {@code pg_restore} that the embedded server's binaries lack. Fails loudly when the packages are missing.
 */
final class DebianPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;

    private DebianPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    static DebianPostgres start() throws Exception {
        Path bin = findBin();
        Path dir = Files.createTempDirectory("haven-debian-pg");
        run(List.of("chown", "postgres:postgres", dir.toString()));
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        asPostgres(bin, List.of("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                "--locale=C.UTF-8"));
        asPostgres(bin, List.of("pg_ctl", "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"));
        return new DebianPostgres(bin, dir, port);
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String name) throws Exception {
        tool("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", name);
    }

    /** Runs one of the server's client tools (pg_dump, pg_restore, createdb…) as the postgres user. */
    void tool(String... args) throws Exception {
        asPostgres(bin, List.of(args));
    }

    Path workDirectory() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        asPostgres(bin, List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    }

    private static Path findBin() {
        for (String version : List.of("17", "16", "15")) {
            Path candidate = Path.of("/usr/lib/postgresql", version, "bin");
            if (Files.isExecutable(candidate.resolve("pg_ctl")) && Files.isExecutable(candidate.resolve("pg_dump"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Operations tests need Debian's PostgreSQL server and client "
                + "(apt-get install postgresql); none found under /usr/lib/postgresql");
    }

    private static void asPostgres(Path bin, List<String> command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(5, command.size())))
                    + " failed: " + output);
        }
    }
}
