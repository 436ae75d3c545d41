package org.haven.shared.database;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, Haven runs its own PostgreSQL: durable under {@code haven.data-dir}
 * (default {@code ./data}), or a throw-away one per JVM when {@code haven.database.ephemeral=true} (tests).
 * With a URL, Spring Boot's own data-source configuration applies and nothing is started here.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(@Value("${haven.data-dir:./data}") String dataDir,
            @Value("${haven.database.ephemeral:false}") boolean ephemeral,
            @Value("${haven.database.embedded-port:0}") int port) {
        if (ephemeral) {
            // Shared by every test context of this JVM and stopped by a shutdown hook, not by a context closing.
            return EmbeddedPostgresServer.ephemeral();
        }
        // Stopped when the context closes (Spring's own shutdown hook), after the pool that uses it.
        return EmbeddedPostgresServer.persistent(Path.of(dataDir).toAbsolutePath().resolve("postgres"), port);
    }

    /**
     * The embedded server shares the application's cores, so the pool follows them: 2 × cores + 2 connections
     * (HikariCP's rule of thumb, cores × 2 + spindles), 6 on a 2-core machine. More backends than that only take turns
     * on the same cores: with 20 users on 2 cores, 4 to 6 connections served 20–25 % more requests per second than
     * 10 or 20 (docs/benchmarks.md, Protection). {@code spring.datasource.hikari.maximum-pool-size} overrides it.
     */
    static int defaultPoolSize(int cores) {
        return 2 * cores + 2;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresServer server,
            @Value("${spring.datasource.hikari.maximum-pool-size:0}") int poolSize) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(server.jdbcUrl());
        ds.setUsername(server.username());
        ds.setMaximumPoolSize(poolSize > 0 ? poolSize : defaultPoolSize(Runtime.getRuntime().availableProcessors()));
        ds.setPoolName("haven");
        ds.setConnectionTimeout(5_000);
        JdbcTimeouts.apply(ds);
        return ds;
    }
}
