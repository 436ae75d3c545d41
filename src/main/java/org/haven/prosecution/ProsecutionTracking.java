package org.haven.prosecution;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.haven.prosecution.internal.AttritionReadModel;
import org.haven.prosecution.internal.ProceedingAccess;
import org.haven.prosecution.internal.ProceedingAccess.Reach;
import org.haven.prosecution.internal.ProsecutionAudit;
import org.haven.places.Gazetteer;
import org.haven.places.Level;
import org.haven.security.AccessAction;
import org.haven.security.AccessPolicy;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proceedings: open, edit, move through stages (validated by {@link StageRules}, every move dated in the stage
 * history), drop and reopen, involve agencies, list and read. Access is decided per record here (see
 * {@code ProceedingAccess}): records out of reach are {@link NotFound}; stale versions are 409. Reads and changes are
 * audited in the same transaction.
 */
@Service
public class ProsecutionTracking {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern PROVINCE = Pattern.compile("\\d{2}|[A-Z]{2}-[A-Z0-9]{1,3}");

    private final JdbcClient jdbc;
    private final ProceedingAccess access;
    private final ProsecutionAudit audit;
    private final Clock clock;
    private final AccessPolicy policy;
    private final Gazetteer gazetteer;
    private final AttritionReadModel readModel;

    ProsecutionTracking(JdbcClient jdbc, ProceedingAccess access, ProsecutionAudit audit,
            org.springframework.beans.factory.ObjectProvider<Clock> clock, AccessPolicy policy, Gazetteer gazetteer,
            AttritionReadModel readModel) {
        this.jdbc = jdbc;
        this.readModel = readModel;
        this.policy = policy;
        this.gazetteer = gazetteer;
        this.access = access;
        this.audit = audit;
        this.clock = clock.getIfAvailable(org.haven.shared.HavenClock::clock);
    }

