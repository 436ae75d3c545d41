package org.haven.prosecution;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A hearing of a proceeding, with the protective measures ordered for testifying survivors. */
public record Hearing(UUID id, int version, UUID proceedingId, Instant scheduledAt, String court, Type type,
        Outcome outcome, boolean survivorTestifies, Set<Measure> measures) {

    public enum Type { INVESTIGATING_JUDGE, PRE_TRIAL, TRIAL, VERDICT_READING, APPEAL, OTHER }

    public enum Outcome { HELD, ADJOURNED, CANCELLED, VERDICT_DELIVERED }

    /** Protective measures for a survivor who testifies. */
    public enum Measure { CLOSED_HEARING, VIDEO_TESTIMONY, SCREEN, ACCOMPANIMENT }
}
