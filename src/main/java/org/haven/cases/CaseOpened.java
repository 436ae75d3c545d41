package org.haven.cases;

import java.util.UUID;

/** Published when a survivor is registered and a case opened; carries ids only. */
public record CaseOpened(UUID caseId, UUID organisationId) {
}
