package org.haven.cases;

import java.time.LocalDate;
import java.util.UUID;

import org.haven.cases.CaseCommands.RecordService;
import org.haven.cases.CaseViews.AccessLevel;
import org.haven.cases.Vocabulary.Purpose;
import org.haven.cases.Vocabulary.ServiceType;
import org.haven.cases.internal.CaseAccess;
import org.haven.cases.internal.CaseAudit;
import org.haven.cases.internal.Sealer;
import org.haven.cases.internal.Validation;
import org.haven.security.CurrentUser;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives another organisation read access to a case for a purpose and a period, on the strength of a consent record
 * of that case (the referrals module calls it with source {@code referral}; the case page with {@code share}). A grant
 * without a covering consent is refused ({@link Conflict} {@code cases.consent.notCovered}); the consent is checked
 * again on every access, so withdrawing it ends access on the next request even though the grant row remains.
 * When a user is signed in they must be able to change the case; without one (a background listener) the consent
 * check alone applies. Grants and revocations are audited as changes of the case.
 */
@Service
public class CaseSharing {

    private final JdbcClient jdbc;
    private final CaseManagement cases;
    private final ConsentCheck consents;
    private final CaseAudit audit;
    private final CaseAccess access;
    private final Sealer sealer;

    CaseSharing(JdbcClient jdbc, CaseManagement cases, ConsentCheck consents, CaseAudit audit, CaseAccess access,
            Sealer sealer) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.consents = consents;
        this.audit = audit;
        this.access = access;
        this.sealer = sealer;
    }

    /**
     * Grants {@code recipientOrgId} access to the case for {@code purpose} from {@code from} to {@code to} (null:
     * open-ended, still bounded by the consent's expiry). {@code consentId} may be null to use any covering consent.
     *
     * @return the grant id
     */
    @Transactional
    public UUID grant(UUID caseId, UUID recipientOrgId, Purpose purpose, LocalDate from, LocalDate to, UUID consentId,
            String source, UUID sourceRef) {
        if (CurrentUser.find().isPresent()) {
            cases.accessTo(caseId, AccessLevel.WRITE);
        }
        if (purpose == null || purpose == Purpose.STATISTICS) {
            throw InvalidInput.of("purpose", "cases.error.unknownCode", "Unknown value.");
        }
        if (source == null || !source.matches("[a-z_]{1,20}")) {
            throw InvalidInput.of("source", "cases.error.unknownCode", "Unknown value.");
        }
        LocalDate start = from == null ? CaseManagement.today() : from;
        if (to != null && to.isBefore(start)) {
            throw InvalidInput.of("validTo", "cases.error.dateOrder", "The end date is before the start date.");
        }
        var owner = jdbc.sql("select organisation_id from survivor_case where id = ?").param(caseId).query(UUID.class)
                .optional().orElseThrow(() -> new NotFound("case"));
        String type = jdbc.sql("select type from organisation where id = ?").param(recipientOrgId).query(String.class)
                .optional().orElseThrow(() -> InvalidInput.of("organisationId", "cases.error.unknownCode", "Unknown value."));
        if (owner.equals(recipientOrgId)) {
            throw InvalidInput.of("organisationId", "cases.error.ownOrganisation", "The case already belongs to this organisation.");
        }
        UUID covering = consents.coveringConsent(caseId, recipientOrgId, type, purpose, start);
        if (covering == null || (consentId != null && !consentId.equals(covering)
                && !consents.covers(caseId, recipientOrgId, type, purpose, start))) {
            throw new Conflict("cases.consent.notCovered",
                    "No consent of the survivor covers sharing this case with that organisation for this purpose.");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into case_access_grant (id, case_id, organisation_id, purpose, valid_from, valid_to, consent_id, source, source_ref)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseId, recipientOrgId, purpose.name(), start, to, consentId == null ? covering : consentId,
                        source, sourceRef)
                .update();
        audit.change("case.share.grant", caseId);
        return id;
    }

    /** Ends a grant now. */
    @Transactional
    public void revoke(UUID grantId) {
        UUID caseId = jdbc.sql("select case_id from case_access_grant where id = ?").param(grantId).query(UUID.class)
                .optional().orElseThrow(() -> new NotFound("grant"));
        if (CurrentUser.find().isPresent()) {
            cases.accessTo(caseId, AccessLevel.WRITE);
        }
        jdbc.sql("update case_access_grant set revoked_at = now() where id = ? and revoked_at is null").param(grantId).update();
        audit.change("case.share.revoke", caseId);
    }

    /**
     * Records on the case a service that the current user's organisation delivered under its grant {@code grantId}
     * (the referrals module calls it when the receiver of an accepted referral records a service, so the owning
     * organisation sees it among the case's services). Grant holders otherwise only read a case; this is the one
     * thing they add, and only while the grant is in force: unrevoked, within its period, and its consent still
     * covering the organisation at the time of the request. The provider is the grant's organisation; notes are
     * sealed with the owning organisation's key. {@link NotFound} when the grant is not the user's organisation's
     * or no longer in force; 400 field errors as for {@link CaseManagement#recordService}. Audited as a change.
     *
     * @return the id of the case's service record
     */
    @Transactional
    public UUID recordGrantedService(UUID grantId, RecordService cmd) {
        CurrentUser user = CurrentUser.require();
        LocalDate today = CaseManagement.today();
        UUID caseId = jdbc.sql("""
                select case_id from case_access_grant where id = ? and organisation_id = ? and revoked_at is null
                  and valid_from <= ? and (valid_to is null or valid_to >= ?)""")
                .params(grantId, user.organisationId(), today, today).query(UUID.class).optional()
                .orElseThrow(() -> new NotFound("grant"));
        if (!access.sharedWith(caseId, user.organisationId(), user.organisationType().name(), today)) {
            throw new NotFound("case");
        }
        Validation v = new Validation(today);
        ServiceType type = v.code(ServiceType.class, "serviceType", cmd.serviceType(), true);
        v.required("startedOn", cmd.startedOn()).pastDate("startedOn", cmd.startedOn()).anyDate("endedOn", cmd.endedOn())
                .order("endedOn", cmd.startedOn(), cmd.endedOn()).text("fundingSource", cmd.fundingSource(), 200)
                .text("notes", cmd.notes(), CaseManagement.TEXT_MAX);
        v.throwIfInvalid();
        UUID owner = jdbc.sql("select organisation_id from survivor_case where id = ?").param(caseId).query(UUID.class)
                .single();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into case_service (id, case_id, service_type, provider_org_id, started_on, ended_on,
                  funding_source, notes_sealed, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseId, type.name(), user.organisationId(), cmd.startedOn(), cmd.endedOn(),
                        cmd.fundingSource() == null || cmd.fundingSource().isBlank() ? null : cmd.fundingSource().trim(),
                        sealer.seal(owner, cmd.notes()), user.userId())
                .update();
        audit.change("case.service.record", caseId);
        return id;
    }
}
