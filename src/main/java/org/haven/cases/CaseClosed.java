package org.haven.cases;

import java.util.UUID;

/** Published when a supervisor closes a case (consumers may end referrals or follow-up reminders). */
public record CaseClosed(UUID caseId, UUID organisationId, String reason) {
}
