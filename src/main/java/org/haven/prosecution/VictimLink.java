package org.haven.prosecution;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A survivor linked to a proceeding as victim or witness, as one user may see it. When the survivor's consent for
 * legal proceedings does not cover the viewer's organisation, {@code consentCovers} is false and everything but
 * {@code id} and {@code role} is absent.
 */
public record VictimLink(UUID id, int version, UUID caseId, Role role, boolean consentCovers,
        Set<SafetyConcern> safetyConcerns, Cooperation cooperation, LocalDate cooperationOn, List<Support> support,
        boolean nonPunishmentFlag) {

    public enum Role { VICTIM, WITNESS }

    /** The survivor's decision about cooperating with the proceeding; never a condition of services. */
    public enum Cooperation { UNDECIDED, COOPERATING, DECLINED, WITHDRAWN }

    public enum SafetyConcern { NO_CONTACT_WITH_DEFENDANT, THREATS_RECEIVED, FAMILY_AT_RISK, RELOCATION_NEEDED }

    public enum SupportKind { PREPARATION, ACCOMPANIMENT, TRANSPORT, LODGING, INTERPRETATION, LEGAL_REPRESENTATION }

    public record Support(SupportKind kind, LocalDate givenOn) {
    }
}
