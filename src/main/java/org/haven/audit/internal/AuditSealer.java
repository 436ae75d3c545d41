package org.haven.audit.internal;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.haven.audit.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends committed audit events to the hash chain ({@code audit_seal}).
 *
 * <p>Each event row carries the id of the transaction that wrote it ({@code xid}). Every transaction whose id is
 * below the oldest still running ({@code pg_snapshot_xmin}) has ended, so once that bound is read, the events with
 * {@code sealed_below <= xid < xmin} are exactly the committed events that no later run will find more of. They are
 * chained in {@code (xid, id)} order, and {@code sealed_below} moves to {@code xmin}, all under the chain head's row
 * lock (two sealers — the application and {@code audit verify} in another process — take turns).
 *
 * <p>Transaction ids count per database cluster. After a restore into another cluster the head's {@code cluster_id}
 * differs from the server's: that run seals every committed event without a seal, found by comparing the two tables
 * once, and starts counting in the new cluster.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final int CHUNK = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private volatile boolean lastFailed;

    AuditSealer(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${haven.audit.seal-interval-ms:1000}", initialDelay = 1000)
    void sealPeriodically() {
        try {
            seal();
            if (lastFailed) {
                log.info("Audit sealing works again");
                lastFailed = false;
            }
        } catch (DataAccessException e) {
            if (!lastFailed) {
                log.warn("Audit sealing failed; retrying every interval: {}", e.getClass().getSimpleName());
                lastFailed = true;
            }
        }
    }

    /** Seals every event whose transaction has ended. Returns how many events were added to the chain. */
    public int seal() {
        Integer sealed = tx.execute(status -> sealInTransaction());
        return sealed == null ? 0 : sealed;
    }

    /** The next transaction id the server will hand out: every transaction that has begun writing is below it. */
    public String nextTransactionId() {
        return jdbc.queryForObject("select pg_snapshot_xmax(pg_current_snapshot())::text", String.class);
    }

    /** True once every event of transactions below {@code xid} is sealed (or the cluster changed). */
    public boolean sealedUpTo(String xid) {
        Boolean done = jdbc.queryForObject("select sealed_below >= ?::xid8 or cluster_id is distinct from "
                + "(select system_identifier::text from pg_control_system()) from audit_chain_head where singleton",
                Boolean.class, xid);
        return Boolean.TRUE.equals(done);
    }

    private int sealInTransaction() {
        Head head = jdbc.queryForObject("select last_id, last_hash, sealed_below::text, cluster_id, "
                + "(select system_identifier::text from pg_control_system()) from audit_chain_head where singleton "
                + "for update", (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getString(4),
                rs.getString(5)));
        String xmin = jdbc.queryForObject("select pg_snapshot_xmin(pg_current_snapshot())::text", String.class);
        Chain chain = new Chain(head.lastSeq(), head.lastHash());
        boolean clusterChanged = head.clusterId() != null && !head.clusterId().equals(head.currentCluster());
        String sealedBelow;
        if (clusterChanged) {
            // Restored into another cluster: transaction ids no longer compare with sealed_below. Seal what is
            // committed and unsealed, once, by comparison (the events of running transactions are invisible here).
            sealAll(chain, "select " + AuditRows.COLUMNS + " from audit_event e where not exists "
                    + "(select 1 from audit_seal s where s.event_id = e.id) order by xid, id", new Object[0]);
            log.info("Audit sealer: the database cluster changed since the last seal; sealed {} events by comparison",
                    chain.added);
            sealedBelow = xmin;
        } else if (compare(xmin, head.sealedBelow()) > 0) {
            sealAll(chain, "select " + AuditRows.COLUMNS + " from audit_event where xid >= ?::xid8 and xid < ?::xid8 "
                    + "order by xid, id", new Object[] {head.sealedBelow(), xmin});
            sealedBelow = xmin;
        } else if (head.clusterId() != null) {
            return 0;
        } else {
            sealedBelow = head.sealedBelow();
        }
        jdbc.update("update audit_chain_head set last_id = ?, last_hash = ?, sealed_below = ?::xid8, cluster_id = ? "
                + "where singleton", chain.seq, chain.hash, sealedBelow, head.currentCluster());
        return chain.added;
    }

    private void sealAll(Chain chain, String sql, Object[] args) {
        // Events in chunks of CHUNK, keyed on (xid, id), so a large backlog (a bulk import) never sits in memory.
        String keyed = sql.replace(" order by", (sql.contains(" where ") ? " and" : " where")
                + " (xid, id) > (?::xid8, ?) order by") + " limit " + CHUNK;
        String lastXid = "0";
        long lastId = 0;
        while (true) {
            Object[] params = new Object[args.length + 2];
            System.arraycopy(args, 0, params, 0, args.length);
            params[args.length] = lastXid;
            params[args.length + 1] = lastId;
            List<Row> rows = jdbc.query(keyed.replace("select " + AuditRows.COLUMNS, "select " + AuditRows.COLUMNS
                    + ", xid::text as xid_text"), (rs, n) -> new Row(AuditRows.event(rs), rs.getString("xid_text")),
                    params);
            if (rows.isEmpty()) {
                return;
            }
            List<Object[]> seals = new ArrayList<>(rows.size());
            for (Row row : rows) {
                byte[] hash = AuditHashing.hash(row.event(), chain.hash);
                chain.seq++;
                seals.add(new Object[] {chain.seq, row.event().id(), chain.hash, hash});
                chain.hash = hash;
                chain.added++;
            }
            jdbc.batchUpdate("insert into audit_seal (seq, event_id, prev_hash, hash) values (?, ?, ?, ?)", seals);
            Row last = rows.get(rows.size() - 1);
            lastXid = last.xid();
            lastId = last.event().id();
            if (rows.size() < CHUNK) {
                return;
            }
        }
    }

    /** Compares two xid8 values given as decimal text (unsigned 64-bit). */
    static int compare(String a, String b) {
        return Long.compareUnsigned(Long.parseUnsignedLong(a), Long.parseUnsignedLong(b));
    }

    private record Head(long lastSeq, byte[] lastHash, String sealedBelow, String clusterId, String currentCluster) {
    }

    private record Row(AuditEvent event, String xid) {
    }

    private static final class Chain {
        long seq;
        byte[] hash;
        int added;

        Chain(long seq, byte[] hash) {
            this.seq = seq;
            this.hash = hash;
        }
    }
}
