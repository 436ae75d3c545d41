package org.haven.prosecution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.prosecution.internal.NonPunishmentWatch;
import org.haven.prosecution.internal.ProceedingAccess;
import org.haven.prosecution.internal.ProceedingAccess.Reach;
import org.haven.prosecution.internal.ProsecutionAudit;
import org.haven.prosecution.internal.VictimDirectory;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Survivors in proceedings: link a survivor's case as victim or witness (only when the survivor's consent for legal
 * proceedings covers the organisation running the proceeding), record support given, safety concerns and the
 * survivor's cooperation decisions (kept apart from service eligibility: nothing in cases reads them), and
 * compensation ordered and paid. Linking a victim checks for non-punishment alerts. Police and prosecutors see a
 * linked survivor's details only while consent covers their organisation; shelters only their own survivors. Every
 * read of a link is audited.
 */
@Service
public class VictimWitnessSupport {

    private final JdbcClient jdbc;
    private final ProceedingAccess access;
    private final ProsecutionAudit audit;
    private final VictimDirectory directory;
    private final NonPunishmentWatch watch;
    private final ProsecutionTracking tracking;

    VictimWitnessSupport(JdbcClient jdbc, ProceedingAccess access, ProsecutionAudit audit, VictimDirectory directory,
            NonPunishmentWatch watch, ProsecutionTracking tracking) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.directory = directory;
        this.watch = watch;
        this.tracking = tracking;
    }

    /**
     * Links a survivor's case to the proceeding: by a writer of the proceeding (police, prosecutors) when the case is
     * known to them, or by a caseworker of the case's own organisation when that organisation reaches the proceeding
     * or is involved in it as an agency. Refused (409) without covering consent for legal proceedings.
     */
    @Transactional
    public UUID link(UUID proceedingId, UUID caseId, VictimLink.Role role) {
        CurrentUser user = CurrentUser.require();
        // A caseworker of an organisation involved as an agency (e.g. the shelter, added by the police) may link
        // their own survivor before they reach the proceeding through one: police and prosecutors cannot read a
        // shelter's case, so without this nobody could link a survivor whose case they do not own.
        Reach reach = access.reach(user, proceedingId).orElse(null);
        boolean involvedCaseworker = user.can(Permission.CASE_WRITE) && access.isParty(user.organisationId(), proceedingId);
        if (reach == null && !involvedCaseworker) {
            throw new NotFound("proceeding");
        }
        if (role == null || caseId == null) {
            throw InvalidInput.of(role == null ? "role" : "caseId", "victim.link.incomplete",
                    "Give the survivor's case and whether they are a victim or a witness.");
        }
        VictimDirectory.CaseParty party = directory.find(caseId)
                .orElseThrow(() -> InvalidInput.of("caseId", "victim.case.unknown", "No such survivor case."));
        boolean ownCase = party.organisationId().equals(user.organisationId()) && user.can(Permission.CASE_WRITE);
        if (!(access.mayWrite(user, proceedingId) || ownCase)) {
            throw new Forbidden("Your roles do not allow linking survivors to this proceeding.");
        }
        var owner = jdbc.sql("select p.owner_organisation_id, o.type from proceeding p join organisation o "
                + "on o.id = p.owner_organisation_id where p.id = ?").param(proceedingId)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).single();
        if (!directory.legalProceedingsConsent(caseId, (UUID) owner[0],
                org.haven.security.OrganisationType.valueOf((String) owner[1]), tracking.today())) {
            audit.denied("proceeding-victim", "proceeding-victim.link", proceedingId);
            throw new Conflict("victim.consent.missing", "The survivor's consent for legal proceedings does not cover "
                    + "the organisation running this proceeding; record that consent in the survivor's case first.");
        }
        if (jdbc.sql("select exists (select 1 from proceeding_victim where proceeding_id = ? and case_id = ?)")
                .params(proceedingId, caseId).query(Boolean.class).single()) {
            throw new Conflict("victim.link.exists", "This survivor is already linked to the proceeding.");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into proceeding_victim (id, proceeding_id, case_id, case_organisation_id, case_caseworker_id, "
                + "role, linked_by) values (?, ?, ?, ?, ?, ?, ?)").params(id, proceedingId, caseId,
                        party.organisationId(), party.caseworkerId(), role.name(), user.userId()).update();
        audit.change("proceeding-victim", "proceeding-victim.link", List.of(id, caseId, proceedingId));
        if (role == VictimLink.Role.VICTIM) {
            watch.check(caseId);
        }
        return id;
    }

    /** The survivors linked to a proceeding as this user may see them (see the class comment); one audited read. */
    @Transactional
    public List<VictimLink> victims(UUID proceedingId) {
        List<VictimLink> links = links(proceedingId);
        auditSeen(links);
        return links;
    }

    /**
     * What a page shows of the survivors of a proceeding: their links and the compensation ordered to those this user
     * may see, read together and recorded as one audit event naming the survivors shown.
     */
    public record SurvivorsAndCompensation(List<VictimLink> victims, List<CompensationLine> compensation) {
    }

    @Transactional
    public SurvivorsAndCompensation victimsWithCompensation(UUID proceedingId) {
        List<VictimLink> links = links(proceedingId);
        auditSeen(links);
        return new SurvivorsAndCompensation(links, compensationOf(proceedingId, links));
    }

    /** One audit event naming the survivors whose details are in {@code links} (none if consent covers nobody). */
    private void auditSeen(List<VictimLink> links) {
        audit.readFor("case", links.stream().filter(VictimLink::consentCovers).map(VictimLink::caseId).toList(),
                "LEGAL_PROCEEDINGS");
    }

    /** The links as this user may see them, without auditing: callers audit what they show. */
    private List<VictimLink> links(UUID proceedingId) {
        CurrentUser user = CurrentUser.require();
        Reach reach = access.reach(user, proceedingId).orElseThrow(() -> new NotFound("proceeding"));
        record Row(UUID id, int version, UUID caseId, UUID caseOrg, VictimLink.Role role, String safety,
                VictimLink.Cooperation coop, LocalDate coopOn, boolean flag) {
        }
        List<Row> rows = jdbc.sql("""
                select v.id, v.version, v.case_id, v.case_organisation_id, v.role, v.safety_concerns, v.cooperation,
                  v.cooperation_on, exists (select 1 from non_punishment_alert a where a.victim_id = v.id
                  and a.resolved_at is null) as flag
                from proceeding_victim v where v.proceeding_id = ? order by v.linked_at, v.id""")
                .param(proceedingId).query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getInt(2),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                        VictimLink.Role.valueOf(rs.getString(5)), rs.getString(6),
                        VictimLink.Cooperation.valueOf(rs.getString(7)), rs.getObject(8, LocalDate.class),
                        rs.getBoolean(9))).list();
        LocalDate today = tracking.today();
        List<VictimLink> out = new ArrayList<>();
        for (Row r : rows) {
            boolean own = r.caseOrg().equals(user.organisationId());
            if (reach == Reach.CASE_OWNER && !own) {
                continue;
            }
            boolean covers = own || directory.legalProceedingsConsent(r.caseId(), user.organisationId(),
                    user.organisationType(), today);
            if (!covers) {
                out.add(new VictimLink(r.id(), r.version(), null, r.role(), false, Set.of(), null, null, List.of(),
                        false));
                continue;
            }
            List<VictimLink.Support> support = jdbc.sql("select kind, given_on from victim_support where victim_id = ? "
                    + "order by given_on, id").param(r.id()).query((rs, n) -> new VictimLink.Support(
                            VictimLink.SupportKind.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class))).list();
            out.add(new VictimLink(r.id(), r.version(), r.caseId(), r.role(), true, concerns(r.safety()), r.coop(),
                    r.coopOn(), support, r.flag()));
        }
        return out;
    }

    /** Records support given to a linked survivor. */
    @Transactional
    public void recordSupport(UUID proceedingId, UUID victimId, VictimLink.SupportKind kind, LocalDate on) {
        requireLinkWritable(proceedingId, victimId);
        if (kind == null || on == null) {
            throw InvalidInput.of(kind == null ? "kind" : "givenOn", "victim.support.incomplete",
                    "Give the kind of support and the date it was given.");
        }
        if (on.isAfter(tracking.today())) {
            throw InvalidInput.of("givenOn", "victim.support.future", "Support cannot be recorded before it is given.");
        }
        jdbc.sql("insert into victim_support (id, victim_id, kind, given_on, recorded_by) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), victimId, kind.name(), on, CurrentUser.require().userId()).update();
        audit.change("proceeding-victim", "proceeding-victim.support", List.of(victimId));
    }

    /** Records safety concerns and the survivor's cooperation decision (optimistic locking on the link). */
    @Transactional
    public void recordSafetyAndCooperation(UUID proceedingId, UUID victimId, int version,
            Set<VictimLink.SafetyConcern> concerns, VictimLink.Cooperation cooperation, LocalDate on) {
        requireLinkWritable(proceedingId, victimId);
        if (cooperation == null) {
            throw InvalidInput.of("cooperation", "victim.cooperation.required", "Give the cooperation decision.");
        }
        if (on != null && on.isAfter(tracking.today())) {
            throw InvalidInput.of("cooperationOn", "victim.cooperation.future", "The date cannot be in the future.");
        }
        String codes = concerns == null ? "" : concerns.stream().map(Enum::name).sorted()
                .collect(Collectors.joining(","));
        int n = jdbc.sql("update proceeding_victim set safety_concerns = ?, cooperation = ?, cooperation_on = ?, "
                + "version = version + 1 where id = ? and proceeding_id = ? and version = ?")
                .params(codes, cooperation.name(), on, victimId, proceedingId, version).update();
        ProsecutionTracking.stale(n);
        audit.change("proceeding-victim", "proceeding-victim.cooperation", List.of(victimId));
    }

    /** Compensation ordered to a victim, paid by a defendant. Amounts must not be negative. */
    @Transactional
    public UUID orderCompensation(UUID proceedingId, UUID victimId, UUID suspectId, BigDecimal amount,
            String currency, LocalDate on) {
        tracking.requireWritable(proceedingId);
        requireVictimOf(proceedingId, victimId);
        amount(amount, "amount");
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw InvalidInput.of("currency", "compensation.currency.invalid", "Give the currency as an ISO code (KHR, USD).");
        }
        if (on == null || on.isAfter(tracking.today())) {
            throw InvalidInput.of("orderedOn", "compensation.date.invalid", "Give the date of the order (not in the future).");
        }
        if (!jdbc.sql("select exists (select 1 from proceeding_defendant where proceeding_id = ? and suspect_id = ?)")
                .params(proceedingId, suspectId).query(Boolean.class).single()) {
            throw InvalidInput.of("suspectId", "compensation.defendant.unknown", "That person is not a defendant here.");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into compensation (id, proceeding_id, victim_id, suspect_id, ordered_on, amount, currency) "
                + "values (?, ?, ?, ?, ?, ?, ?)").params(id, proceedingId, victimId, suspectId, on, amount, currency)
                .update();
        audit.change("compensation", "compensation.order", List.of(id, victimId));
        return id;
    }

    /** A payment towards ordered compensation; positive, and not beyond what remains due. */
    @Transactional
    public void recordPayment(UUID proceedingId, UUID compensationId, BigDecimal amount, LocalDate on) {
        tracking.requireWritable(proceedingId);
        amount(amount, "amount");
        if (amount.signum() == 0) {
            throw InvalidInput.of("amount", "compensation.amount.zero", "A payment must be more than zero.");
        }
        if (on == null || on.isAfter(tracking.today())) {
            throw InvalidInput.of("paidOn", "compensation.date.invalid", "Give the date of payment (not in the future).");
        }
        BigDecimal due = jdbc.sql("select c.amount - coalesce((select sum(p.amount) from compensation_payment p "
                + "where p.compensation_id = c.id), 0) from compensation c where c.id = ? and c.proceeding_id = ? for update")
                .params(compensationId, proceedingId).query(BigDecimal.class).optional()
                .orElseThrow(() -> new NotFound("compensation"));
        if (amount.compareTo(due) > 0) {
            throw InvalidInput.of("amount", "compensation.amount.exceedsDue",
                    "The payment is more than the " + due + " still due.");
        }
        jdbc.sql("insert into compensation_payment (id, compensation_id, paid_on, amount) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), compensationId, on, amount).update();
        audit.change("compensation", "compensation.payment", List.of(compensationId));
    }

    /** Compensation of the proceeding: ordered and paid per victim link, for those the user sees. */
    public record CompensationLine(UUID id, UUID victimId, UUID suspectId, LocalDate orderedOn, BigDecimal ordered,
            BigDecimal paid, String currency) {
    }

    /** Compensation ordered to the survivors this user may see; one audited read naming them. */
    @Transactional
    public List<CompensationLine> compensation(UUID proceedingId) {
        return victimsWithCompensation(proceedingId).compensation();
    }

    private List<CompensationLine> compensationOf(UUID proceedingId, List<VictimLink> links) {
        Set<UUID> visible = links.stream().filter(VictimLink::consentCovers).map(VictimLink::id)
                .collect(Collectors.toSet());
        return jdbc.sql("""
                select c.id, c.victim_id, c.suspect_id, c.ordered_on, c.amount,
                  coalesce((select sum(p.amount) from compensation_payment p where p.compensation_id = c.id), 0), c.currency
                from compensation c where c.proceeding_id = ? order by c.ordered_on, c.id""").param(proceedingId)
                .query((rs, n) -> new CompensationLine(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, LocalDate.class), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getString(7))).list()
                .stream().filter(c -> visible.contains(c.victimId())).toList();
    }

    private void requireLinkWritable(UUID proceedingId, UUID victimId) {
        CurrentUser user = CurrentUser.require();
        Reach reach = access.reach(user, proceedingId).orElseThrow(() -> new NotFound("proceeding"));
        UUID caseOrg = requireVictimOf(proceedingId, victimId);
        boolean ownCase = caseOrg.equals(user.organisationId()) && user.can(Permission.CASE_WRITE);
        if (reach == Reach.CASE_OWNER && !ownCase) {
            throw new NotFound("victim");
        }
        if (!(access.mayWrite(user, proceedingId) || ownCase)) {
            throw new Forbidden("Your roles do not allow recording support for this survivor.");
        }
    }

    private UUID requireVictimOf(UUID proceedingId, UUID victimId) {
        return jdbc.sql("select case_organisation_id from proceeding_victim where id = ? and proceeding_id = ?")
                .params(victimId, proceedingId).query(UUID.class).optional().orElseThrow(() -> new NotFound("victim"));
    }

    static void amount(BigDecimal amount, String field) {
        if (amount == null) {
            throw InvalidInput.of(field, "compensation.amount.required", "Give the amount.");
        }
        if (amount.signum() < 0) {
            throw InvalidInput.of(field, "compensation.amount.negative", "An amount cannot be negative.");
        }
    }

    static Set<VictimLink.SafetyConcern> concerns(String codes) {
        if (codes == null || codes.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(codes.split(",")).map(VictimLink.SafetyConcern::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(VictimLink.SafetyConcern.class)));
    }
}
