package org.haven.referrals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Commands and read models of the referrals API. None carries a survivor's name or contact. */
public final class ReferralViews {

    private ReferralViews() {
    }

    /** Urgency of a referral; decides the response deadline ({@link ReferralSettings}). */
    public enum Urgency { URGENT, NORMAL }

    /** Lifecycle: SENT → ACCEPTED / DECLINED; ACCEPTED → IN_PROGRESS → COMPLETED; SENT/ACCEPTED/IN_PROGRESS → WITHDRAWN. */
    public enum Status { SENT, ACCEPTED, DECLINED, IN_PROGRESS, COMPLETED, WITHDRAWN }

    /** Steps of a cross-border return, in order. */
    public enum ReturnStep { VERIFICATION, FAMILY_ASSESSMENT, TRAVEL_DOCUMENTS, ESCORT_RECEPTION, FOLLOW_UP }

    public enum StepStatus { PENDING, IN_PROGRESS, DONE, BLOCKED }

    /**
     * Refer a case. {@code overrideReason} is only for a user holding REFERRAL_OVERRIDE_CONSENT when no consent
     * covers the referral; it is audited.
     */
    public record MakeReferral(UUID caseId, UUID toOrganisationId, List<String> services, String reason,
            String urgency, String overrideReason) {
        public MakeReferral {
            services = services == null ? List.of()
                    : services.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).distinct().toList();
        }
    }

    public record RecordDelivery(String serviceType, LocalDate deliveredOn, String outcome) {
    }

    public record UpdateStep(String status, LocalDate dueOn, LocalDate doneOn) {
    }

    /**
     * What both sides see of a referral. {@code caseId} is null for the receiver until the referral is accepted
     * under a consent (before that the receiver sees the case code, age band, sex, services, urgency and reason only).
     */
    public record ReferralSummary(UUID id, String caseCode, UUID caseId, UUID fromOrganisationId,
            String fromOrganisationName, UUID toOrganisationId, String toOrganisationName, List<String> services,
            String reason, String urgency, String ageBand, String sex, String status, Instant sentAt,
            Instant respondBy, boolean overdue, boolean crossBorder, boolean consentOverridden, boolean incoming,
            int version) {
    }

    /** A service delivered under the referral; {@code recordedOnCase} when it is also on the shared case's services. */
    public record Delivery(UUID id, String serviceType, LocalDate deliveredOn, String outcome, Instant recordedAt,
            boolean recordedOnCase) {
    }

    public record Step(String step, int position, UUID responsibleOrganisationId, String responsibleOrganisationName,
            String status, LocalDate dueOn, LocalDate doneOn, Instant updatedAt) {
    }

    /**
     * A referral with its answer, deliveries and return steps. {@code caseAccessible}: the current user's organisation
     * may open the case now (for the receiver: an accepted referral whose grant and consent are in force at this
     * request). {@code sharedCase}: for the receiver only, while the case is accessible, the fields it needs for the
     * service (read through the cases module and audited there as a read of the case); null otherwise.
     */
    public record ReferralDetails(ReferralSummary summary, String declineReason, boolean caseAccessible,
            List<Delivery> deliveries, List<Step> returnSteps, SharedCase sharedCase) {
    }

    /**
     * What the receiving organisation sees of the case under an accepted referral: who the survivor is and what they
     * need to be served (name, sex, birth year, nationality, languages, disability, place of origin for a return) and
     * the services on the case. Never contact details, notes, screening, testimony or attachments.
     */
    public record SharedCase(UUID caseId, String caseCode, String status, String name, String nameKhmer, String sex,
            Integer birthYear, String nationality, List<String> languages, String disability, String originPlaceCode,
            List<CaseService> services) {
    }

    public record CaseService(String serviceType, String providerName, LocalDate startedOn, LocalDate endedOn) {
    }

    /** An in-app notification of a referral's change for the user's organisation; {@code read} by this user. */
    public record Notification(UUID id, UUID referralId, String caseCode, String event, Instant createdAt,
            boolean read) {
    }

    /** Indicators for one counterpart organisation and service, in one direction (sent or received). */
    public record IndicatorRow(String direction, UUID organisationId, String organisationName, String serviceType,
            long sent, long accepted, long declined, long completed, Double medianResponseHours,
            Double completionRate) {
    }

    public record DeclineReason(String organisationName, String reason, Instant respondedAt) {
    }

    public record Indicators(List<IndicatorRow> rows, List<DeclineReason> declineReasons) {
    }
}
