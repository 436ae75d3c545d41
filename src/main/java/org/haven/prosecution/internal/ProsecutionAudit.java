package org.haven.prosecution.internal;

import java.util.Collection;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Every read of survivor- or suspect-level data and every change, recorded in the same transaction through the audit
 * module. One place so the subject types and action names stay consistent.
 */
@Component
public class ProsecutionAudit {

    public void read(String subjectType, Collection<UUID> ids) {
        // TODO(#5): AuditLog.record(AuditEntry.read(subjectType, ids)) once the audit module lands on main
    }

    public void change(String subjectType, String action, Collection<UUID> ids) {
        // TODO(#5): AuditLog.record(AuditEntry.change(subjectType, action, ids)) once the audit module lands on main
    }
}
