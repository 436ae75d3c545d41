package org.haven.audit;

import java.util.List;
import java.util.UUID;

import org.haven.audit.internal.AuditRows;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who did what to a record: the audit events that name it, newest first, a page at a time. The module that owns the
 * record decides who may see this (typically a supervisor of the owning organisation) and audits that view itself.
 *
 * <p>Read-only; no side effects. Served by the GIN index on {@code subject_ids}.
 */
@Service
public class AccessReport {

    private final JdbcClient jdbc;

    public AccessReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Events whose subject is this record ({@code subjectType}, e.g. {@code case}, and its id), newest first. */
    @Transactional(readOnly = true)
    public Page<AuditEvent> eventsFor(String subjectType, Object subjectId, Pageable pageable) {
        String id = String.valueOf(subjectId);
        long total = jdbc.sql("select count(*) from audit_event where subject_type = ? and subject_ids @> array[?]::text[]")
                .params(subjectType, id).query(Long.class).single();
        List<AuditEvent> events = jdbc.sql("select " + AuditRows.COLUMNS + " from audit_event "
                        + "where subject_type = ? and subject_ids @> array[?]::text[] order by id desc limit ? offset ?")
                .params(subjectType, id, pageable.getPageSize(), pageable.getOffset())
                .query((rs, n) -> AuditRows.event(rs)).list();
        return new PageImpl<>(events, pageable, total);
    }

    /** Events done by this user, newest first (for an administrator reviewing an account). */
    @Transactional(readOnly = true)
    public Page<AuditEvent> eventsBy(UUID userId, Pageable pageable) {
        long total = jdbc.sql("select count(*) from audit_event where actor_user_id = ?").param(userId)
                .query(Long.class).single();
        List<AuditEvent> events = jdbc.sql("select " + AuditRows.COLUMNS + " from audit_event "
                        + "where actor_user_id = ? order by id desc limit ? offset ?")
                .params(userId, pageable.getPageSize(), pageable.getOffset())
                .query((rs, n) -> AuditRows.event(rs)).list();
        return new PageImpl<>(events, pageable, total);
    }
}
