package org.haven.prosecution.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes in-app notifications (table {@code prosecution_notification}): ids and message keys only, never names. A
 * notification goes to one user, or to every user of an organisation holding a role.
 */
@Component
public class Notifier {

    /** Kinds, also the suffix of the message key {@code prosecution.notification.<kind>}. */
    public static final String HEARING = "HEARING_SCHEDULED";
    public static final String NON_PUNISHMENT = "NON_PUNISHMENT";

    /** One notification as the panel shows it. */
    public record Note(UUID id, String kind, UUID proceedingId, Instant dueAt, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    Notifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void toUser(UUID userId, String kind, UUID proceedingId, UUID subjectId, Instant dueAt) {
        jdbc.sql("insert into prosecution_notification (id, recipient_user_id, kind, proceeding_id, subject_id, due_at) "
                + "values (?, ?, ?, ?, ?, ?)").params(UUID.randomUUID(), userId, kind, proceedingId, subjectId,
                        dueAt == null ? null : java.sql.Timestamp.from(dueAt)).update();
    }

    public void toRole(UUID organisationId, String role, String kind, UUID proceedingId, UUID subjectId, Instant dueAt) {
        jdbc.sql("insert into prosecution_notification (id, recipient_org_id, recipient_role, kind, proceeding_id, "
                + "subject_id, due_at) values (?, ?, ?, ?, ?, ?, ?)").params(UUID.randomUUID(), organisationId, role,
                        kind, proceedingId, subjectId, dueAt == null ? null : java.sql.Timestamp.from(dueAt)).update();
    }

    /** Unread notifications for a user: addressed to them or to a role they hold in their organisation. */
    public List<Note> unread(UUID userId, UUID organisationId, java.util.Collection<String> roles, int limit) {
        return jdbc.sql("""
                select id, kind, proceeding_id, due_at, created_at from prosecution_notification
                where read_at is null and (recipient_user_id = :u
                  or (recipient_org_id = :o and recipient_role in (:roles)))
                order by created_at desc limit :limit""")
                .param("u", userId).param("o", organisationId)
                .param("roles", roles.isEmpty() ? List.of("-") : List.copyOf(roles)).param("limit", limit)
                .query((rs, n) -> new Note(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant())).list();
    }
}
