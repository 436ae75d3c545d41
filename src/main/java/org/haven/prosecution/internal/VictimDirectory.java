package org.haven.prosecution.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.haven.security.OrganisationType;

/**
 * What prosecution needs to know about a survivor's case, answered by the cases module: who owns the case, who its
 * caseworker is, and whether the survivor's consent for legal proceedings covers an organisation on a date. A port
 * rather than a direct call because the cases API lands after this module; {@link CasesVictimDirectory} answers it
 * through cases' public API once that is on main.
 */
public interface VictimDirectory {

    /** The owning organisation and assigned caseworker of a case, if it exists. */
    Optional<CaseParty> find(UUID caseId);

    /** Whether the survivor's consent for legal proceedings covers this organisation on this date. */
    boolean legalProceedingsConsent(UUID caseId, UUID recipientOrganisationId, OrganisationType recipientType,
            LocalDate on);

    /** A case as prosecution sees it: ids only. {@code caseworkerId} may be null (unassigned). */
    record CaseParty(UUID caseId, UUID organisationId, UUID caseworkerId) {
    }
}
