package org.haven.security.internal;

import java.util.Map;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.audit.AuditOutcome;
import org.haven.security.internal.UserAccounts.Account;
import org.springframework.stereotype.Component;

/**
 * The one place where the security module writes to the audit trail, so event names stay consistent:
 * {@code auth.sign-in}, {@code auth.password} (accepted, second factor due), {@code auth.second-factor},
 * {@code auth.second-factor.enrol}, {@code auth.lockout}, {@code auth.token.issue}, {@code auth.token.revoke}, and
 * administrative changes ({@code user.create}, {@code user.disable}, {@code organisation.create} ...). Each call joins
 * the caller's transaction, so a failure counter and its audit row commit together.
 *
 * <p>A failed sign-in for an unknown username records no username at all: what people type into the username field
 * is sometimes their password.
 */
@Component
public class SecurityAudit {

    /** Username recorded for changes made from the command line or at start-up (no signed-in user). */
    public static final String SYSTEM = "system";

    private final AuditLog log;

    SecurityAudit(AuditLog log) {
        this.log = log;
    }

    public void signInSucceeded(Account account, String channel) {
        log.record(about("auth.sign-in", AuditOutcome.SUCCESS, account).withDetail("channel", channel),
                account.toCurrentUser());
    }

    public void signInFailed(Account accountOrNull, String channel) {
        if (accountOrNull == null) {
            log.record(AuditEntry.security("auth.sign-in", AuditOutcome.FAILURE).withDetail("channel", channel)
                    .withDetail("knownUser", false), (String) null);
        } else {
            log.record(about("auth.sign-in", AuditOutcome.FAILURE, accountOrNull).withDetail("channel", channel),
                    accountOrNull.username());
        }
    }

    public void passwordAccepted(Account account, String channel) {
        log.record(about("auth.password", AuditOutcome.SUCCESS, account).withDetail("channel", channel),
                account.username());
    }

    public void secondFactorSucceeded(Account account, String channel) {
        log.record(about("auth.second-factor", AuditOutcome.SUCCESS, account).withDetail("channel", channel),
                account.username());
    }

    public void secondFactorFailed(Account account, String channel) {
        log.record(about("auth.second-factor", AuditOutcome.FAILURE, account).withDetail("channel", channel),
                account.username());
    }

    public void secondFactorEnrolled(Account account) {
        log.record(about("auth.second-factor.enrol", AuditOutcome.SUCCESS, account), account.username());
    }

    public void lockedOut(Account account) {
        log.record(about("auth.lockout", AuditOutcome.SUCCESS, account), account.username());
    }

    public void tokenIssued(Account account, UUID tokenId) {
        log.record(AuditEntry.change("api-token", "auth.token.issue", tokenId).withDetail("userId", account.id()),
                account.toCurrentUser());
    }

    public void tokenRevoked(UUID userId, UUID tokenId) {
        log.record(AuditEntry.change("api-token", "auth.token.revoke", tokenId).withDetail("userId", userId));
    }

    /**
     * An administrative change of a user or organisation by the signed-in administrator, or by {@link #SYSTEM} when
     * nobody is signed in (command line, demo data).
     */
    public void adminChange(String subjectType, String action, UUID subjectId, Map<String, ?> details) {
        AuditEntry entry = AuditEntry.change(subjectType, action, subjectId);
        for (Map.Entry<String, ?> d : details.entrySet()) {
            entry = entry.withDetail(d.getKey(), d.getValue());
        }
        if (org.haven.security.CurrentUser.find().isPresent()) {
            log.record(entry);
        } else {
            log.record(entry, SYSTEM);
        }
    }

    private static AuditEntry about(String action, AuditOutcome outcome, Account account) {
        return new AuditEntry(action, outcome, "user", java.util.List.of(account.id().toString()), null, null);
    }
}
