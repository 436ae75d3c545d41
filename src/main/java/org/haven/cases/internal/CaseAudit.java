package org.haven.cases.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.springframework.stereotype.Component;

/**
 * Audit calls of the cases module, in the caller's transaction (if the audit row cannot be written, the read or
 * change fails with it). Subjects are case ids under the type {@code case}, so the per-survivor access log is a query
 * by case id.
 */
@Component
public class CaseAudit {

    public static final String SUBJECT = "case";

    private final AuditLog log;

    CaseAudit(AuditLog log) {
        this.log = log;
    }

    public void read(Collection<UUID> caseIds) {
        if (!caseIds.isEmpty()) {
            log.record(AuditEntry.read(SUBJECT, List.copyOf(caseIds)));
        }
    }

    /**
     * A refused attempt to reach a case, written in its own transaction so it survives the rollback of the refused
     * request. Called before anything else of the request is audited, so it never waits on its own chain lock.
     */
    public void denied(String action, UUID caseId, org.haven.shared.Actor actor) {
        log.recordIndependently(AuditEntry.denied(SUBJECT, action, caseId), actor, actor.username());
    }

    public void change(String action, UUID caseId) {
        log.record(AuditEntry.change(SUBJECT, action, List.of(caseId)));
    }
}
