package org.haven.prosecution.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.haven.security.OrganisationType;
import org.springframework.stereotype.Component;

/**
 * The answer while the cases module's consent API is not available: no case is known and no consent covers anyone,
 * so nothing about a survivor is linked or shown. Failing closed is the point: replaced by the cases-backed
 * directory as soon as {@code ConsentCheck} is on main (TODO(#5)).
 */
@Component
class UnconnectedVictimDirectory implements VictimDirectory {

    @Override
    public Optional<CaseParty> find(UUID caseId) {
        return Optional.empty();
    }

    @Override
    public boolean legalProceedingsConsent(UUID caseId, UUID recipientOrganisationId, OrganisationType type,
            LocalDate on) {
        return false;
    }
}
