package org.haven.shared.database;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start against a PostgreSQL that could lose acknowledged writes on a crash ({@code fsync} or
 * {@code full_page_writes} off) — a common "performance tip" that would silently break Haven's promise that a saved
 * record stays saved. {@code haven.database.allow-unsafe-durability=true} overrides it, for throw-away databases only.
 */
@Component
public class DurabilityCheck {

    public DurabilityCheck(DataSource dataSource,
            @Value("${haven.database.allow-unsafe-durability:false}") boolean allowUnsafe) {
        if (allowUnsafe) {
            return;
        }
        List<String> off = unsafeSettings(JdbcClient.create(dataSource));
        if (!off.isEmpty()) {
            throw new IllegalStateException("Refusing to start: PostgreSQL durability settings are off (" + String.join(", ", off)
                    + "). Turn them on in postgresql.conf; Haven must not lose acknowledged writes.");
        }
    }

    /** The durability settings that are off on this server, e.g. {@code fsync=off}. */
    public static List<String> unsafeSettings(JdbcClient jdbc) {
        List<String> off = new ArrayList<>();
        for (String setting : List.of("fsync", "full_page_writes")) {
            String value = jdbc.sql("select current_setting('" + setting + "')").query(String.class).single();
            if (!"on".equalsIgnoreCase(value)) {
                off.add(setting + "=" + value);
            }
        }
        return off;
    }
}
