package org.haven.security.internal;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The one place where the security module writes to the audit trail, so the event names stay consistent. Called
 * inside the transaction of the action it records.
 */
@Component
public class SecurityAudit {

    public void signInSucceeded(UUID userId, String channel) {
    }

    public void signInFailed(UUID userIdOrNull, String channel) {
    }

    public void passwordAccepted(UUID userId) {
    }

    public void secondFactorFailed(UUID userId, String channel) {
    }

    public void secondFactorEnrolled(UUID userId) {
    }

    public void lockedOut(UUID userId) {
    }

    public void tokenIssued(UUID userId, UUID tokenId) {
    }

    public void tokenRevoked(UUID userId, UUID tokenId) {
    }

    /** An administrative change ({@code action} like {@code user.disable}) of a user or organisation. */
    public void adminChange(String subjectType, String action, UUID subjectId, Map<String, Object> details) {
    }
}
