package org.haven.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One stored audit event as read back (access report, verification). {@code actorUserId} and
 * {@code actorOrganisationId} are null for events without a signed-in user (a failed sign-in).
 */
public record AuditEvent(long id, Instant occurredAt, UUID actorUserId, String actorUsername,
        UUID actorOrganisationId, Set<String> actorRoles, String action, AuditOutcome outcome, String subjectType,
        List<String> subjectIds, String purpose, String requestId, Map<String, String> details) {
}
