package org.haven.prosecution.internal;

import java.util.Collection;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.springframework.stereotype.Component;

/**
 * Every read of survivor- or suspect-level data and every change, recorded through {@link AuditLog} in the caller's
 * transaction (if the audit row cannot be written, the read or change fails). One place so the subject types and
 * action names stay consistent: subject types {@code proceeding}, {@code suspect}, {@code proceeding-victim},
 * {@code case} (a survivor seen through a proceeding).
 */
@Component
public class ProsecutionAudit {

    private final AuditLog log;

    ProsecutionAudit(AuditLog log) {
        this.log = log;
    }

    public void read(String subjectType, Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            log.record(AuditEntry.read(subjectType, ids));
        }
    }

    public void readFor(String subjectType, Collection<UUID> ids, String purpose) {
        if (!ids.isEmpty()) {
            log.record(AuditEntry.read(subjectType, ids).withPurpose(purpose));
        }
    }

    public void change(String subjectType, String action, Collection<UUID> ids) {
        log.record(AuditEntry.change(subjectType, action, ids));
    }

    public void denied(String subjectType, String action, UUID id) {
        log.record(AuditEntry.denied(subjectType, action, id));
    }
}
