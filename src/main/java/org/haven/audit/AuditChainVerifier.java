package org.haven.audit;

import java.security.MessageDigest;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.haven.audit.internal.AuditHashing;
import org.haven.audit.internal.AuditRows;
import org.haven.audit.internal.AuditSealer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals what has committed, then recomputes the audit hash chain and names the first entry that breaks it.
 *
 * <p>First asks {@link AuditSealer} to chain every event whose transaction ended before the call (waiting up to ten
 * seconds for transactions that were still running), then walks {@code audit_seal} in chain order joined to
 * {@code audit_event}, inside one read-only REPEATABLE READ transaction (a consistent snapshot), streaming rows.
 * Detects: an edited event (its recomputed hash differs), a deleted event (its seal names an id that is gone), a
 * deleted or reordered seal (positions are gapless and each names the previous hash), a deleted last seal (the chain
 * head names a later position), and an event slipped in among sealed ones (older than the sealed bound, without a
 * seal). It cannot detect a rewrite of the whole chain from some point on by someone who also recomputes every later
 * hash and the head; record the printed head hash outside the database (e.g. in the operations log) to anchor it.
 * Events committed in the last second or so may not be sealed yet: they are counted as pending, not as broken.
 */
@Service
public class AuditChainVerifier {

    private static final long WAIT_FOR_RUNNING_MILLIS = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final AuditSealer sealer;

    public AuditChainVerifier(DataSource dataSource, PlatformTransactionManager transactions, AuditSealer sealer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.sealer = sealer;
    }

    /**
     * The outcome of a verification.
     *
     * @param intact         true if every entry and the chain head check out
     * @param count          chain entries checked before the first break (all of them if intact)
     * @param firstBrokenId  id of the first broken (edited, missing or misplaced) audit event; null if intact, or if
     *                       the break is a missing link whose event is unknown
     * @param problem        one line saying what is wrong; null if intact
     * @param headHash       hex hash of the last intact entry (anchor it outside the database)
     * @param pending        events written but not yet sealed (their transactions were still running)
     */
    public record Result(boolean intact, long count, Long firstBrokenId, String problem, String headHash,
            long pending) {
    }

    public Result verify() {
        String target = sealer.nextTransactionId();
        sealer.seal();
        long deadline = System.currentTimeMillis() + WAIT_FOR_RUNNING_MILLIS;
        while (!sealer.sealedUpTo(target) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sealer.seal();
        }
        return snapshot.execute(status -> walk());
    }

    private Result walk() {
        long[] expected = {1};
        byte[][] prev = {AuditHashing.GENESIS};
        Result[] broken = {null};
        try {
            jdbc.query("select s.seq, s.event_id, s.prev_hash as seal_prev, s.hash as seal_hash, " + AuditRows.COLUMNS
                    + " from audit_seal s left join audit_event e on e.id = s.event_id order by s.seq", rs -> {
                long seq = rs.getLong("seq");
                long eventId = rs.getLong("event_id");
                long count = expected[0] - 1;
                if (seq != expected[0]) {
                    broken[0] = broken(count, eventId, "chain position " + expected[0] + " is missing (the next is "
                            + seq + ", for entry " + eventId + ")", prev[0]);
                    throw STOP;
                }
                if (rs.getObject("id") == null) {
                    broken[0] = broken(count, eventId, "entry " + eventId + " is missing (it was sealed at chain "
                            + "position " + seq + ")", prev[0]);
                    throw STOP;
                }
                if (!MessageDigest.isEqual(rs.getBytes("seal_prev"), prev[0])) {
                    broken[0] = broken(count, eventId, "entry " + eventId + " does not follow the previous entry "
                            + "(previous hash differs: a link was deleted, replaced or moved)", prev[0]);
                    throw STOP;
                }
                byte[] stored = rs.getBytes("seal_hash");
                if (!MessageDigest.isEqual(AuditHashing.hash(AuditRows.event(rs), prev[0]), stored)) {
                    broken[0] = broken(count, eventId, "entry " + eventId + " was altered (its contents do not match "
                            + "its hash)", prev[0]);
                    throw STOP;
                }
                prev[0] = stored;
                expected[0]++;
            });
        } catch (StopWalk stop) {
            // first break found: stop reading the rest of the table
        }
        if (broken[0] != null) {
            return broken[0];
        }
        long count = expected[0] - 1;
        var head = jdbc.queryForMap("select last_id, last_hash from audit_chain_head where singleton");
        long headSeq = ((Number) head.get("last_id")).longValue();
        if (headSeq != count) {
            return broken(count, null, "chain position " + (count + 1) + " is missing (the chain head names "
                    + "position " + headSeq + " as the last one)", prev[0]);
        }
        if (!MessageDigest.isEqual((byte[]) head.get("last_hash"), prev[0])) {
            return broken(count, null, "the chain head does not match the last entry", prev[0]);
        }
        Long slipped = jdbc.queryForObject("""
                select min(e.id) from audit_event e, audit_chain_head h
                where h.singleton and e.xid < h.sealed_below
                  and h.cluster_id = (select system_identifier::text from pg_control_system())
                  and not exists (select 1 from audit_seal s where s.event_id = e.id)""", Long.class);
        if (slipped != null) {
            return broken(count, slipped, "entry " + slipped + " is not in the chain although events of its time "
                    + "are sealed (added afterwards)", prev[0]);
        }
        Long pending = jdbc.queryForObject("select count(*) from audit_event e, audit_chain_head h "
                + "where h.singleton and e.xid >= h.sealed_below", Long.class);
        return new Result(true, count, null, null, HexFormat.of().formatHex(prev[0]), pending == null ? 0 : pending);
    }

    private static final StopWalk STOP = new StopWalk();

    private static final class StopWalk extends RuntimeException {
        StopWalk() {
            super(null, null, false, false);
        }
    }

    private static Result broken(long count, Long id, String problem, byte[] lastGood) {
        return new Result(false, count, id, problem, HexFormat.of().formatHex(lastGood), 0);
    }
}
