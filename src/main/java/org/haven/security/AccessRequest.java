package org.haven.security;

import java.util.UUID;

/**
 * One question to {@link AccessPolicy}: may {@code user} do {@code action} to the record {@code resourceId} of type
 * {@code resourceType} (e.g. {@code "case"}), for {@code purpose} (a consent purpose such as
 * {@code "case-management"} or {@code "legal-proceedings"}; may be null where no purpose applies)?
 */
public record AccessRequest(CurrentUser user, String resourceType, UUID resourceId, AccessAction action,
        String purpose) {
}
