package org.haven.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user as administrators see it: never the password hash or the second-factor secret, only whether a factor is
 * enrolled and whether the account is locked until some time. {@code email} (null if none) and {@code language}
 * ({@code en} or {@code km}) are where and in which language e-mail notifications go.
 */
public record UserSummary(UUID id, String username, String displayName, UUID organisationId, String organisationName,
        Set<Role> roles, boolean enabled, boolean secondFactorEnrolled, boolean secondFactorRequired,
        boolean mfaExempt, Instant lockedUntil, String email, String language) {
}
