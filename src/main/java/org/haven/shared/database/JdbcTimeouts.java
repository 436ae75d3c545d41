package org.haven.shared.database;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Network timeouts for the PostgreSQL driver, so a database that vanishes (crash, cable, firewall dropping packets)
 * turns into a quick error instead of request threads hanging forever. The same values are set for an external
 * database in {@code application.properties} ({@code spring.datasource.hikari.data-source-properties.*}).
 */
final class JdbcTimeouts {

    /** Seconds to open a TCP connection and to log in. */
    static final int CONNECT_SECONDS = 5;
    /** Seconds a read on an open connection may block; above the longest query we allow (30 s statement timeout). */
    static final int SOCKET_SECONDS = 60;

    private JdbcTimeouts() {
    }

    static void apply(HikariDataSource ds) {
        ds.addDataSourceProperty("connectTimeout", CONNECT_SECONDS);
        ds.addDataSourceProperty("loginTimeout", CONNECT_SECONDS);
        ds.addDataSourceProperty("socketTimeout", SOCKET_SECONDS);
        ds.addDataSourceProperty("tcpKeepAlive", true);
        ds.addDataSourceProperty("options", "-c statement_timeout=30000");
        // Not a timeout, but the same place: JDBC batches of inserts travel as multi-row inserts.
        ds.addDataSourceProperty("reWriteBatchedInserts", true);
        ds.setValidationTimeout(2_000);
        ds.setKeepaliveTime(60_000);
    }
}
