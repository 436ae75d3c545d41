package org.haven.prosecution;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published when a hearing is scheduled, after the caseworkers of linked survivors whose consent for legal
 * proceedings allows it were notified. Carries ids only; {@code caseIds} are those consent allowed to notify about.
 */
public record HearingScheduled(UUID proceedingId, UUID hearingId, Instant scheduledAt, boolean survivorTestifies,
        List<UUID> caseIds) {
}