    /** Today in the application clock (tests may fix it). */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Transactional
    public UUID open(OpenProceeding cmd) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.PROCEEDING_WRITE)) {
            throw new Forbidden("Your roles do not allow opening proceedings.");
        }
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (cmd.countryCode() == null || !COUNTRY.matcher(cmd.countryCode()).matches()) {
            errors.add(new InvalidInput.FieldError("countryCode", "proceeding.country.invalid",
                    "Give the country as a two-letter ISO code."));
        }
        if (cmd.provinceCode() != null && !cmd.provinceCode().isBlank()
                && !knownProvince(cmd.countryCode(), cmd.provinceCode())) {
            errors.add(new InvalidInput.FieldError("provinceCode", "proceeding.province.invalid",
                    "Give the province as its two-digit gazetteer code."));
        }
        if (cmd.exploitationForm() == null) {
            errors.add(new InvalidInput.FieldError("exploitationForm", "proceeding.form.required",
                    "Give the form of exploitation."));
        }
        if (cmd.complaintOn() == null) {
            errors.add(new InvalidInput.FieldError("complaintOn", "proceeding.complaintOn.required",
                    "Give the date of the complaint."));
        } else if (cmd.complaintOn().isAfter(today())) {
            errors.add(new InvalidInput.FieldError("complaintOn", "proceeding.stage.dateInFuture",
                    "The date of a stage cannot be in the future."));
        }
        for (OpenProceeding.Agency a : cmd.agencies()) {
            if (a.organisationId() == null || a.role() == null || !jdbc.sql("select exists (select 1 from organisation where id = ?)")
                    .param(a.organisationId()).query(Boolean.class).single()) {
                errors.add(new InvalidInput.FieldError("agencies", "proceeding.agency.unknown",
                        "An agency is not a known organisation."));
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into proceeding (id, owner_organisation_id, country_code, province_code, court, police_report_no,
                  court_case_no, exploitation_form, stage, stage_since, complaint_on, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'COMPLAINT', ?, ?, ?)""")
                .params(id, user.organisationId(), cmd.countryCode(), blankToNull(cmd.provinceCode()),
                        blankToNull(cmd.court()), blankToNull(cmd.policeReportNo()), blankToNull(cmd.courtCaseNo()),
                        cmd.exploitationForm().name(), cmd.complaintOn(), cmd.complaintOn(), user.userId())
                .update();
        history(id, Stage.COMPLAINT, cmd.complaintOn(), null, false, user);
        for (OpenProceeding.Agency a : cmd.agencies()) {
            if (!a.organisationId().equals(user.organisationId())) {
                jdbc.sql("insert into proceeding_agency (proceeding_id, organisation_id, role) values (?, ?, ?) "
                        + "on conflict do nothing").params(id, a.organisationId(), a.role().name()).update();
            }
        }
        readModel.refresh(id);
        audit.change("proceeding", "proceeding.open", Set.of(id));
        return id;
    }

    /** Edits jurisdiction and reference numbers (not the stage). */
    @Transactional
    public void edit(UUID id, int version, String provinceCode, String court, String policeReportNo,
            String courtCaseNo, ExploitationForm form) {
        CurrentUser user = requireWritable(id);
        if (provinceCode != null && !provinceCode.isBlank() && !knownProvince(
                jdbc.sql("select country_code from proceeding where id = ?").param(id).query(String.class).single(),
                provinceCode)) {
            throw InvalidInput.of("provinceCode", "proceeding.province.invalid",
                    "Give the province as its two-digit gazetteer code.");
        }
        if (form == null) {
            throw InvalidInput.of("exploitationForm", "proceeding.form.required", "Give the form of exploitation.");
        }
        Stage stage = current(id).stage();
        if (stage.terminal()) {
            throw new Conflict("proceeding.stage.terminal",
                    "The proceeding is " + stage.name().toLowerCase() + "; only a reopening can change it.");
        }
        int n = jdbc.sql("""
                update proceeding set province_code = ?, court = ?, police_report_no = ?, court_case_no = ?,
                  exploitation_form = ?, updated_at = now(), version = version + 1 where id = ? and version = ?""")
                .params(blankToNull(provinceCode), blankToNull(court), blankToNull(policeReportNo),
                        blankToNull(courtCaseNo), form.name(), id, version).update();
        stale(n);
        readModel.refresh(id);
        audit.change("proceeding", "proceeding.edit", Set.of(id));
    }

    /** Moves the proceeding to the next stage, or drops it ({@code reason} required then). */
    @Transactional
    public void move(UUID id, int version, Stage to, LocalDate on, DropReason reason) {
        CurrentUser user = requireWritable(id);
        if (to == null) {
            throw InvalidInput.of("to", "proceeding.stage.required", "Give the stage to move to.");
        }
        Current c = current(id);
        StageRules.checkMove(c.stage(), c.since(), to, on, reason, today());
        int n = jdbc.sql("""
                update proceeding set stage = ?, stage_since = ?, drop_reason = ?, dropped_from = ?, updated_at = now(),
                  version = version + 1 where id = ? and version = ?""")
                .params(to.name(), on, reason == null ? null : reason.name(),
                        to == Stage.DROPPED ? c.stage().name() : null, id, version).update();
        stale(n);
        history(id, to, on, reason == null ? null : reason.name(), false, user);
        readModel.refresh(id);
        audit.change("proceeding", "proceeding.stage." + to.name().toLowerCase(), Set.of(id));
    }

    /** Reopens a closed (into appeal) or dropped (into the stage it was dropped from) proceeding. */
    @Transactional
    public Stage reopen(UUID id, int version, LocalDate on, ReopenReason reason) {
        CurrentUser user = requireWritable(id);
        if (reason == null) {
            throw InvalidInput.of("reason", "proceeding.reopen.reasonRequired", "Give the reason for reopening.");
        }
        Current c = current(id);
        Stage into = StageRules.checkReopen(c.stage(), c.droppedFrom(), c.since(), on, today());
        int n = jdbc.sql("""
                update proceeding set stage = ?, stage_since = ?, drop_reason = null, dropped_from = null,
                  updated_at = now(), version = version + 1 where id = ? and version = ?""")
                .params(into.name(), on, id, version).update();
        stale(n);
        history(id, into, on, reason.name(), true, user);
        readModel.refresh(id);
        audit.change("proceeding", "proceeding.reopen", Set.of(id));
        return into;
    }

    /** Involves another organisation (it will see the proceeding). */
    @Transactional
    public void addAgency(UUID id, UUID organisationId, OpenProceeding.AgencyRole role) {
        requireWritable(id);
        if (role == null || organisationId == null || !jdbc.sql("select exists (select 1 from organisation where id = ?)")
                .param(organisationId).query(Boolean.class).single()) {
            throw InvalidInput.of("organisationId", "proceeding.agency.unknown", "An agency is not a known organisation.");
        }
        jdbc.sql("insert into proceeding_agency (proceeding_id, organisation_id, role) values (?, ?, ?) "
                + "on conflict (proceeding_id, organisation_id) do update set role = excluded.role")
                .params(id, organisationId, role.name()).update();
        audit.change("proceeding", "proceeding.agency", Set.of(id));
    }

    @Transactional
    public ProceedingView get(UUID id) {
        CurrentUser user = CurrentUser.require();
        policy.check(user, "proceeding", id, AccessAction.READ, null);
        Reach reach = access.reach(user, id).orElseThrow(() -> new NotFound("proceeding"));
        LocalDate today = today();
        List<ProceedingView.StageEntry> raw = jdbc.sql("""
                select stage, entered_on, reason, reopening,
                       lead(entered_on) over (order by id) as next_on
                from proceeding_stage_history where proceeding_id = ? order by id""")
                .param(id)
                .query((rs, n) -> {
                    LocalDate entered = rs.getObject("entered_on", LocalDate.class);
                    LocalDate next = rs.getObject("next_on", LocalDate.class);
                    Stage s = Stage.valueOf(rs.getString("stage"));
                    long days = next != null ? ChronoUnit.DAYS.between(entered, next)
                            : s.terminal() ? 0 : ChronoUnit.DAYS.between(entered, today);
                    return new ProceedingView.StageEntry(s, entered, days, rs.getString("reason"),
                            rs.getBoolean("reopening"));
                }).list();
        List<ProceedingView.AgencyEntry> agencies = jdbc.sql("""
                select a.organisation_id, o.name, a.role from proceeding_agency a join organisation o
                  on o.id = a.organisation_id where a.proceeding_id = ? order by o.name""")
                .param(id).query((rs, n) -> new ProceedingView.AgencyEntry(rs.getObject(1, UUID.class),
                        rs.getString(2), OpenProceeding.AgencyRole.valueOf(rs.getString(3)))).list();
        boolean flag = jdbc.sql("""
                select exists (select 1 from non_punishment_alert n where n.resolved_at is null and (
                  n.victim_id in (select v.id from proceeding_victim v where v.proceeding_id = :p)
                  or n.suspect_id in (select d.suspect_id from proceeding_defendant d where d.proceeding_id = :p)))""")
                .param("p", id).query(Boolean.class).single();
        ProceedingView view = jdbc.sql("select * from proceeding where id = ?").param(id)
                .query((rs, n) -> new ProceedingView(id, rs.getInt("version"), reach.name(),
                        rs.getObject("owner_organisation_id", UUID.class), rs.getString("country_code"),
                        rs.getString("province_code"), rs.getString("court"),
                        reach == Reach.FULL ? rs.getString("police_report_no") : null, rs.getString("court_case_no"),
                        ExploitationForm.valueOf(rs.getString("exploitation_form")),
                        Stage.valueOf(rs.getString("stage")), rs.getObject("stage_since", LocalDate.class),
                        rs.getObject("complaint_on", LocalDate.class),
                        rs.getString("drop_reason") == null ? null : DropReason.valueOf(rs.getString("drop_reason")),
                        rs.getString("dropped_from") == null ? null : Stage.valueOf(rs.getString("dropped_from")),
                        raw, agencies, flag))
                .single();
        audit.read("proceeding", Set.of(id));
        return view;
    }

    /** The proceedings within the user's reach, newest complaint first. */
    @Transactional(readOnly = true)
    public List<ProceedingSummary> list(Stage stage, int limit, int offset) {
        CurrentUser user = CurrentUser.require();
        // Record-level lists are for people who work on proceedings or on the survivors in them; aggregate-only
        // roles (analysts, donors) get the attrition figures instead.
        if (!user.can(Permission.PROCEEDING_READ) && !user.can(Permission.CASE_READ)) {
            throw new Forbidden("Your roles do not allow listing proceedings.");
        }
        String sql = "select id, country_code, province_code, court_case_no, exploitation_form, stage, stage_since, "
                + "complaint_on from proceeding p where " + ProceedingAccess.visibleSql(user)
                + (stage == null ? "" : " and p.stage = :stage")
                + " order by complaint_on desc, id limit :limit offset :offset";
        var spec = jdbc.sql(sql).param("org", user.organisationId())
                .param("limit", Math.max(1, Math.min(limit, 200))).param("offset", Math.max(0, offset));
        if (stage != null) {
            spec = spec.param("stage", stage.name());
        }
        return spec.query((rs, n) -> new ProceedingSummary(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getString(4), ExploitationForm.valueOf(rs.getString(5)),
                Stage.valueOf(rs.getString(6)), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class)))
                .list();
    }

    CurrentUser requireWritable(UUID id) {
        CurrentUser user = CurrentUser.require();
        policy.check(user, "proceeding", id, AccessAction.READ, null);
        if (!policy.decide(user, "proceeding", id, AccessAction.UPDATE, null).granted()) {
            throw new Forbidden("Your roles do not allow changing this proceeding.");
        }
        return user;
    }

    /** Refreshes the attrition read model of a proceeding whose defendants or verdicts changed (same transaction). */
    void defendantsChanged(UUID id) {
        readModel.refresh(id);
    }

    /** The current stage, without access checks or audit (tests and internal use only). */
    Stage currentStageForTest(UUID id) {
        return current(id).stage();
    }

    record Current(Stage stage, LocalDate since, Stage droppedFrom) {
    }

    Current current(UUID id) {
        return jdbc.sql("select stage, stage_since, dropped_from from proceeding where id = ?").param(id)
                .query((rs, n) -> new Current(Stage.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        rs.getString(3) == null ? null : Stage.valueOf(rs.getString(3))))
                .optional().orElseThrow(() -> new NotFound("proceeding"));
    }

    private void history(UUID id, Stage stage, LocalDate on, String reason, boolean reopening, CurrentUser user) {
        jdbc.sql("insert into proceeding_stage_history (proceeding_id, stage, entered_on, reason, reopening, recorded_by) "
                + "values (?, ?, ?, ?, ?, ?)").params(id, stage.name(), on, reason, reopening, user.userId()).update();
    }

    /**
     * A first-level unit of the country in the gazetteer (the two-digit NCDD code in Cambodia, ISO 3166-2 elsewhere).
     * Where the gazetteer is not loaded (Phnom Penh, code 12, unknown), only the code's shape is checked.
     */
    boolean knownProvince(String country, String code) {
        String c = code.trim();
        if (!PROVINCE.matcher(c).matches()) {
            return false;
        }
        if (gazetteer.find("12").isEmpty()) {
            return true;
        }
        return gazetteer.find(c).filter(p -> p.level() == Level.PROVINCE && p.countryCode().equals(country)).isPresent();
    }

    static void stale(int updated) {
        if (updated == 0) {
            throw new OptimisticLockingFailureException("proceeding changed since it was read");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
