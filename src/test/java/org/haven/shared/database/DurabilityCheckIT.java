package org.haven.shared.database;

import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurabilityCheckIT {

    @Test
    void refusesAServerWithFsyncAndFullPageWritesOff() throws Exception {
        Path dir = Files.createTempDirectory("haven-unsafe-pg");
        // zonky's own defaults are the unsafe ones: fsync=off, full_page_writes=off.
        try (EmbeddedPostgres unsafe = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off").start()) {
            assertThat(DurabilityCheck.unsafeSettings(JdbcClient.create(unsafe.getPostgresDatabase())))
                    .containsExactly("fsync=off", "full_page_writes=off");
            assertThatThrownBy(() -> new DurabilityCheck(unsafe.getPostgresDatabase(), false))
                    .hasMessageContaining("Refusing to start").hasMessageContaining("fsync=off");
        }
    }

    @Test
    void acceptsTheDurableServerHavenRuns() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.ephemeral();
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl());
        ds.setUser(server.username());
        assertThat(DurabilityCheck.unsafeSettings(JdbcClient.create(ds))).isEmpty();
    }
}
