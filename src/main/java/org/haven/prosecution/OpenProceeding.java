package org.haven.prosecution;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Opens a proceeding at the complaint stage. {@code provinceCode} is the two-digit NCDD province code (Cambodia) or
 * null; {@code agencies} are other organisations involved (they will see the proceeding).
 */
public record OpenProceeding(String countryCode, String provinceCode, String court, String policeReportNo,
        String courtCaseNo, ExploitationForm exploitationForm, LocalDate complaintOn, List<Agency> agencies) {

    public OpenProceeding {
        agencies = agencies == null ? List.of() : List.copyOf(agencies);
    }

    /** An organisation involved and what it does in the proceeding. */
    public record Agency(UUID organisationId, AgencyRole role) {
    }

    /** What an involved organisation does. */
    public enum AgencyRole { INVESTIGATING_POLICE, PROSECUTION, COURT, LEGAL_AID, SOCIAL_AFFAIRS, OTHER }
}
