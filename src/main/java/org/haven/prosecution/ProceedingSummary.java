package org.haven.prosecution;

import java.time.LocalDate;
import java.util.UUID;

/** A line of the proceedings list. */
public record ProceedingSummary(UUID id, String countryCode, String provinceCode, String courtCaseNo,
        ExploitationForm exploitationForm, Stage stage, LocalDate stageSince, LocalDate complaintOn) {
}
