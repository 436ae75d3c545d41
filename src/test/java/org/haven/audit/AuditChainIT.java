package org.haven.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.haven.HavenApplication;
import org.haven.HavenIntegrationTest;
import org.haven.audit.internal.AuditSealer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chain under concurrency, and tampering by a database superuser. Every tampering test restores the rows it
 * touched: the JVM-wide test database is shared with the other test classes.
 */
@HavenIntegrationTest
class AuditChainIT {

    @Autowired
    AuditLog auditLog;
    @Autowired
    AuditChainVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuditSealer sealer;

    @Test
    void chainStaysIntactUnderConcurrentWritersAndRollbacks() throws Exception {
        long before = verifier.verify().count();
        int threads = 8;
        int perThread = 50;
        AtomicInteger committed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    TransactionTemplate tx = new TransactionTemplate(transactions);
                    for (int i = 0; i < perThread; i++) {
                        boolean rollBack = i % 10 == 9;
                        String subject = "t" + thread + "-" + i;
                        tx.executeWithoutResult(s -> {
                            auditLog.record(AuditEntry.change("test", "test.concurrent", subject));
                            if (rollBack) {
                                s.setRollbackOnly();
                            }
                        });
                        if (!rollBack) {
                            committed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("AuditChainIT: %d threads appended %d events (plus %d rolled back) in %.2f s: %.0f events/s%n",
                threads, committed.get(), threads * perThread - committed.get(), seconds,
                threads * perThread / seconds);
        AuditChainVerifier.Result result = verifier.verify();
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.count()).isEqualTo(before + committed.get());
        assertThat(committed.get()).isEqualTo(threads * perThread * 9 / 10);
    }

    @Test
    void auditedTransactionsDoNotWaitForEachOtherAndAreSealedInTransactionOrderOnceCommitted() throws Exception {
        CountDownLatch firstRecorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] firstId = new long[1];
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                firstId[0] = auditLog.record(AuditEntry.change("test", "test.long-running", "first"));
                firstRecorded.countDown();
                try {
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(firstRecorded.await(30, TimeUnit.SECONDS)).isTrue();
            // Under the old design this second transaction waited for the first one's commit (chain-head lock).
            long start = System.nanoTime();
            long secondId = new TransactionTemplate(transactions).execute(
                    s -> auditLog.record(AuditEntry.change("test", "test.concurrent", "second")));
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to record beside an open audited transaction")
                    .isLessThan(5_000);
            sealer.seal();
            // The first transaction is still running: neither event is sealed (the second's xid is newer).
            assertThat(sealedPosition(firstId[0])).isNull();
            assertThat(sealedPosition(secondId)).isNull();
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            sealer.seal();
            assertThat(sealedPosition(firstId[0])).isNotNull();
            assertThat(sealedPosition(secondId)).isGreaterThan(sealedPosition(firstId[0]));
        } finally {
            release.countDown();
            pool.shutdown();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void anEventSlippedInAmongSealedOnesIsDetected() {
        threeEvents();
        long forged = new TransactionTemplate(transactions).execute(s -> {
            jdbc.sql("set local session_replication_role = replica").update();
            return jdbc.sql("insert into audit_event (occurred_at, action, outcome, xid) values (now(), "
                    + "'case.forged', 'SUCCESS', '2') returning id").query(Long.class).single();
        });
        try {
            AuditChainVerifier.Result result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(forged);
            assertThat(result.problem()).contains("not in the chain");
        } finally {
            asSuperuser(db -> db.sql("delete from audit_event where id = ?").param(forged).update());
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    private Long sealedPosition(long eventId) {
        return jdbc.sql("select seq from audit_seal where event_id = ?").param(eventId).query(Long.class)
                .optional().orElse(null);
    }

    @Test
    void theApplicationCannotUpdateOrDeleteAuditRows() {
        long id = auditLog.record(AuditEntry.security("test.append-only", AuditOutcome.SUCCESS));
        assertThatThrownBy(() -> jdbc.sql("update audit_event set action = 'x' where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .rootCause().hasMessageContaining("append-only");
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void editedRowIsDetected() {
        long id = threeEvents().get(1);
        String original = jdbc.sql("select action from audit_event where id = ?").param(id).query(String.class).single();
        try {
            asSuperuser(db -> db.sql("update audit_event set action = 'case.harmless' where id = ?").param(id).update());
            AuditChainVerifier.Result result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(id);
            assertThat(result.problem()).contains("altered");
        } finally {
            asSuperuser(db -> db.sql("update audit_event set action = ? where id = ?").params(original, id).update());
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void deletedRowIsDetected() {
        long id = threeEvents().get(1);
        String saved = save(id);
        try {
            asSuperuser(db -> db.sql("delete from audit_event where id = ?").param(id).update());
            AuditChainVerifier.Result result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(id);
            assertThat(result.problem()).contains("missing");
        } finally {
            restore(saved);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void deletedLastRowIsDetected() {
        long id = threeEvents().get(2);
        String saved = save(id);
        try {
            asSuperuser(db -> db.sql("delete from audit_event where id = ?").param(id).update());
            AuditChainVerifier.Result result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(id);
        } finally {
            restore(saved);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void swappedRowsAreDetected() {
        List<Long> ids = threeEvents();
        long a = ids.get(0);
        long b = ids.get(1);
        try {
            asSuperuser(db -> swap(db, a, b));
            AuditChainVerifier.Result result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenId()).isEqualTo(a);
        } finally {
            asSuperuser(db -> swap(db, a, b));
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void auditVerifyCommandExitsZeroWithTheCountOrOneNamingTheBrokenEntry() {
        long id = threeEvents().get(0);
        long count = verifier.verify().count();
        Output ok = run("audit", "verify");
        assertThat(ok.status).as(ok.err).isZero();
        assertThat(ok.out).contains("intact").contains(count + " entries");

        String original = jdbc.sql("select purpose from audit_event where id = ?").param(id).query(String.class).optional().orElse(null);
        try {
            asSuperuser(db -> db.sql("update audit_event set purpose = 'edited' where id = ?").param(id).update());
            Output broken = run("audit", "verify");
            assertThat(broken.status).isEqualTo(1);
            assertThat(broken.err).contains("entry " + id);
        } finally {
            asSuperuser(db -> db.sql("update audit_event set purpose = ? where id = ?").params(original, id).update());
        }
    }

    private record Output(int status, String out, String err) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HavenApplication.runCommand(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Three events, sealed into the chain (tampering before sealing is the documented one-second window). */
    private List<Long> threeEvents() {
        List<Long> ids = List.of(auditLog.record(AuditEntry.read("case", "tamper-1")),
                auditLog.record(AuditEntry.change("case", "case.update", "tamper-2").withDetail("field", "status")),
                auditLog.record(AuditEntry.read("case", "tamper-3")));
        assertThat(verifier.verify().intact()).isTrue();
        return ids;
    }

    /**
     * As the PostgreSQL superuser (the embedded server's user) with triggers off for this transaction: what an
     * attacker with database access could do.
     */
    private void asSuperuser(Consumer<JdbcClient> change) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            jdbc.sql("set local session_replication_role = replica").update();
            change.accept(jdbc);
        });
    }

    private static final String NON_ID_COLUMNS = "occurred_at, actor_user_id, actor_username, actor_organisation_id, "
            + "actor_roles, action, outcome, subject_type, subject_ids, purpose, request_id, details, xid";

    /** Swaps everything but the ids of two rows: the same rows, in a different order. */
    private static void swap(JdbcClient db, long a, long b) {
        String set = java.util.Arrays.stream(NON_ID_COLUMNS.split(", "))
                .map(c -> c + " = o." + c).reduce((x, y) -> x + ", " + y).orElseThrow();
        db.sql("create temporary table swap_tmp on commit drop as select * from audit_event where id in (?, ?)")
                .params(a, b).update();
        db.sql("update audit_event e set " + set + " from swap_tmp o where e.id = ? and o.id = ?").params(a, b).update();
        db.sql("update audit_event e set " + set + " from swap_tmp o where e.id = ? and o.id = ?").params(b, a).update();
    }

    /** Copies a row into a table of its own, to put it back after the test deleted it. */
    private String save(long id) {
        String table = "test_saved_audit_" + id;
        jdbc.sql("create table " + table + " as select * from audit_event where id = ?").param(id).update();
        return table;
    }

    private void restore(String table) {
        asSuperuser(db -> db.sql("insert into audit_event select * from " + table).update());
        jdbc.sql("drop table " + table).update();
    }
}
