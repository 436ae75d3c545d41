package org.haven.prosecution.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.haven.cases.CaseManagement;
import org.haven.cases.ConsentCheck;
import org.haven.cases.Vocabulary.Purpose;
import org.haven.security.OrganisationType;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.springframework.stereotype.Component;

/**
 * Answers {@link VictimDirectory} through the cases module's public API: consent through {@link ConsentCheck}
 * (purpose LEGAL_PROCEEDINGS); the owning organisation and caseworker of a case through
 * {@link CaseManagement#viewCase}, which only works for a user who may read the case (the case's own caseworkers
 * and legal officers, or an organisation the case is shared with) and is audited there as a case read. Known wart:
 * cases has no lean "owner and caseworker of this case" call, so this reads the whole case view to take two ids.
 */
@Component
class CasesVictimDirectory implements VictimDirectory {

    private final CaseManagement cases;
    private final ConsentCheck consent;

    CasesVictimDirectory(CaseManagement cases, ConsentCheck consent) {
        this.cases = cases;
        this.consent = consent;
    }

    @Override
    public Optional<CaseParty> find(UUID caseId) {
        try {
            var details = cases.viewCase(caseId);
            return Optional.of(new CaseParty(caseId, details.organisationId(), details.assignedCaseworkerId()));
        } catch (NotFound | Forbidden e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean legalProceedingsConsent(UUID caseId, UUID recipientOrganisationId, OrganisationType recipientType,
            LocalDate on) {
        return consent.covers(caseId, recipientOrganisationId, recipientType.name(), Purpose.LEGAL_PROCEEDINGS, on);
    }
}
