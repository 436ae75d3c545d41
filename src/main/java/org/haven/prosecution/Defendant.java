package org.haven.prosecution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A suspect in a proceeding: role in the scheme, charges with their outcomes, and the verdict and sentence once
 * decided. {@code suspect} is null for viewers without full reach (shelters see roles, charges and verdicts only).
 */
public record Defendant(UUID suspectId, int version, Suspect.SchemeRole role, Suspect suspect, List<Charge> charges,
        Verdict verdict, LocalDate verdictOn, Integer prisonMonths, Boolean suspended, BigDecimal fineAmount,
        String fineCurrency, boolean official) {

    public enum Verdict { CONVICTED, ACQUITTED, DISMISSED }

    public enum ChargeOutcome { PENDING, CONVICTED, ACQUITTED, DISMISSED, REDUCED }

    public record Charge(UUID id, int version, String statuteCode, LocalDate filedOn, ChargeOutcome outcome,
            String reducedTo) {
    }
}
