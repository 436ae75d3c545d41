package org.haven.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Input to {@link CaseManagement}, one record per intent. Values are raw (strings for codes) because they come from
 * forms and JSON; {@code CaseManagement} validates everything and answers {@link org.haven.shared.web.InvalidInput}
 * with field errors before writing anything.
 */
public final class CaseCommands {

    private CaseCommands() {
    }

    /** An identity document (type e.g. NATIONAL_ID, PASSPORT, BIRTH_CERTIFICATE, FAMILY_BOOK, OTHER). */
    public record IdentityDocument(String type, String number, String issuingCountry) {
    }

    /**
     * Identifying data of a survivor: everything here is sealed at rest with the owning organisation's key. Names may
     * be given in Khmer script, in Latin letters or both.
     */
    public record SurvivorIdentity(String familyName, String givenName, String familyNameKhmer, String givenNameKhmer,
            List<String> otherNames, LocalDate dateOfBirth, String phone, String address,
            List<IdentityDocument> documents) {
        public SurvivorIdentity {
            otherNames = otherNames == null ? List.of() : List.copyOf(otherNames);
            documents = documents == null ? List.of() : List.copyOf(documents);
        }
    }

    /**
     * Non-identifying profile, stored in clear for statistics: birth year (given, or derived from an estimated age),
     * codes of sex, gender, nationality (ISO 3166 alpha-3), languages (ISO 639), disability, and the gazetteer code of
     * the place of origin.
     */
    public record SurvivorProfile(String sex, String gender, Integer birthYear, Integer estimatedAge,
            String nationality, List<String> languages, String disability, String originPlaceCode) {
        public SurvivorProfile {
            languages = languages == null ? List.of() : List.copyOf(languages);
        }
    }

    /** Register a survivor and open a case for the user's organisation. */
    public record RegisterSurvivor(SurvivorIdentity identity, SurvivorProfile profile, LocalDate identifiedOn,
            String identificationChannel, String riskLevel, UUID assignedCaseworkerId, boolean duplicatesAcknowledged) {
    }

    /** Change identity and profile of the survivor of a case (optimistic: the version the editor loaded). */
    public record UpdateSurvivor(int version, SurvivorIdentity identity, SurvivorProfile profile) {
    }

    public record RecordConsent(String scope, UUID recipientOrganisationId, String recipientOrganisationType,
            String givenBy, String guardianName, String method, String witnessName, LocalDate givenOn,
            LocalDate expiresOn) {
    }

    public record RecordScreening(LocalDate screenedOn, Integer ageAtRecruitment, Set<String> indicatorCodes,
            String notes) {
    }

    public record RecordIdentification(String decidedBy, String authority, String form, LocalDate decidedOn,
            String outcome) {
    }

    public record RecordEpisode(String stage, LocalDate startedOn, LocalDate endedOn, String countryCode,
            String placeCode, String form, String sector, Set<String> meansOfControl, String recruiterRelation,
            String notes) {
    }

    public record RecordNeeds(LocalDate assessedOn, Set<String> needs, String notes) {
    }

    public record AddGoal(String area, String goal, LocalDate targetOn) {
    }

    /** Correct an exploitation episode (optimistic: the version the editor loaded). */
    public record UpdateEpisode(Integer version, String stage, LocalDate startedOn, LocalDate endedOn,
            String countryCode, String placeCode, String form, String sector, Set<String> meansOfControl,
            String recruiterRelation, String notes) {
        public RecordEpisode fields() {
            return new RecordEpisode(stage, startedOn, endedOn, countryCode, placeCode, form, sector, meansOfControl,
                    recruiterRelation, notes);
        }
    }

    /** Correct a needs assessment (optimistic). */
    public record UpdateNeeds(Integer version, LocalDate assessedOn, Set<String> needs, String notes) {
    }

    /**
     * Correct an official identification decision: the whole decision as it should read, and why it is corrected
     * (required; kept sealed with the decision).
     */
    public record CorrectIdentification(Integer version, String decidedBy, String authority, String form,
            LocalDate decidedOn, String outcome, String reason) {
    }

    /** Void an identification decision recorded in error; it stays listed as void, with the reason. */
    public record VoidIdentification(Integer version, String reason) {
    }

    /**
     * Move a care-plan goal: PLANNED → IN_PROGRESS, ACHIEVED or DROPPED; IN_PROGRESS → ACHIEVED or DROPPED; ACHIEVED
     * or DROPPED → IN_PROGRESS (taken up again). A reason is required when dropping.
     */
    public record ChangeGoalStatus(Integer version, String status, String reason) {
    }

    public record RecordService(String serviceType, UUID providerOrganisationId, String providerName,
            LocalDate startedOn, LocalDate endedOn, String fundingSource, String notes) {
    }

    /** Scores 1 (poor) to 5 (good) per area of the reintegration assessment. */
    public record CompleteFollowUp(int version, LocalDate doneOn, Integer safety, Integer wellbeing, Integer economic,
            Integer education, Integer familyCommunity, Integer legalStatus, String notes) {
    }

    public record ChangeStatus(int version, String note) {
    }

    public record StartReintegration(int version, LocalDate startedOn) {
    }

    public record RequestClosure(int version, String reason, String note) {
    }

    public record AssignCase(int version, UUID caseworkerId, String riskLevel) {
    }

    /** Filters of the case list; all optional. {@code text} is a case code or a name. */
    public record CaseSearch(String text, String status, UUID caseworkerId, LocalDate identifiedFrom,
            LocalDate identifiedTo, String form) {
        public static CaseSearch all() {
            return new CaseSearch(null, null, null, null, null, null);
        }
    }
}
