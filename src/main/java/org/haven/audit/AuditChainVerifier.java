package org.haven.audit;

import java.security.MessageDigest;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.haven.audit.internal.AuditHashing;
import org.haven.audit.internal.AuditRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the audit hash chain and names the first entry that breaks it.
 *
 * <p>Walks {@code audit_event} in id order inside one read-only REPEATABLE READ transaction (a consistent snapshot,
 * so concurrent writers do not disturb it), streaming rows. Detects: an edited row (its recomputed hash differs), a
 * deleted row (ids are gapless, and the next row's {@code prev_hash} no longer matches), a deleted last row (the chain
 * head names a later id), and reordered rows (the id is hashed, so contents moved to another id fail there). It
 * cannot detect a rewrite of the whole chain from some point on by someone who also recomputes every later hash and
 * the head; record the printed head hash outside the database (e.g. in the operations log) to anchor it.
 *
 * <p>Read-only; no side effects.
 */
@Service
public class AuditChainVerifier {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public AuditChainVerifier(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * The outcome of a verification.
     *
     * @param intact         true if every entry and the chain head check out
     * @param count          entries checked before the first break (all of them if intact)
     * @param firstBrokenId  id of the first broken (edited, missing or misplaced) entry; null if intact
     * @param problem        one line saying what is wrong; null if intact
     * @param headHash       hex hash of the last intact entry (anchor it outside the database)
     */
    public record Result(boolean intact, long count, Long firstBrokenId, String problem, String headHash) {
    }

    public Result verify() {
        return snapshot.execute(status -> walk());
    }

    private Result walk() {
        long[] expectedId = {1};
        byte[][] prev = {AuditHashing.GENESIS};
        Result[] broken = {null};
        try {
            jdbc.query("select " + AuditRows.COLUMNS + ", prev_hash, hash from audit_event order by id", rs -> {
            long id = rs.getLong("id");
            long count = expectedId[0] - 1;
            if (id != expectedId[0]) {
                broken[0] = broken(count, expectedId[0], "entry " + expectedId[0] + " is missing (next entry is " + id + ")", prev[0]);
                throw STOP;
            }
            byte[] storedPrev = rs.getBytes("prev_hash");
            byte[] storedHash = rs.getBytes("hash");
            if (!MessageDigest.isEqual(storedPrev, prev[0])) {
                broken[0] = broken(count, id, "entry " + id + " does not follow entry " + (id - 1)
                        + " (previous hash differs: a row was deleted, replaced or moved)", prev[0]);
                throw STOP;
            }
            byte[] recomputed = AuditHashing.hash(AuditRows.event(rs), prev[0]);
            if (!MessageDigest.isEqual(recomputed, storedHash)) {
                broken[0] = broken(count, id, "entry " + id + " was altered (its contents do not match its hash)", prev[0]);
                throw STOP;
            }
            prev[0] = storedHash;
            expectedId[0]++;
            });
        } catch (StopWalk stop) {
            // first break found: stop reading the rest of the table
        }
        if (broken[0] != null) {
            return broken[0];
        }
        long count = expectedId[0] - 1;
        var head = jdbc.queryForMap("select last_id, last_hash from audit_chain_head where singleton");
        long headId = ((Number) head.get("last_id")).longValue();
        byte[] headHash = (byte[]) head.get("last_hash");
        if (headId != count) {
            return broken(count, count + 1, "entry " + (count + 1) + " is missing (the chain head names entry " + headId
                    + " as the last one)", prev[0]);
        }
        if (!MessageDigest.isEqual(headHash, prev[0])) {
            return broken(count, count, "the chain head does not match entry " + count, prev[0]);
        }
        return new Result(true, count, null, null, HexFormat.of().formatHex(prev[0]));
    }

    private static final StopWalk STOP = new StopWalk();

    private static final class StopWalk extends RuntimeException {
        StopWalk() {
            super(null, null, false, false);
        }
    }

    private static Result broken(long count, long id, String problem, byte[] lastGood) {
        return new Result(false, count, id, problem, HexFormat.of().formatHex(lastGood));
    }
}
