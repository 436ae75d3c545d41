package org.haven.security.crypto;

import org.haven.HavenApplication;
import org.haven.shared.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Haven on an external database (the JVM-wide test server, by URL) refuses to start without a master key. */
class MasterKeyStartupIT {

    private static Throwable start(String... extraArgs) {
        String url = System.getenv("SPRING_DATASOURCE_URL") != null ? System.getenv("SPRING_DATASOURCE_URL")
                : EmbeddedPostgresServer.ephemeral().jdbcUrl();
        SpringApplication app = new SpringApplication(HavenApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        String[] base = {"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.main.banner-mode=off"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extraArgs))
                .toArray(String[]::new);
        return catchThrowable(() -> app.run(args).close());
    }

    @Test
    void externalDatabaseWithoutMasterKeyRefusesToStartNamingTheVariable() {
        // "--haven.master-key=" overrides a HAVEN_MASTER_KEY that the machine running the tests may have set.
        Throwable failure = start("--haven.master-key=");
        assertThat(failure).isNotNull();
        Throwable root = rootCause(failure);
        assertThat(root).isInstanceOf(MasterKeyUnavailableException.class);
        assertThat(root.getMessage()).startsWith("HAVEN_MASTER_KEY is not set");
        FailureAnalysis analysis = new MasterKeyFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains("HAVEN_MASTER_KEY");
        assertThat(analysis.getAction()).contains("HAVEN_MASTER_KEY");
    }

    @Test
    void malformedMasterKeyRefusesToStart() {
        Throwable failure = start("--haven.master-key=dG9vIHNob3J0");
        assertThat(rootCause(failure)).isInstanceOf(MasterKeyUnavailableException.class)
                .hasMessageContaining("HAVEN_MASTER_KEY").hasMessageContaining("32 bytes");
    }

    @Test
    void theRefusalComesBeforeAnyDatabaseWork() {
        // An unreachable database would fail differently (connection refused) if the key were checked late.
        SpringApplication app = new SpringApplication(HavenApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> app.run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nothing",
                "--haven.master-key=", "--spring.main.banner-mode=off").close())
                .satisfies(t -> assertThat(rootCause(t)).isInstanceOf(MasterKeyUnavailableException.class));
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
