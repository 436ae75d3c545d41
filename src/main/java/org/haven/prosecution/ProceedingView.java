package org.haven.prosecution;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A proceeding as one user may see it. With {@code reach = CASE_OWNER} (a shelter whose survivor is linked) the
 * investigation details — suspects' identities, evidence notes — are absent ({@code null} / empty), not blanked.
 */
public record ProceedingView(UUID id, int version, String reach, UUID ownerOrganisationId, String countryCode,
        String provinceCode, String court, String policeReportNo, String courtCaseNo,
        ExploitationForm exploitationForm, Stage stage, LocalDate stageSince, LocalDate complaintOn,
        DropReason dropReason, Stage droppedFrom, List<StageEntry> history, List<AgencyEntry> agencies,
        boolean nonPunishmentFlag) {

    /** One entered stage, with the days spent in it (to the next entry, or to today while current). */
    public record StageEntry(Stage stage, LocalDate enteredOn, long days, String reason, boolean reopening) {
    }

    public record AgencyEntry(UUID organisationId, String organisationName, OpenProceeding.AgencyRole role) {
    }

    public boolean full() {
        return "FULL".equals(reach);
    }
}
