package org.haven.audit.internal;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two connections of their own for audit events that must commit whatever happens to the caller's transaction (a
 * refused case read, a failed sign-in). Taking that second connection from the application's pool while the
 * caller's transaction still holds one deadlocks as soon as every pooled connection belongs to such a request: a
 * handful of concurrent refused reads (as many as the pool is large) stalled every request for the pool's 5-second
 * timeout and then failed them. Connections of this pool are never held while waiting for another, so it cannot.
 * Same database, URL and credentials as the application's pool; if that pool is not HikariCP, the application's
 * pool is used (the old behaviour).
 */
@Component
public class IndependentAuditPool implements DisposableBean {

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    IndependentAuditPool(DataSource main) {
        HikariDataSource own = null;
        DataSource target = main;
        try {
            if (main.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource h = main.unwrap(HikariDataSource.class);
                own = new HikariDataSource();
                own.setJdbcUrl(h.getJdbcUrl());
                own.setUsername(h.getUsername());
                own.setPassword(h.getPassword());
                own.setDataSourceProperties(h.getDataSourceProperties());
                own.setMaximumPoolSize(2);
                own.setMinimumIdle(0);
                own.setConnectionTimeout(h.getConnectionTimeout());
                own.setPoolName("haven-audit");
                target = own;
            }
        } catch (java.sql.SQLException e) {
            own = null;
        }
        this.pool = own;
        this.jdbc = JdbcClient.create(target);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(target);
        // the caller's transaction keeps its synchronizations: this one neither joins nor triggers them
        manager.setTransactionSynchronization(DataSourceTransactionManager.SYNCHRONIZATION_NEVER);
        this.tx = new TransactionTemplate(manager);
    }

    /** Runs the write in a transaction of this pool and commits it. */
    public <T> T inOwnTransaction(java.util.function.Function<JdbcClient, T> write) {
        return tx.execute(status -> write.apply(jdbc));
    }

    @Override
    public void destroy() {
        if (pool != null) {
            pool.close();
        }
    }
}
