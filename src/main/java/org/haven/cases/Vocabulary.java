package org.haven.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * The coded vocabularies of the cases module and their mapping onto the Human Trafficking Case Data Standard
 * (HTCDS v2.0 picklists) and the CTDC codebook (v2024 variables), so exports are a lookup rather than a guess.
 * {@code null} in a mapping means the standard has no equivalent (documented in docs/api.md, section Cases).
 */
public final class Vocabulary {

    private Vocabulary() {
    }

    /** A value with its HTCDS and CTDC equivalents. */
    public interface Coded {
        String name();

        /** HTCDS v2.0 picklist value, or null. */
        String htcds();

        /** CTDC variable (v2024 codebook) set to 1 for this value, or null. */
        String ctdc();
    }

    /** Parses a code of the enum, or fails with {@link IllegalArgumentException} naming the field. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        return find(type, value).orElseThrow(() -> new UnknownCode(field, value));
    }

    public static <E extends Enum<E>> Optional<E> find(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value.trim())).findFirst();
    }

    /** A code that is not in the vocabulary. */
    public static final class UnknownCode extends IllegalArgumentException {
        private final String field;

        public UnknownCode(String field, String value) {
            super("unknown code for " + field);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public enum Sex { FEMALE, MALE, INTERSEX, UNKNOWN }

    public enum Gender implements Coded {
        WOMAN("Feminine", "Woman"), MAN("Masculine", "Man"), TRANSGENDER_WOMAN("TransgenderFeminine", "Trans"),
        TRANSGENDER_MAN("TransgenderMasculine", "Trans"), NON_CONFORMING("NonConforming", "NonConforming"),
        NOT_SPECIFIED("NonSpecifiedUnknown", null);

        private final String htcds;
        private final String ctdc;

        Gender(String htcds, String ctdc) {
            this.htcds = htcds;
            this.ctdc = ctdc;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return ctdc;
        }
    }

    public enum Disability { NONE, PHYSICAL, SENSORY, INTELLECTUAL, PSYCHOSOCIAL, MULTIPLE, UNKNOWN }

    public enum CaseStatus { OPEN, ACTIVE, REINTEGRATION, CLOSED }

    public enum RiskLevel { LOW, MEDIUM, HIGH }

    public enum IdentificationChannel { HOTLINE, POLICE_OPERATION, SELF_REFERRAL, OUTREACH, REPATRIATION, EMBASSY, OTHER }

    /** Why a case was closed (HTCDS cas_Status Closed / ClosedReferred). */
    public enum ClosureReason {
        REINTEGRATED("Closed"), REFERRED_ELSEWHERE("ClosedReferred"), SURVIVOR_DECLINED("Closed"),
        LOST_CONTACT("Closed"), RELOCATED("Closed"), DECEASED("Closed"), NOT_A_VICTIM("Closed"), OTHER("Closed");

        private final String htcds;

        ClosureReason(String htcds) {
            this.htcds = htcds;
        }

        public String htcdsStatus() {
            return htcds;
        }
    }

    public enum ConsentScope { SERVICES, SHARING, LEGAL_PROCEEDINGS, STATISTICS }

    public enum ConsentGiver { SURVIVOR, GUARDIAN }

    public enum ConsentMethod { SIGNATURE, THUMBPRINT, VERBAL_WITH_WITNESS }

    /** What an access grant or a consent to share is for. */
    public enum Purpose { SERVICES, REFERRAL, LEGAL_PROCEEDINGS, STATISTICS }

    /** HTCDS hte_Type. */
    public enum EpisodeStage implements Coded {
        RECRUITMENT("Recruitment"), TRANSIT("Transit"), EXPLOITATION("Exploitation");

        private final String htcds;

        EpisodeStage(String htcds) {
            this.htcds = htcds;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return null;
        }
    }

    /** Form of exploitation: HTCDS vic_TypeOfExploitation and the CTDC is* flags. */
    public enum ExploitationForm implements Coded {
        SEXUAL_EXPLOITATION("SexualExploitation", "isSexualExploit"),
        FORCED_LABOUR("ForcedLabour", "isForcedLabour"),
        FORCED_MARRIAGE("ForcedMarriage", "isForcedMarriage"),
        // Neither standard has forced criminality (scam compounds); both map it to their "other" bucket.
        FORCED_CRIMINALITY("Other", "isOtherExploit"),
        BEGGING("ForcedBegging", "isOtherExploit"),
        ORGAN_REMOVAL("OrganRemoval", "isOrganRemoval"),
        CHILD_SOLDIERING("ForcedMilitaryByNonStateActors", "isForcedMilitary"),
        OTHER("Other", "isOtherExploit");

        private final String htcds;
        private final String ctdc;

        ExploitationForm(String htcds, String ctdc) {
            this.htcds = htcds;
            this.ctdc = ctdc;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return ctdc;
        }
    }

    /** Sector of forced labour: ISIC sections as in HTCDS vic_ForcedLabourIndustry; CTDC typeOfLabour* where one exists. */
    public enum LabourSector implements Coded {
        A_AGRICULTURE_FORESTRY_FISHING("A_AgricultureForestryAndFishing", "typeOfLabourAgriculture"),
        B_MINING("B_MiningAndQuarrying", null),
        C_MANUFACTURING("C_Manufacturing", null),
        F_CONSTRUCTION("F_Construction", "typeOfLabourConstruction"),
        G_TRADE("G_WholesaleAndRetailTradeRepairOfMotorVehicles", null),
        H_TRANSPORT("H_TransportationAndStorage", null),
        I_ACCOMMODATION_FOOD("I_AccommodationAndFoodServiceActivities", "typeOfLabourHospitality"),
        J_INFORMATION_COMMUNICATION("J_InformationAndCommunication", null),
        R_ARTS_ENTERTAINMENT("R_ArtsEntertainmentAndRecreation", null),
        S_OTHER_SERVICES("S_OtherServiceActivities", null),
        T_DOMESTIC_WORK("T_ActivitiesOfHouseholdsAsEmployers", "typeOfLabourDomesticWork"),
        OTHER(null, null);

        private final String htcds;
        private final String ctdc;

        LabourSector(String htcds, String ctdc) {
            this.htcds = htcds;
            this.ctdc = ctdc;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return ctdc;
        }
    }

    /** Means of control: HTCDS vic_MethodsOfControl (16 values) and the CTDC v2024 grouped means flags. */
    public enum MeansOfControl implements Coded {
        PHYSICAL_THREATS("PhysicalThreats", "meansThreats"),
        THREATS_LAW_ENFORCEMENT("ThreatsLawEnforcement", "meansThreats"),
        THREATENS_CHILDREN_FAMILY("ThreatensChildrenFamily", "meansThreats"),
        DEBT_BONDAGE("DebtBondage", "meansDebtBondageEarnings"),
        FALSE_PROMISES("FalsePromises", "meansFalsePromises"),
        PHYSICAL_ABUSE("PhysicalAbuse", "meansAbusePsyPhySex"),
        SEXUAL_ABUSE("SexualAbuse", "meansAbusePsyPhySex"),
        TAKES_EARNINGS("TakesEarnings", "meansDebtBondageEarnings"),
        RESTRICTS_FINANCIAL_ACCESS("RestrictsFinancialAccess", "meansDenyBasicNeeds"),
        RESTRICTS_MEDICAL_CARE("RestrictsMedicalCare", "meansDenyBasicNeeds"),
        WITHHOLDS_NECESSITIES("WithholdsNecessities", "meansDenyBasicNeeds"),
        PSYCHOLOGICAL_ABUSE("PsychologicalAbuse", "meansAbusePsyPhySex"),
        PSYCHOACTIVE_SUBSTANCE("PsychoactiveSubstance", "meansDrugsAlcohol"),
        EXCESSIVE_WORKING_HOURS("ExcessiveWorkingHours", "meansExcessiveWorkHours"),
        WITHHOLDS_DOCUMENTS("WithholdsDocuments", "meansWithholdDocs"),
        // HTCDS has no restriction-of-movement value; CTDC files it under denial of basic needs (movement).
        RESTRICTS_MOVEMENT("Other", "meansDenyBasicNeeds"),
        OTHER("Other", null);

        private final String htcds;
        private final String ctdc;

        MeansOfControl(String htcds, String ctdc) {
            this.htcds = htcds;
            this.ctdc = ctdc;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return ctdc;
        }
    }

    /** Relation to the recruiter: HTCDS vic_RelationshipToTrafficker and CTDC recruiterRelation*. */
    public enum RecruiterRelation implements Coded {
        FAMILY("Familial", "recruiterRelationFamily"),
        INTIMATE_PARTNER("Acquainted", "recruiterRelationIntimatePartner"),
        FRIEND_OR_NEIGHBOUR("Acquainted", "recruiterRelationFriend"),
        EMPLOYER_OR_BROKER("Acquainted", "recruiterRelationOther"),
        STRANGER("Unaquainted", "recruiterRelationOther"),
        UNKNOWN(null, null);

        private final String htcds;
        private final String ctdc;

        RecruiterRelation(String htcds, String ctdc) {
            this.htcds = htcds;
            this.ctdc = ctdc;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return ctdc;
        }
    }

    /** Services delivered, with the HTCDS spl_Type they report under. */
    public enum ServiceType implements Coded {
        SHELTER("SocialCare"), MEDICAL("Health"), PSYCHOSOCIAL("Health"), LEGAL_AID("Legal"),
        EDUCATION("Education"), VOCATIONAL_TRAINING("Livelihood"), FAMILY_TRACING("SocialCare"),
        REPATRIATION("SocialCare"), REINTEGRATION_SUPPORT("SocialCare"), LIVELIHOOD("Livelihood"),
        CASH_SUPPORT("Financial");

        private final String htcds;

        ServiceType(String htcds) {
            this.htcds = htcds;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return null;
        }
    }

    /** Areas of needs assessment, care-plan goals and the reintegration assessment. */
    public enum CareArea { SAFETY, WELLBEING, ECONOMIC, EDUCATION, FAMILY_COMMUNITY, LEGAL_STATUS, HEALTH, SHELTER }

    public enum GoalStatus { PLANNED, IN_PROGRESS, ACHIEVED, DROPPED }

    /** Outcome of the official identification (HTCDS vic_TraffickingStatus). */
    public enum IdentificationOutcome implements Coded {
        POSSIBLE_VICTIM("PossibleVictimOfTrafficking"), IDENTIFIED_VICTIM("ActualVictimOfTrafficking"),
        NOT_A_VICTIM("NotAVictimOfTrafficking");

        private final String htcds;

        IdentificationOutcome(String htcds) {
            this.htcds = htcds;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return null;
        }
    }

    /** Who decided (HTCDS vic_TraffickingStatusDecisionMakingOrg). */
    public enum IdentificationAuthority implements Coded {
        JUDICIAL_POLICE("Police"), ANTI_TRAFFICKING_POLICE("Police"), MOSAVY("NonPoliceGovernmentalOrganization"),
        DOSAVY("NonPoliceGovernmentalOrganization"), DIPLOMATIC_MISSION("NonPoliceGovernmentalOrganization"),
        COURT_OR_PROSECUTION("CourtOrProsecution"), NGO("NGO"), FOREIGN_AUTHORITY("Other"), OTHER("Other");

        private final String htcds;

        IdentificationAuthority(String htcds) {
            this.htcds = htcds;
        }

        public String htcds() {
            return htcds;
        }

        public String ctdc() {
            return null;
        }
    }
}
