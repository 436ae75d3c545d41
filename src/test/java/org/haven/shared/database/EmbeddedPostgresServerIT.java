package org.haven.shared.database;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerIT {

    @Test
    void dataSurvivesARestartAndASecondProcessJoinsTheRunningServer() throws Exception {
        Path dir = Files.createTempDirectory("haven-data").resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.persistent(dir, 0)) {
            JdbcClient jdbc = jdbc(first);
            jdbc.sql("create table kept (v text)").update();
            jdbc.sql("insert into kept values ('still here')").update();
            assertThat(jdbc.sql("select current_setting('fsync')").query(String.class).single()).isEqualTo("on");

            // A command run while the application is up finds the server through postmaster.pid.
            EmbeddedPostgresServer joined = EmbeddedPostgresServer.persistent(dir, 0);
            assertThat(joined.port()).isEqualTo(first.port());
            assertThat(jdbc(joined).sql("select v from kept").query(String.class).single()).isEqualTo("still here");
            joined.close(); // joining does not own the server: closing it must not stop it
            assertThat(jdbc(first).sql("select count(*) from kept").query(Integer.class).single()).isEqualTo(1);
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.persistent(dir, 0)) {
            assertThat(jdbc(again).sql("select v from kept").query(String.class).single()).isEqualTo("still here");
        }
    }

    private static JdbcClient jdbc(EmbeddedPostgresServer server) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl());
        ds.setUser(server.username());
        return JdbcClient.create(ds);
    }
}
