package org.haven.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseCommands.SurvivorProfile;

/** What {@link CaseManagement} returns: plain records, decrypted for the reader, never entities. */
public final class CaseViews {

    private CaseViews() {
    }

    /** A newly opened case. */
    public record OpenedCase(UUID caseId, String caseCode) {
    }

    /** A possible duplicate within the organisation (same name keys and birth year). */
    public record PossibleDuplicate(UUID caseId, String caseCode, Integer birthYear) {
    }

    /** A row of the case list. {@code displayName} is decrypted for the reader. */
    public record CaseSummary(UUID caseId, String caseCode, String displayName, String status, String riskLevel,
            LocalDate identifiedOn, UUID assignedCaseworkerId, String assignedCaseworkerName, boolean shared) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
        public int pages() {
            return size == 0 ? 0 : (int) ((total + size - 1) / size);
        }
    }

    /** How the reader may act on a case. */
    public enum AccessLevel { READ, WRITE, SUPERVISE }

    public record CaseDetails(UUID caseId, String caseCode, UUID organisationId, String status, String riskLevel,
            LocalDate identifiedOn, String identificationChannel, UUID assignedCaseworkerId,
            String assignedCaseworkerName, LocalDate reintegrationStartedOn, String closureReason,
            boolean closureRequested, int version, UUID survivorId, int survivorVersion, SurvivorIdentity identity,
            SurvivorProfile profile, AccessLevel access, List<ConsentView> consents, List<GrantView> grants,
            List<ScreeningView> screenings, List<IdentificationView> identifications, List<EpisodeView> episodes,
            List<NeedsView> needs, List<GoalView> goals, List<ServiceView> services, List<FollowUpView> followUps,
            List<NoteView> notes, List<AttachmentView> attachments) {

        public String displayName() {
            return CaseViews.displayName(identity);
        }
    }

    public record ConsentView(UUID id, String scope, UUID recipientOrganisationId, String recipientOrganisationName,
            String recipientOrganisationType, String givenBy, String guardianName, String method, String witnessName,
            LocalDate givenOn, LocalDate expiresOn, Instant withdrawnAt, boolean effective) {
    }

    public record GrantView(UUID id, UUID organisationId, String organisationName, String purpose, LocalDate validFrom,
            LocalDate validTo, UUID consentId, String source, Instant revokedAt) {
    }

    public record ScreeningView(UUID id, LocalDate screenedOn, Integer ageAtRecruitment, List<String> indicatorCodes,
            ScreeningResult result, String notes) {
    }

    /**
     * An official identification decision. A decision is never deleted: a correction keeps its reason
     * ({@code correctedAt}, {@code correctionReason}: the latest; {@code corrections}: every one, oldest first), a
     * decision recorded in error is voided with a reason and stays listed ({@code voidedAt}, {@code voidReason});
     * statistics ignore voided decisions.
     */
    public record IdentificationView(UUID id, String decidedBy, String authority, String form, LocalDate decidedOn,
            String outcome, int version, Instant correctedAt, String correctionReason, Instant voidedAt,
            String voidReason, List<IdentificationCorrection> corrections) {
        public IdentificationView {
            corrections = corrections == null ? List.of() : List.copyOf(corrections);
        }

        public boolean voided() {
            return voidedAt != null;
        }

        public IdentificationView withCorrections(List<IdentificationCorrection> history) {
            return new IdentificationView(id, decidedBy, authority, form, decidedOn, outcome, version, correctedAt,
                    correctionReason, voidedAt, voidReason, history);
        }
    }

    /**
     * One correction of an identification decision: when, by whom (user id), why, and the decision as it read before
     * (the previous values are {@code null} for corrections made before the history was kept).
     */
    public record IdentificationCorrection(Instant correctedAt, UUID correctedBy, String reason,
            String previousDecidedBy, String previousAuthority, String previousForm, LocalDate previousDecidedOn,
            String previousOutcome) {
    }

    public record EpisodeView(UUID id, String stage, LocalDate startedOn, LocalDate endedOn, String countryCode,
            String placeCode, String form, String sector, List<String> meansOfControl, String recruiterRelation,
            String notes, int version) {
    }

    public record NeedsView(UUID id, LocalDate assessedOn, List<String> needs, String notes, int version) {
    }

    /** A care-plan goal; {@code statusReason} is why it was last moved (required when dropped). */
    public record GoalView(UUID id, String area, String goal, LocalDate targetOn, String status, int version,
            String statusReason) {
    }

    public record ServiceView(UUID id, String serviceType, UUID providerOrganisationId, String providerName,
            LocalDate startedOn, LocalDate endedOn, String fundingSource, String notes) {
    }

    public record FollowUpView(UUID id, int monthsAfter, LocalDate dueOn, LocalDate doneOn, Integer safety,
            Integer wellbeing, Integer economic, Integer education, Integer familyCommunity, Integer legalStatus,
            String notes, int version) {
        public boolean overdue(LocalDate today) {
            return doneOn == null && dueOn.isBefore(today);
        }
    }

    public record NoteView(UUID id, UUID authorId, String authorName, Instant createdAt, String body) {
    }

    public record AttachmentView(UUID id, String fileName, String mediaType, int sizeBytes, Instant createdAt) {
    }

    /** A decrypted attachment for download. */
    public record AttachmentContent(String fileName, String mediaType, byte[] content) {
    }

    /** An overdue follow-up for a caseworker's home page (no names: the case code is enough to open it). */
    public record OverdueFollowUp(UUID caseId, String caseCode, UUID followUpId, int monthsAfter, LocalDate dueOn) {
    }

    /** An organisation a consent to share may name (for the consent form; no survivor data). */
    public record OrganisationOption(UUID id, String name, String type) {
    }

    /** A member of staff a case may be assigned to (for the assignment form; no survivor data). */
    public record StaffOption(UUID id, String name) {
    }

    /** One line of a survivor's access log: who (user and organisation), when, what, with what outcome and why. */
    public record AccessLogEntry(Instant at, String username, String organisationName, String action,
            String outcome, String purpose) {
    }

    /** Name for display: Latin names, else Khmer names. */
    public static String displayName(SurvivorIdentity identity) {
        if (identity == null) {
            return "";
        }
        String latin = join(identity.familyName(), identity.givenName());
        return latin.isEmpty() ? join(identity.familyNameKhmer(), identity.givenNameKhmer()) : latin;
    }

    private static String join(String a, String b) {
        return ((a == null ? "" : a.strip()) + " " + (b == null ? "" : b.strip())).strip();
    }
}
