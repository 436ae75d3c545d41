package org.haven.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@HavenIntegrationTest
class AuditLogIT {

    @Autowired
    AuditLog auditLog;
    @Autowired
    AccessReport accessReport;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
        MDC.clear();
    }

    @Test
    void recordsTheSignedInActorRequestIdAndEntry() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        CurrentUser user = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        SecurityFixtures.signIn(user);
        MDC.put("requestId", "req-123");
        UUID caseId = UUID.randomUUID();

        long id = auditLog.record(AuditEntry.read("case", caseId).withPurpose("follow-up").withDetail("view", "summary"));

        Map<String, Object> row = jdbc.sql("select * from audit_event where id = ?").param(id).query().singleRow();
        assertThat(row.get("actor_user_id")).isEqualTo(user.userId());
        assertThat(row.get("actor_username")).isEqualTo(user.username());
        assertThat(row.get("actor_organisation_id")).isEqualTo(user.organisationId());
        assertThat(row.get("action")).isEqualTo("case.read");
        assertThat(row.get("outcome")).isEqualTo("SUCCESS");
        assertThat(row.get("request_id")).isEqualTo("req-123");
        assertThat(row.get("purpose")).isEqualTo("follow-up");
        assertThat(jdbc.sql("select details->>'view' from audit_event where id = ?").param(id).query(String.class).single())
                .isEqualTo("summary");
        assertThat(jdbc.sql("select actor_roles from audit_event where id = ?").param(id)
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).single()).containsExactly("CASEWORKER");
    }

    @Test
    void eventWithoutSignedInUserCarriesTheClaimedUsername() {
        long id = auditLog.record(AuditEntry.security("auth.sign-in", AuditOutcome.FAILURE), "no.such.user");
        Map<String, Object> row = jdbc.sql("select * from audit_event where id = ?").param(id).query().singleRow();
        assertThat(row.get("actor_user_id")).isNull();
        assertThat(row.get("actor_username")).isEqualTo("no.such.user");
        assertThat(row.get("outcome")).isEqualTo("FAILURE");
    }

    @Test
    void rolledBackTransactionLeavesNoAuditRow() {
        String marker = UUID.randomUUID().toString();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            auditLog.record(AuditEntry.change("case", "case.update", marker));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(countNaming(marker)).isZero();
    }

    @Test
    void failingAuditWriteRollsBackTheChangeEvenIfTheCallerSwallowsIt() {
        String orgName = "Test audit rollback " + UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            jdbc.sql("insert into organisation (id, name, type, country_code) values (?, ?, 'NGO', 'KH')")
                    .params(UUID.randomUUID(), orgName).update();
            try {
                // PostgreSQL refuses NUL characters in text: the audit insert fails in the database.
                auditLog.record(AuditEntry.change("organisation", "organisation.create", "x").withDetail("bad", "a\u0000b"));
            } catch (RuntimeException swallowed) {
                // a careless caller
            }
        })).isInstanceOf(UnexpectedRollbackException.class);
        assertThat(jdbc.sql("select count(*) from organisation where name = ?").param(orgName).query(Integer.class).single())
                .isZero();
    }

    @Test
    void readOnlyTransactionIsRefusedWithAClearMessage() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setReadOnly(true);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> auditLog.record(AuditEntry.read("case", "1"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    }

    @Test
    void recordIndependentlySurvivesTheCallersRollback() {
        String marker = UUID.randomUUID().toString();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            auditLog.recordIndependently(AuditEntry.denied("case", "case.read", marker), null, "test.someone");
            throw new IllegalStateException("sign-in failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(countNaming(marker)).isEqualTo(1);
    }

    /**
     * As many callers as the application's pool has connections each hold one in their transaction and then record
     * independently: with the independent write taking a second connection of the same pool, every caller waited
     * for the pool's 5-second timeout and failed. Now each finishes at once, and its event commits.
     */
    @Test
    void independentWritesNeverWaitOnTheApplicationsPool(@Autowired javax.sql.DataSource dataSource)
            throws Exception {
        int size = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();
        String marker = UUID.randomUUID().toString();
        java.util.concurrent.CyclicBarrier allHolding = new java.util.concurrent.CyclicBarrier(size);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(size);
        try {
            long start = System.nanoTime();
            java.util.List<java.util.concurrent.Future<Long>> done = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                done.add(pool.submit(() -> new TransactionTemplate(transactions).execute(s -> {
                    jdbc.sql("select 1").query(Integer.class).single(); // holds a connection of the pool
                    try {
                        allHolding.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return auditLog.recordIndependently(AuditEntry.denied("case", "case.read", marker), null,
                            "test.someone");
                })));
            }
            for (java.util.concurrent.Future<Long> f : done) {
                assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS)).isPositive();
            }
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(4));
        } finally {
            pool.shutdownNow();
        }
        assertThat(countNaming(marker)).isEqualTo(size);
    }

    @Test
    void accessReportListsEventsNamingARecordNewestFirstPaged() {
        String caseId = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        auditLog.record(AuditEntry.read("case", caseId));
        auditLog.record(AuditEntry.change("case", "case.update", caseId, other));
        auditLog.record(AuditEntry.read("case", other));
        auditLog.record(AuditEntry.read("referral", caseId)); // same id, other type: not this record
        auditLog.record(AuditEntry.change("case", "case.close", caseId));

        Page<AuditEvent> first = accessReport.eventsFor("case", caseId, PageRequest.of(0, 2));
        assertThat(first.getTotalElements()).isEqualTo(3);
        assertThat(first.getContent()).extracting(AuditEvent::action).containsExactly("case.close", "case.update");
        Page<AuditEvent> second = accessReport.eventsFor("case", caseId, PageRequest.of(1, 2));
        assertThat(second.getContent()).extracting(AuditEvent::action).containsExactly("case.read");
        assertThat(second.getContent().get(0).subjectIds()).containsExactly(caseId);
    }

    private int countNaming(String id) {
        return jdbc.sql("select count(*) from audit_event where subject_ids @> array[?]::text[]").param(id)
                .query(Integer.class).single();
    }
}
