package org.haven.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.internal.AuditHashing;
import org.haven.audit.internal.AuditRows;
import org.haven.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes audit events: one append-only, hash-chained row of {@code audit_event} per call.
 *
 * <h2>Transactions</h2>
 * {@link #record(AuditEntry)} joins the caller's transaction ({@link Propagation#REQUIRED}): the event commits or
 * rolls back with the action it records. If the row cannot be written the exception propagates and the caller's
 * transaction is marked rollback-only — even if the caller catches the exception, its commit fails — so an action is
 * never carried out unaudited. A call outside any transaction (for example a read served without one) is still
 * audited, in a transaction of its own; callers should nevertheless read and audit in one transaction so that a
 * failing audit write also withholds the data. A <em>read-only</em> transaction cannot hold the insert: the call is
 * refused with an {@link IllegalStateException} (use {@code @Transactional} without {@code readOnly} for audited
 * reads). {@link #recordIndependently} writes in a new transaction that commits even if the caller's rolls back
 * (failed sign-in inside a transaction that is about to fail).
 *
 * <h2>Who, when, which request</h2>
 * The actor is the Spring Security principal when it implements {@link Actor}; otherwise the event has no actor
 * (use the overloads taking an actor or a username, e.g. for a failed sign-in). The request id comes from the SLF4J
 * MDC key {@code requestId}.
 *
 * <h2>Chain and concurrency</h2>
 * Each row's hash is SHA-256 over its canonical serialisation and the previous row's hash
 * ({@link AuditHashing}). Appends are serialised by a row lock on the single {@code audit_chain_head} row, taken with
 * {@code SELECT … FOR UPDATE} and held until the caller's transaction ends: the next writer must see this row's hash,
 * which it can only do after this transaction commits. Trade-off: audited transactions are serialised from their
 * first audit call to their commit, so chain throughput is bounded by how long that section lasts: three short
 * statements (lock the head, insert, move the head) plus whatever the caller still does, plus the commit. When
 * callers audit as the last step of a short transaction the commit dominates ({@code AuditChainIT} prints the
 * measured rate; 73–192 events/s with 8 threads on a busy 2-core machine).
 * Callers should record late in the transaction and keep transactions short. A row lock rather than an advisory lock
 * because under REPEATABLE READ/SERIALIZABLE a stale snapshot would make an advisory-lock design read an old "last
 * hash" and silently fork the chain, while a row lock makes PostgreSQL raise a serialisation failure instead.
 * Two transactions that each hold a row the other wants and both audit can deadlock; PostgreSQL detects it and aborts
 * one (which then fails as a whole, as it must).
 *
 * <p>Logs never carry the entry's contents beyond the event id and action.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** MDC key of the request id (set by the web module's request-id filter). */
    public static final String REQUEST_ID_KEY = "requestId";

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /**
     * Records the entry as done by the signed-in user (none if nobody is signed in), in the caller's transaction.
     *
     * @return the id of the new event
     * @throws IllegalStateException if called inside a read-only transaction
     * @throws org.springframework.dao.DataAccessException if the row cannot be written (the transaction then rolls back)
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long record(AuditEntry entry) {
        return append(entry, currentActor(), null);
    }

    /** Records the entry as done by this actor (jobs, or events about a user who is not yet signed in). */
    @Transactional(propagation = Propagation.REQUIRED)
    public long record(AuditEntry entry, Actor actor) {
        return append(entry, actor, null);
    }

    /**
     * Records an event with only a claimed username and no actor (a failed sign-in for a name that may not exist).
     * The username is stored as typed, cut to 100 characters.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long record(AuditEntry entry, String username) {
        return append(entry, null, username);
    }

    /**
     * Records in a new transaction that commits whatever happens to the caller's (failed sign-ins, lockouts).
     * Must not be called in a transaction that has already recorded an event: that transaction holds the chain lock
     * and the new one would wait for it; a 5-second lock timeout turns that mistake into an exception, not a hang.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long recordIndependently(AuditEntry entry, Actor actor, String username) {
        jdbc.sql("set local lock_timeout = '5s'").update();
        return append(entry, actor, username);
    }

    private long append(AuditEntry entry, Actor actor, String claimedUsername) {
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            throw new IllegalStateException("Audit events cannot be written in a read-only transaction: "
                    + "run audited reads in a read-write transaction (@Transactional without readOnly)");
        }
        UUID userId = actor == null ? null : actor.userId();
        String username = actor != null ? actor.username() : claimedUsername;
        if (username != null && username.length() > 100) {
            username = username.substring(0, 100);
        }
        UUID organisationId = actor == null ? null : actor.organisationId();
        Set<String> roles = actor == null || actor.roleNames() == null ? Set.of() : actor.roleNames();
        String requestId = MDC.get(REQUEST_ID_KEY);
        String detailsJson = AuditRows.detailsJson(entry.details());

        // Locked section: from here to the caller's commit. Only the three statements below happen inside it.
        ChainHead head = jdbc.sql("select last_id, last_hash from audit_chain_head where singleton for update")
                .query((rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2))).single();
        long id = head.lastId() + 1;
        Instant at = AuditHashing.truncate(clock.instant());
        AuditEvent event = new AuditEvent(id, at, userId, username, organisationId, roles, entry.action(),
                entry.outcome(), entry.subjectType(), entry.subjectIds(), entry.purpose(), requestId, entry.details());
        byte[] hash = AuditHashing.hash(event, head.lastHash());
        jdbc.sql("""
                insert into audit_event (id, occurred_at, actor_user_id, actor_username, actor_organisation_id,
                    actor_roles, action, outcome, subject_type, subject_ids, purpose, request_id, details,
                    prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)""")
                .params(id, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), userId, username, organisationId,
                        roles.toArray(String[]::new), entry.action(), entry.outcome().name(), entry.subjectType(),
                        entry.subjectIds().toArray(String[]::new), entry.purpose(), requestId, detailsJson,
                        head.lastHash(), hash)
                .update();
        jdbc.sql("update audit_chain_head set last_id = ?, last_hash = ? where singleton").params(id, hash).update();
        log.debug("Audit event {} recorded: {}", id, entry.action());
        return id;
    }

    private static Actor currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        return null;
    }

    private record ChainHead(long lastId, byte[] lastHash) {
    }
}
