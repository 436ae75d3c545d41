package org.haven.prosecution;

import java.util.UUID;

/**
 * Published when a survivor linked to a proceeding as a victim is also recorded as a suspect (or charged) in any
 * proceeding: the non-punishment principle is at stake. Ids only.
 */
public record NonPunishmentFlagRaised(UUID caseId, UUID victimLinkId, UUID suspectId) {
}
