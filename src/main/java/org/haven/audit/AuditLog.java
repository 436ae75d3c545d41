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
 * Writes audit events: one append-only row of {@code audit_event} per call, hash-chained once committed.
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
 * Writing an event is one plain insert: audited transactions do not wait for one another. The event is added to the
 * hash chain after its transaction commits, by {@link org.haven.audit.internal.AuditSealer} (about once a second, and
 * by {@link AuditChainVerifier#verify()} before it checks). Until then it is an ordinary append-only row; the window
 * in which a database superuser could alter or remove it undetected is that second. See
 * {@code docs/decisions/0003-audit-sealed-after-commit.md} for why the chain moved out of the writing transaction
 * (it serialised every audited request, including every read of a case).
 *
 * <p>Logs never carry the entry's contents beyond the event id and action.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** MDC key of the request id (set by the web module's request-id filter). */
    public static final String REQUEST_ID_KEY = "requestId";

    private final JdbcClient jdbc;
    private final org.haven.audit.internal.IndependentAuditPool independent;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, org.haven.audit.internal.IndependentAuditPool independent) {
        this.jdbc = jdbc;
        this.independent = independent;
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
     * Records in a new transaction that commits whatever happens to the caller's (failed sign-ins, lockouts, refused
     * reads), on a connection of its own pool ({@link org.haven.audit.internal.IndependentAuditPool}): never a second
     * connection of the application's pool while the caller holds one.
     */
    public long recordIndependently(AuditEntry entry, Actor actor, String username) {
        return independent.inOwnTransaction(own -> append(own, entry, actor, username));
    }

    private long append(AuditEntry entry, Actor actor, String claimedUsername) {
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            throw new IllegalStateException("Audit events cannot be written in a read-only transaction: "
                    + "run audited reads in a read-write transaction (@Transactional without readOnly)");
        }
        return append(jdbc, entry, actor, claimedUsername);
    }

    private long append(JdbcClient jdbc, AuditEntry entry, Actor actor, String claimedUsername) {
        UUID userId = actor == null ? null : actor.userId();
        String username = actor != null ? actor.username() : claimedUsername;
        if (username != null && username.length() > 100) {
            username = username.substring(0, 100);
        }
        UUID organisationId = actor == null ? null : actor.organisationId();
        Set<String> roles = actor == null || actor.roleNames() == null ? Set.of() : actor.roleNames();
        String requestId = MDC.get(REQUEST_ID_KEY);
        String detailsJson = AuditRows.detailsJson(entry.details());

        Instant at = AuditHashing.truncate(clock.instant());
        long id = jdbc.sql("""
                insert into audit_event (occurred_at, actor_user_id, actor_username, actor_organisation_id,
                    actor_roles, action, outcome, subject_type, subject_ids, purpose, request_id, details)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                returning id""")
                .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), userId, username, organisationId,
                        roles.toArray(String[]::new), entry.action(), entry.outcome().name(), entry.subjectType(),
                        entry.subjectIds().toArray(String[]::new), entry.purpose(), requestId, detailsJson)
                .query(Long.class).single();
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

}
