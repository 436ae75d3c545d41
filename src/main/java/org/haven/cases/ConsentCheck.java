package org.haven.cases;

import java.time.LocalDate;
import java.util.UUID;

import org.haven.cases.Vocabulary.Purpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers "does a consent of this case, on this date, cover giving this organisation (or this type of organisation)
 * the case for this purpose?" for other modules (referrals, prosecution, reporting). Services and referrals need a
 * SHARING consent naming the organisation or its type; legal proceedings a LEGAL_PROCEEDINGS consent (naming the
 * recipient or its type, or none); statistics a STATISTICS consent. A consent covers only from the day it was given,
 * until its expiry, and never after withdrawal. Reads consent metadata only (no survivor data): not audited.
 */
@Service
public class ConsentCheck {

    private final JdbcClient jdbc;

    ConsentCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public boolean covers(UUID caseId, UUID recipientOrgId, String recipientOrgType, Purpose purpose, LocalDate date) {
        return coveringConsent(caseId, recipientOrgId, recipientOrgType, purpose, date) != null;
    }

    /** The id of a consent that covers the sharing, or null. */
    @Transactional(readOnly = true)
    public UUID coveringConsent(UUID caseId, UUID recipientOrgId, String recipientOrgType, Purpose purpose,
            LocalDate date) {
        String scope = switch (purpose) {
            case SERVICES, REFERRAL -> "SHARING";
            case LEGAL_PROCEEDINGS -> "LEGAL_PROCEEDINGS";
            case STATISTICS -> "STATISTICS";
        };
        return jdbc.sql("select c.id from case_consent c where c.case_id = :caseId and "
                + org.haven.cases.internal.CaseAccessSql.CONSENT_COVERS + " order by c.given_on desc limit 1")
                .param("caseId", caseId).param("org", recipientOrgId).param("orgType", recipientOrgType)
                .param("scope", scope).param("today", date)
                .query(UUID.class).optional().orElse(null);
    }
}
