package org.haven.referrals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.cases.CaseCommands.RecordService;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseSharing;
import org.haven.cases.CaseViews.AccessLevel;
import org.haven.cases.CaseViews.CaseDetails;
import org.haven.cases.ConsentCheck;
import org.haven.cases.Vocabulary;
import org.haven.cases.Vocabulary.Purpose;
import org.haven.cases.Vocabulary.ServiceType;
import org.haven.referrals.ReferralViews.*;
import org.haven.referrals.internal.Errors;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals of a survivor's case between organisations. Sending needs REFERRAL_SEND and write access to the case, and
 * a consent of the case covering sharing with the receiver (or its type) for referral; without one, a user holding
 * REFERRAL_OVERRIDE_CONSENT may still send with a written reason, audited as {@code referral.consent-override}.
 * The receiver (REFERRAL_RECEIVE, same organisation as the referral's receiver) sees a minimal summary until it
 * accepts; accepting creates one {@link CaseSharing} grant for the consented period (a conditional update on the
 * SENT status makes concurrent acceptances create one grant); completion and withdrawal revoke it, and the cases
 * module re-checks the consent on every access. Every change notifies the other organisation in the app (and by
 * e-mail when a mail server is configured, through {@link ReferralChanged}) and is audited. Users of other organisations get {@link NotFound}.
 */
@Service
public class ReferralManagement {

    private static final Logger log = LoggerFactory.getLogger(ReferralManagement.class);

    private final JdbcClient jdbc;
    private final CaseManagement cases;
    private final CaseSharing sharing;
    private final ConsentCheck consents;
    private final ServiceDirectory directory;
    private final AuditLog audit;
    private final ReferralSettings settings;
    private final ApplicationEventPublisher events;

    ReferralManagement(JdbcClient jdbc, CaseManagement cases, CaseSharing sharing, ConsentCheck consents,
            ServiceDirectory directory, AuditLog audit, ReferralSettings settings, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.cases = cases;
        this.sharing = sharing;
        this.consents = consents;
        this.directory = directory;
        this.audit = audit;
        this.settings = settings;
    }

    private record Org(UUID id, String type, String country, boolean enabled) {
    }

    private record Row(UUID id, UUID caseId, UUID fromOrg, UUID toOrg, String status, UUID consentId, UUID grantId,
            boolean crossBorder, int version) {
    }

    // ---------------------------------------------------------------- sending

    /** Sends a referral; returns its id. Refusals: 400 field errors, 409 {@code referrals.consent.notCovered}. */
    @Transactional
    public UUID send(MakeReferral cmd) {
        CurrentUser user = require(Permission.REFERRAL_SEND);
        Errors e = new Errors();
        if (cmd.caseId() == null) {
            e.add("caseId", "referrals.error.required", "Required.");
        }
        Org to = cmd.toOrganisationId() == null ? null : org(cmd.toOrganisationId());
        if (to == null) {
            e.add("toOrganisationId", "referrals.error.unknownOrganisation", "Choose an organisation of the directory.");
        } else if (!to.enabled()) {
            e.add("toOrganisationId", "referrals.error.organisationDisabled", "This organisation is disabled.");
        } else if (to.id().equals(user.organisationId())) {
            e.add("toOrganisationId", "referrals.error.ownOrganisation", "You cannot refer to your own organisation.");
        }
        if (cmd.services().isEmpty()) {
            e.add("services", "referrals.error.required", "Required.");
        }
        for (String s : cmd.services()) {
            if (Vocabulary.find(ServiceType.class, s).isEmpty()) {
                e.add("services", "referrals.error.unknownCode", "Unknown value.");
                break;
            }
            if (to != null && !directory.offers(to.id(), s)) {
                e.add("services", "referrals.error.serviceNotOffered",
                        "The organisation does not offer this service in the directory.");
                break;
            }
        }
        e.text("reason", cmd.reason(), 2000, true).text("overrideReason", cmd.overrideReason(), 2000, false);
        Urgency urgency = Vocabulary.find(Urgency.class, cmd.urgency()).orElse(null);
        if (urgency == null) {
            e.add("urgency", "referrals.error.unknownCode", "Unknown value.");
        }
        e.throwIfAny();

        AccessLevel level = cases.accessToCase(cmd.caseId());
        if (level == AccessLevel.READ) {
            throw new Forbidden("You may read this case but not refer it.");
        }
        CaseDetails c = cases.viewCase(cmd.caseId());
        if (!c.organisationId().equals(user.organisationId())) {
            throw new Forbidden("Only the organisation that holds the case may refer it.");
        }
        if ("CLOSED".equals(c.status())) {
            throw new Conflict("referrals.caseClosed", "The case is closed.");
        }
        LocalDate today = LocalDate.now(CaseManagement.ZONE);
        UUID consentId = consents.coveringConsent(c.caseId(), to.id(), to.type(), Purpose.REFERRAL, today);
        String override = cmd.overrideReason() == null || cmd.overrideReason().isBlank() ? null : cmd.overrideReason().trim();
        if (consentId == null) {
            if (override == null) {
                throw new Conflict("referrals.consent.notCovered", "No consent in force covers referring this case to "
                        + "that organisation (expired or withdrawn consents do not count). Record the survivor's consent first.");
            }
            if (!user.can(Permission.REFERRAL_OVERRIDE_CONSENT)) {
                throw new Forbidden("Your roles do not allow referring without consent.");
            }
        } else {
            override = null;
        }
        UUID id = UUID.randomUUID();
        boolean crossBorder = !to.country().equals(org(user.organisationId()).country());
        int hours = urgency == Urgency.URGENT ? settings.urgentResponseHours() : settings.normalResponseHours();
        Instant respondBy = Instant.now().plus(Duration.ofHours(hours));
        jdbc.sql("""
                insert into referral (id, case_id, case_code, from_org_id, to_org_id, sent_by, services, reason, urgency,
                  age_band, sex, consent_id, override_reason, cross_border, status, respond_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SENT', ?)""")
                .params(id, c.caseId(), c.caseCode(), user.organisationId(), to.id(), user.userId(),
                        cmd.services().toArray(String[]::new), cmd.reason().trim(), urgency.name(), ageBand(c),
                        c.profile() == null || c.profile().sex() == null ? "UNKNOWN" : c.profile().sex(), consentId,
                        override, crossBorder, java.sql.Timestamp.from(respondBy))
                .update();
        if (crossBorder) {
            int pos = 0;
            for (ReturnStep step : ReturnStep.values()) {
                UUID responsible = step == ReturnStep.ESCORT_RECEPTION ? user.organisationId() : to.id();
                jdbc.sql("insert into referral_return_step (referral_id, step, position, responsible_org_id) values (?, ?, ?, ?)")
                        .params(id, step.name(), pos++, responsible).update();
            }
        }
        if (override != null) {
            audit.record(new AuditEntry("referral.consent-override", org.haven.audit.AuditOutcome.SUCCESS, "referral",
                    List.of(id.toString(), c.caseId().toString()), override, Map.of("toOrganisation", to.id().toString())));
        }
        audit.record(AuditEntry.change("referral", "referral.send", id, c.caseId()));
        notify(to.id(), id, "SENT");
        log.info("referral {} sent for case {} to organisation {}", id, c.caseId(), to.id());
        return id;
    }

    // ---------------------------------------------------------------- answering and lifecycle

    /**
     * Accepts a referral sent to the user's organisation and grants the organisation access to the case for the
     * consented period. Exactly one of concurrent acceptances succeeds; the others get 409.
     */
    @Transactional
    public void accept(UUID referralId) {
        CurrentUser user = require(Permission.REFERRAL_RECEIVE);
        Row r = receiverRow(referralId, user);
        // The conditional update is the guard: the row lock makes a concurrent acceptance wait and then match nothing.
        int n = jdbc.sql("update referral set status = 'ACCEPTED', responded_at = now(), responded_by = ?, version = version + 1"
                + " where id = ? and status = 'SENT'").params(user.userId(), referralId).update();
        if (n == 0) {
            throw new Conflict("referrals.alreadyAnswered", "This referral has already been answered or withdrawn.");
        }
        UUID grantId = null;
        if (r.consentId() != null) {
            Org to = org(r.toOrg());
            LocalDate today = LocalDate.now(CaseManagement.ZONE);
            UUID consent = consents.coveringConsent(r.caseId(), to.id(), to.type(), Purpose.REFERRAL, today);
            if (consent == null) {
                throw new Conflict("referrals.consent.lapsed",
                        "The survivor's consent no longer covers this referral; the referring organisation must renew it.");
            }
            LocalDate until = jdbc.sql("select expires_on from case_consent where id = ?").param(consent)
                    .query(LocalDate.class).optional().orElse(null);
            // The receiver cannot change the case, so the grant is made on the strength of the consent alone (the
            // way a background listener would); the referral's own audit entry names the accepting user.
            grantId = withoutUser(() -> sharing.grant(r.caseId(), to.id(), Purpose.REFERRAL, today, until, consent,
                    "referral", referralId));
            jdbc.sql("update referral set grant_id = ? where id = ?").params(grantId, referralId).update();
        }
        audit.record(AuditEntry.change("referral", "referral.accept", referralId, r.caseId()));
        notify(r.fromOrg(), referralId, "ACCEPTED");
        log.info("referral {} accepted, grant {}", referralId, grantId);
    }

    @Transactional
    public void decline(UUID referralId, String reason) {
        CurrentUser user = require(Permission.REFERRAL_RECEIVE);
        Row r = receiverRow(referralId, user);
        new Errors().text("reason", reason, 2000, true).throwIfAny();
        int n = jdbc.sql("update referral set status = 'DECLINED', decline_reason = ?, responded_at = now(), responded_by = ?,"
                + " closed_at = now(), version = version + 1 where id = ? and status = 'SENT'")
                .params(reason.trim(), user.userId(), referralId).update();
        if (n == 0) {
            throw new Conflict("referrals.alreadyAnswered", "This referral has already been answered or withdrawn.");
        }
        audit.record(AuditEntry.change("referral", "referral.decline", referralId, r.caseId()));
        notify(r.fromOrg(), referralId, "DECLINED");
    }

    @Transactional
    public void start(UUID referralId) {
        CurrentUser user = require(Permission.REFERRAL_RECEIVE);
        Row r = receiverRow(referralId, user);
        transition(r, "ACCEPTED", "IN_PROGRESS", false);
        audit.record(AuditEntry.change("referral", "referral.start", referralId, r.caseId()));
        notify(r.fromOrg(), referralId, "IN_PROGRESS");
    }

    /** Completes the referral (receiver) and ends the receiver's access to the case. */
    @Transactional
    public void complete(UUID referralId) {
        CurrentUser user = require(Permission.REFERRAL_RECEIVE);
        Row r = receiverRow(referralId, user);
        if (r.crossBorder() && jdbc.sql("select count(*) from referral_return_step where referral_id = ? and status <> 'DONE'")
                .param(referralId).query(Integer.class).single() > 0) {
            throw new Conflict("referrals.return.unfinished", "Every step of the return must be done before completion.");
        }
        if (!"ACCEPTED".equals(r.status()) && !"IN_PROGRESS".equals(r.status())) {
            throw new Conflict("referrals.badTransition", "This referral cannot be completed in its current state.");
        }
        transition(r, r.status(), "COMPLETED", true);
        revokeGrant(r);
        audit.record(AuditEntry.change("referral", "referral.complete", referralId, r.caseId()));
        notify(r.fromOrg(), referralId, "COMPLETED");
    }

    /** Withdraws the referral (referring organisation) and ends the receiver's access to the case. */
    @Transactional
    public void withdraw(UUID referralId) {
        CurrentUser user = require(Permission.REFERRAL_SEND);
        Row r = row(referralId);
        if (!r.fromOrg().equals(user.organisationId())) {
            throw new NotFound("referral");
        }
        if (!List.of("SENT", "ACCEPTED", "IN_PROGRESS").contains(r.status())) {
            throw new Conflict("referrals.badTransition", "This referral can no longer be withdrawn.");
        }
        transition(r, r.status(), "WITHDRAWN", true);
        revokeGrant(r);
        audit.record(AuditEntry.change("referral", "referral.withdraw", referralId, r.caseId()));
        notify(r.toOrg(), referralId, "WITHDRAWN");
    }

    /** The receiver records a service delivered under an accepted referral; the referring side sees it. */
    @Transactional
    public UUID recordDelivery(UUID referralId, RecordDelivery cmd) {
        CurrentUser user = require(Permission.REFERRAL_RECEIVE);
        Row r = receiverRow(referralId, user);
        Errors e = new Errors();
        if (Vocabulary.find(ServiceType.class, cmd.serviceType()).isEmpty()) {
            e.add("serviceType", "referrals.error.unknownCode", "Unknown value.");
        }
        if (cmd.deliveredOn() == null) {
            e.add("deliveredOn", "referrals.error.required", "Required.");
        } else if (cmd.deliveredOn().isAfter(LocalDate.now(CaseManagement.ZONE))) {
            e.add("deliveredOn", "referrals.error.future", "The date is in the future.");
        }
        e.text("outcome", cmd.outcome(), 500, false).throwIfAny();
        if (!"ACCEPTED".equals(r.status()) && !"IN_PROGRESS".equals(r.status())) {
            throw new Conflict("referrals.notActive", "Services are recorded only under an accepted referral.");
        }
        if ("ACCEPTED".equals(r.status())) {
            transition(r, "ACCEPTED", "IN_PROGRESS", false);
        }
        String outcome = cmd.outcome() == null || cmd.outcome().isBlank() ? null : cmd.outcome().trim();
        // Under a grant the service goes on the shared case too, so the owning organisation sees it among the case's
        // services; the cases module refuses (404) once the grant or its consent is no longer in force, which rolls
        // the whole recording back.
        UUID caseServiceId = r.grantId() == null ? null : sharing.recordGrantedService(r.grantId(),
                new RecordService(cmd.serviceType(), null, null, cmd.deliveredOn(), null, null, outcome));
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into referral_delivery (id, referral_id, service_type, delivered_on, outcome, recorded_by, case_service_id)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, referralId, cmd.serviceType(), cmd.deliveredOn(), outcome, user.userId(), caseServiceId)
                .update();
        audit.record(AuditEntry.change("referral", "referral.delivery", referralId, r.caseId()));
        notify(r.fromOrg(), referralId, "SERVICE_DELIVERED");
        return id;
    }

    /** Updates a step of a cross-border return; only the organisation responsible for the step may. */
    @Transactional
    public void updateStep(UUID referralId, String step, UpdateStep cmd) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.REFERRAL_SEND) && !user.can(Permission.REFERRAL_RECEIVE)) {
            throw new Forbidden("Your roles do not include referrals.");
        }
        Row r = row(referralId);
        if (!r.fromOrg().equals(user.organisationId()) && !r.toOrg().equals(user.organisationId())) {
            throw new NotFound("referral");
        }
        ReturnStep s = Vocabulary.find(ReturnStep.class, step).orElseThrow(() -> new NotFound("step"));
        Errors e = new Errors();
        StepStatus status = Vocabulary.find(StepStatus.class, cmd.status()).orElse(null);
        if (status == null) {
            e.add("status", "referrals.error.unknownCode", "Unknown value.");
        }
        if (status == StepStatus.DONE && cmd.doneOn() == null) {
            e.add("doneOn", "referrals.error.required", "Required.");
        }
        if (cmd.doneOn() != null && cmd.doneOn().isAfter(LocalDate.now(CaseManagement.ZONE))) {
            e.add("doneOn", "referrals.error.future", "The date is in the future.");
        }
        e.throwIfAny();
        if (!"ACCEPTED".equals(r.status()) && !"IN_PROGRESS".equals(r.status())) {
            throw new Conflict("referrals.notActive", "Return steps are worked on only under an accepted referral.");
        }
        UUID responsible = jdbc.sql("select responsible_org_id from referral_return_step where referral_id = ? and step = ?")
                .params(referralId, s.name()).query(UUID.class).optional().orElseThrow(() -> new NotFound("step"));
        if (!responsible.equals(user.organisationId())) {
            throw new Forbidden("Another organisation is responsible for this step.");
        }
        if (status == StepStatus.DONE && jdbc.sql("select count(*) from referral_return_step where referral_id = ? and position < ? and status <> 'DONE'")
                .params(referralId, s.ordinal()).query(Integer.class).single() > 0) {
            throw new Conflict("referrals.return.order", "The earlier steps of the return must be done first.");
        }
        // Work on a step is work on the referral: an accepted referral is now in progress (no-op if it already is).
        jdbc.sql("update referral set status = 'IN_PROGRESS', version = version + 1 where id = ? and status = 'ACCEPTED'")
                .param(referralId).update();
        jdbc.sql("update referral_return_step set status = ?, due_on = ?, done_on = ?, updated_by = ?, updated_at = now()"
                + " where referral_id = ? and step = ?")
                .params(status.name(), cmd.dueOn(), status == StepStatus.DONE ? cmd.doneOn() : null, user.userId(),
                        referralId, s.name()).update();
        audit.record(new AuditEntry("referral.return-step", org.haven.audit.AuditOutcome.SUCCESS, "referral",
                List.of(referralId.toString()), null, Map.of("step", s.name(), "status", status.name())));
        notify(r.fromOrg().equals(user.organisationId()) ? r.toOrg() : r.fromOrg(), referralId, "STEP_" + status.name());
    }

    // ---------------------------------------------------------------- reading

    /** A referral as the current user's organisation (sender or receiver) may see it; audited as a read. */
    @Transactional
    public ReferralDetails view(UUID referralId) {
        CurrentUser user = requireAny();
        ReferralSummary s = jdbc.sql(SELECT + " where r.id = :id and (r.from_org_id = :org or r.to_org_id = :org)")
                .param("id", referralId).param("org", user.organisationId()).query((rs, n) -> summary(rs, user))
                .optional().orElseThrow(() -> new NotFound("referral"));
        String decline = jdbc.sql("select decline_reason from referral where id = ?").param(referralId)
                .query(String.class).optional().orElse(null);
        List<Delivery> deliveries = jdbc.sql("select id, service_type, delivered_on, outcome, created_at, case_service_id is not null"
                + " from referral_delivery where referral_id = ? order by delivered_on, created_at").param(referralId)
                .query((rs, n) -> new Delivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getBoolean(6))).list();
        List<Step> steps = jdbc.sql("select s.step, s.position, s.responsible_org_id, o.name, s.status, s.due_on, s.done_on, s.updated_at "
                + "from referral_return_step s join organisation o on o.id = s.responsible_org_id where s.referral_id = ? order by s.position")
                .param(referralId)
                .query((rs, n) -> new Step(rs.getString(1), rs.getInt(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant())).list();
        audit.record(AuditEntry.read("referral", referralId));
        boolean accessible;
        SharedCase shared = null;
        if (!s.incoming()) {
            accessible = true;
        } else {
            accessible = s.caseId() != null && user.can(Permission.CASE_READ) && grantInForce(referralId, user);
            if (accessible) {
                // Checked first so that a lost access is a plain "no" here rather than an exception out of the cases
                // module (which would mark this transaction for rollback); viewCase audits the read of the case.
                shared = sharedCase(cases.viewCase(s.caseId()));
            }
        }
        return new ReferralDetails(s, decline, accessible, deliveries, steps, shared);
    }

    /**
     * Whether the referral's grant gives the user's organisation the case at this moment: not revoked, within its
     * period, and a consent of the case still covering the organisation for referral — the same test the cases
     * module applies on every access, so withdrawing the consent shows here on the very next request.
     */
    private boolean grantInForce(UUID referralId, CurrentUser user) {
        LocalDate today = LocalDate.now(CaseManagement.ZONE);
        UUID caseId = jdbc.sql("""
                select g.case_id from referral r join case_access_grant g on g.id = r.grant_id
                where r.id = ? and g.organisation_id = ? and g.revoked_at is null and g.valid_from <= ?
                  and (g.valid_to is null or g.valid_to >= ?)""")
                .params(referralId, user.organisationId(), today, today).query(UUID.class).optional().orElse(null);
        return caseId != null && consents.covers(caseId, user.organisationId(), user.organisationType().name(),
                Purpose.REFERRAL, today);
    }

    private static SharedCase sharedCase(CaseDetails c) {
        var id = c.identity();
        var p = c.profile();
        String khmer = id == null ? "" : String.join(" ", java.util.stream.Stream.of(id.familyNameKhmer(), id.givenNameKhmer())
                .filter(x -> x != null && !x.isBlank()).toList());
        return new SharedCase(c.caseId(), c.caseCode(), c.status(), c.displayName(), khmer.isEmpty() ? null : khmer,
                p == null ? null : p.sex(), p == null ? null : p.birthYear(), p == null ? null : p.nationality(),
                p == null ? List.of() : p.languages(), p == null ? null : p.disability(),
                p == null ? null : p.originPlaceCode(),
                c.services().stream().map(x -> new CaseService(x.serviceType(), x.providerName(), x.startedOn(),
                        x.endedOn())).toList());
    }

    /** Referrals sent or received by the user's organisation, newest first; {@code status} null for all. */
    @Transactional(readOnly = true)
    public List<ReferralSummary> list(boolean incoming, String status) {
        CurrentUser user = requireAny();
        String where = incoming ? " where r.to_org_id = :org" : " where r.from_org_id = :org";
        if (status != null && !status.isBlank()) {
            where += " and r.status = :status";
        }
        return jdbc.sql(SELECT + where + " order by r.sent_at desc limit 200").param("org", user.organisationId())
                .param("status", status == null ? "" : status.trim()).query((rs, n) -> summary(rs, user)).list();
    }

    /** Unanswered referrals past their response deadline, sent or received by the user's organisation. */
    @Transactional(readOnly = true)
    public List<ReferralSummary> overdue() {
        CurrentUser user = requireAny();
        return jdbc.sql(SELECT + " where (r.from_org_id = :org or r.to_org_id = :org) and r.status = 'SENT'"
                + " and r.respond_by < now() order by r.respond_by").param("org", user.organisationId())
                .query((rs, n) -> summary(rs, user)).list();
    }

    /**
     * The latest in-app notifications of the user's organisation (every change of a referral notifies the other
     * side's organisation), with whether this user has read each.
     */
    @Transactional(readOnly = true)
    public List<Notification> notifications(int limit) {
        CurrentUser user = requireAny();
        return jdbc.sql("""
                select n.id, n.referral_id, r.case_code, n.event, n.created_at,
                  exists (select 1 from referral_notification_read x where x.notification_id = n.id and x.user_id = ?)
                from referral_notification n join referral r on r.id = n.referral_id
                where n.organisation_id = ? order by n.created_at desc limit ?""")
                .params(user.userId(), user.organisationId(), Math.max(1, Math.min(limit, 200)))
                .query((rs, n) -> new Notification(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getBoolean(6))).list();
    }

    /** How many of the organisation's notifications this user has not read. */
    @Transactional(readOnly = true)
    public int unreadNotifications() {
        CurrentUser user = requireAny();
        return jdbc.sql("""
                select count(*) from referral_notification n where n.organisation_id = ? and not exists
                  (select 1 from referral_notification_read x where x.notification_id = n.id and x.user_id = ?)""")
                .params(user.organisationId(), user.userId()).query(Integer.class).single();
    }

    /** Marks every notification of the organisation read for this user (colleagues keep their own unread ones). */
    @Transactional
    public void markNotificationsRead() {
        CurrentUser user = requireAny();
        jdbc.sql("""
                insert into referral_notification_read (notification_id, user_id)
                select n.id, ? from referral_notification n where n.organisation_id = ?
                on conflict do nothing""")
                .params(user.userId(), user.organisationId()).update();
    }

    /**
     * Referral indicators of the supervisor's organisation: per direction, counterpart organisation and service, the
     * number sent, accepted, declined and completed, the median hours to a response and the completion rate of
     * accepted referrals; and the decline reasons given.
     */
    @Transactional
    public Indicators indicators() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.CASE_SUPERVISE)) {
            throw new Forbidden("Referral indicators are for case supervisors.");
        }
        List<IndicatorRow> rows = new ArrayList<>();
        for (boolean outgoing : new boolean[] {true, false}) {
            String mine = outgoing ? "r.from_org_id" : "r.to_org_id";
            String other = outgoing ? "r.to_org_id" : "r.from_org_id";
            rows.addAll(jdbc.sql("""
                    select %s, o.name, s.service,
                      count(*),
                      count(*) filter (where r.responded_at is not null and r.status <> 'DECLINED'),
                      count(*) filter (where r.status = 'DECLINED'),
                      count(*) filter (where r.status = 'COMPLETED'),
                      percentile_cont(0.5) within group (order by extract(epoch from (r.responded_at - r.sent_at)) / 3600.0)
                        filter (where r.responded_at is not null)
                    from referral r cross join lateral unnest(r.services) as s(service)
                    join organisation o on o.id = %s
                    where %s = ?
                    group by %s, o.name, s.service order by o.name, s.service""".formatted(other, other, mine, other))
                    .param(user.organisationId())
                    .query((rs, n) -> {
                        long accepted = rs.getLong(5);
                        long completed = rs.getLong(7);
                        Object median = rs.getObject(8);
                        return new IndicatorRow(outgoing ? "SENT" : "RECEIVED", rs.getObject(1, UUID.class),
                                rs.getString(2), rs.getString(3), rs.getLong(4), accepted, rs.getLong(6), completed,
                                median == null ? null : Math.round(((Number) median).doubleValue() * 10) / 10.0,
                                accepted == 0 ? null : Math.round(completed * 1000.0 / accepted) / 10.0);
                    }).list());
        }
        List<DeclineReason> reasons = jdbc.sql("""
                select o.name, r.decline_reason, r.responded_at from referral r join organisation o on o.id = r.to_org_id
                where r.from_org_id = ? and r.status = 'DECLINED' order by r.responded_at desc limit 100""")
                .param(user.organisationId())
                .query((rs, n) -> new DeclineReason(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
        audit.record(AuditEntry.read("referral_indicators", user.organisationId()));
        return new Indicators(rows, reasons);
    }

    // ---------------------------------------------------------------- helpers

    private static final String SELECT = """
            select r.id, r.case_code, r.case_id, r.from_org_id, fo.name, r.to_org_id, tocol.name, r.services, r.reason,
              r.urgency, r.age_band, r.sex, r.status, r.sent_at, r.respond_by, r.cross_border,
              r.override_reason is not null, r.grant_id, r.version
            from referral r join organisation fo on fo.id = r.from_org_id join organisation tocol on tocol.id = r.to_org_id""";

    private static ReferralSummary summary(ResultSet rs, CurrentUser user) throws SQLException {
        UUID toOrg = rs.getObject(6, UUID.class);
        boolean incoming = toOrg.equals(user.organisationId());
        String status = rs.getString(13);
        Instant respondBy = rs.getTimestamp(15).toInstant();
        boolean granted = rs.getObject(18) != null && List.of("ACCEPTED", "IN_PROGRESS").contains(status);
        // The receiver learns which case it is (its id, to open it) only once a grant gives it the case.
        UUID caseId = incoming && !granted ? null : rs.getObject(3, UUID.class);
        return new ReferralSummary(rs.getObject(1, UUID.class), rs.getString(2), caseId, rs.getObject(4, UUID.class),
                rs.getString(5), toOrg, rs.getString(7), ServiceDirectory.strings(rs.getArray(8)), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), status, rs.getTimestamp(14).toInstant(), respondBy,
                "SENT".equals(status) && respondBy.isBefore(Instant.now()), rs.getBoolean(16), rs.getBoolean(17),
                incoming, rs.getInt(19));
    }

    private void transition(Row r, String from, String to, boolean closes) {
        int n = jdbc.sql("update referral set status = ?, version = version + 1" + (closes ? ", closed_at = now()" : "")
                + " where id = ? and status = ?").params(to, r.id(), from).update();
        if (n == 0) {
            throw new Conflict("referrals.badTransition", "This referral cannot change to that state now.");
        }
    }

    private void revokeGrant(Row r) {
        if (r.grantId() != null) {
            withoutUser(() -> {
                sharing.revoke(r.grantId());
                return null;
            });
        }
    }

    private void notify(UUID organisationId, UUID referralId, String event) {
        jdbc.sql("insert into referral_notification (id, organisation_id, referral_id, event) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), organisationId, referralId, event).update();
        // after commit, the e-mail notifier (ReferralMailer) tells the organisation's users who have an address
        events.publishEvent(new ReferralChanged(referralId, organisationId, event));
    }

    private Row row(UUID id) {
        return jdbc.sql("select id, case_id, from_org_id, to_org_id, status, consent_id, grant_id, cross_border, version "
                + "from referral where id = ?").param(id)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5),
                        rs.getObject(6, UUID.class), rs.getObject(7, UUID.class), rs.getBoolean(8), rs.getInt(9)))
                .optional().orElseThrow(() -> new NotFound("referral"));
    }

    private Row receiverRow(UUID id, CurrentUser user) {
        Row r = row(id);
        if (!r.toOrg().equals(user.organisationId())) {
            throw new NotFound("referral");
        }
        return r;
    }

    private Org org(UUID id) {
        return jdbc.sql("select id, type, country_code, enabled from organisation where id = ?").param(id)
                .query((rs, n) -> new Org(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3).trim(),
                        rs.getBoolean(4)))
                .optional().orElse(null);
    }

    private static CurrentUser require(Permission p) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(p)) {
            throw new Forbidden("Your roles do not include this referral action.");
        }
        return user;
    }

    private static CurrentUser requireAny() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.REFERRAL_SEND) && !user.can(Permission.REFERRAL_RECEIVE)) {
            throw new Forbidden("Your roles do not include referrals.");
        }
        return user;
    }

    /** Age band (not the birth year) is all the receiver learns of the age before accepting. */
    static String ageBand(CaseDetails c) {
        Integer age = null;
        if (c.profile() != null) {
            if (c.profile().birthYear() != null) {
                age = LocalDate.now(CaseManagement.ZONE).getYear() - c.profile().birthYear();
            } else if (c.profile().estimatedAge() != null) {
                age = c.profile().estimatedAge();
            }
        }
        return ageBand(age);
    }

    static String ageBand(Integer age) {
        if (age == null || age < 0) {
            return "UNKNOWN";
        }
        if (age < 12) {
            return "0-11";
        }
        if (age < 15) {
            return "12-14";
        }
        if (age < 18) {
            return "15-17";
        }
        if (age < 25) {
            return "18-24";
        }
        if (age < 35) {
            return "25-34";
        }
        if (age < 50) {
            return "35-49";
        }
        return "50+";
    }

    private static <T> T withoutUser(Supplier<T> action) {
        SecurityContext saved = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(saved);
        }
    }
}
