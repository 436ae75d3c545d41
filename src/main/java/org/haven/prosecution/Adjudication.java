package org.haven.prosecution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.haven.prosecution.internal.IdentitySealer;
import org.haven.prosecution.internal.NonPunishmentWatch;
import org.haven.prosecution.internal.ProceedingAccess;
import org.haven.prosecution.internal.ProceedingAccess.Reach;
import org.haven.prosecution.internal.ProsecutionAudit;
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
 * Suspects and offenders, charges, verdicts, sentences and appeals. Suspects' names, aliases and identifiers are
 * sealed with the recording organisation's key; identifiers also get a keyed blind index so the same phone or document
 * number is found across proceedings without plaintext in the database. Recording a suspect who is also a survivor
 * ({@code linkedCaseId}) triggers the non-punishment check. Every read of suspect-level data is audited.
 */
@Service
public class Adjudication {

    private static final String ALIAS_SEPARATOR = "\u001f";

    private final JdbcClient jdbc;
    private final ProceedingAccess access;
    private final ProsecutionTracking tracking;
    private final ProsecutionAudit audit;
    private final IdentitySealer sealer;
    private final NonPunishmentWatch watch;
    private final StatuteCatalogue statutes;

    Adjudication(JdbcClient jdbc, ProceedingAccess access, ProsecutionTracking tracking, ProsecutionAudit audit,
            IdentitySealer sealer, NonPunishmentWatch watch, StatuteCatalogue statutes) {
        this.jdbc = jdbc;
        this.access = access;
        this.tracking = tracking;
        this.audit = audit;
        this.sealer = sealer;
        this.watch = watch;
        this.statutes = statutes;
    }

    /** Records a suspect and makes them a defendant of the proceeding in the given role. */
    @Transactional
    public UUID recordSuspect(UUID proceedingId, Suspect.RecordSuspect cmd, Suspect.SchemeRole role) {
        CurrentUser user = tracking.requireWritable(proceedingId);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (cmd.name() == null || cmd.name().isBlank()) {
            errors.add(new InvalidInput.FieldError("name", "suspect.name.required",
                    "Give the suspect's name, or a description such as 'unknown broker'."));
        }
        if (role == null) {
            errors.add(new InvalidInput.FieldError("role", "suspect.role.required", "Give the role in the scheme."));
        }
        if (cmd.nationality() != null && !cmd.nationality().isBlank() && !cmd.nationality().matches("[A-Z]{2}")) {
            errors.add(new InvalidInput.FieldError("nationality", "suspect.nationality.invalid",
                    "Give the nationality as a two-letter ISO code."));
        }
        if (cmd.birthYear() != null && (cmd.birthYear() < 1900 || cmd.birthYear() > tracking.today().getYear())) {
            errors.add(new InvalidInput.FieldError("birthYear", "suspect.birthYear.invalid", "The year of birth is not plausible."));
        }
        if (cmd.official() && cmd.officialAgency() == null) {
            errors.add(new InvalidInput.FieldError("officialAgency", "suspect.officialAgency.required",
                    "Give the agency the official serves in."));
        }
        for (Suspect.Identifier i : cmd.identifiers()) {
            if (i.kind() == null || i.value() == null || Suspect.normalise(i.kind(), i.value()).isEmpty()) {
                errors.add(new InvalidInput.FieldError("identifiers", "suspect.identifier.invalid",
                        "An identifier needs a kind and a value."));
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        UUID org = user.organisationId();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into suspect (id, owner_organisation_id, name_sealed, aliases_sealed, nationality, sex, birth_year,
                  linked_case_id, official, official_agency) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org, sealer.seal(org, cmd.name().trim()),
                        cmd.aliases().isEmpty() ? null : sealer.seal(org, String.join(ALIAS_SEPARATOR, cmd.aliases())),
                        ProsecutionTracking.blankToNull(cmd.nationality()), ProsecutionTracking.blankToNull(cmd.sex()),
                        cmd.birthYear(), cmd.linkedCaseId(), cmd.official(),
                        cmd.officialAgency() == null ? null : cmd.officialAgency().name())
                .update();
        for (Suspect.Identifier i : cmd.identifiers()) {
            jdbc.sql("insert into suspect_identifier (id, suspect_id, kind, value_sealed, blind_index) values (?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), id, i.kind().name(), sealer.seal(org, i.value().trim()),
                            sealer.blindIndex("suspect." + i.kind().name().toLowerCase(), Suspect.normalise(i.kind(), i.value())))
                    .update();
        }
        jdbc.sql("insert into proceeding_defendant (proceeding_id, suspect_id, role) values (?, ?, ?)")
                .params(proceedingId, id, role.name()).update();
        tracking.defendantsChanged(proceedingId);
        audit.change("suspect", "suspect.record", List.of(id, proceedingId));
        watch.check(cmd.linkedCaseId());
        return id;
    }

    /** Makes an already recorded suspect (e.g. found by identifier) a defendant of another proceeding too. */
    @Transactional
    public void addDefendant(UUID proceedingId, UUID suspectId, Suspect.SchemeRole role) {
        CurrentUser user = tracking.requireWritable(proceedingId);
        if (role == null) {
            throw InvalidInput.of("role", "suspect.role.required", "Give the role in the scheme.");
        }
        requireSuspectVisible(user, suspectId);
        int n = jdbc.sql("insert into proceeding_defendant (proceeding_id, suspect_id, role) values (?, ?, ?) "
                + "on conflict do nothing").params(proceedingId, suspectId, role.name()).update();
        if (n == 0) {
            throw new Conflict("suspect.defendant.exists", "This person is already a defendant in the proceeding.");
        }
        tracking.defendantsChanged(proceedingId);
        audit.change("suspect", "suspect.defendant", List.of(suspectId, proceedingId));
    }

    /** Records that a suspect is also a survivor with this case id (the non-punishment check follows). */
    @Transactional
    public void linkSuspectToCase(UUID suspectId, int version, UUID caseId) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.PROCEEDING_WRITE)) {
            throw new Forbidden("Your roles do not allow changing suspects.");
        }
        requireSuspectVisible(user, suspectId);
        int n = jdbc.sql("update suspect set linked_case_id = ?, version = version + 1 where id = ? and version = ?")
                .params(caseId, suspectId, version).update();
        ProsecutionTracking.stale(n);
        audit.change("suspect", "suspect.link-case", List.of(suspectId));
        watch.check(caseId);
    }

    /** Suspects whose identifier of this kind equals the value (blind index), among those the user may see. */
    @Transactional
    public List<Suspect> findByIdentifier(Suspect.IdentifierKind kind, String value) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.PROCEEDING_READ)) {
            // authorization before validation: a role without proceedings gets 403 whatever it sends
            throw new Forbidden("Your roles do not include proceedings.");
        }
        if (kind == null || value == null || value.isBlank()) {
            throw InvalidInput.of("value", "suspect.search.invalid", "Give the kind and value of the identifier.");
        }
        String index = sealer.blindIndex("suspect." + kind.name().toLowerCase(), Suspect.normalise(kind, value));
        List<UUID> ids = jdbc.sql("""
                select distinct i.suspect_id from suspect_identifier i join suspect s on s.id = i.suspect_id
                where i.kind = :kind and i.blind_index = :idx and (s.owner_organisation_id = :org or exists (
                  select 1 from proceeding_defendant d join proceeding p on p.id = d.proceeding_id
                  where d.suspect_id = s.id and (p.owner_organisation_id = :org or exists (select 1 from proceeding_agency a
                  where a.proceeding_id = p.id and a.organisation_id = :org))))""")
                .param("kind", kind.name()).param("idx", index).param("org", user.organisationId())
                .query(UUID.class).list();
        List<Suspect> out = ids.stream().map(this::load).toList();
        audit.read("suspect", ids);
        return out;
    }

    /** Defendants of a proceeding; identities only for viewers with full reach (audited). */
    @Transactional
    public List<Defendant> defendants(UUID proceedingId) {
        CurrentUser user = CurrentUser.require();
        Reach reach = access.reach(user, proceedingId).orElseThrow(() -> new NotFound("proceeding"));
        List<Defendant> out = jdbc.sql("""
                select d.suspect_id, d.version, d.role, d.verdict, d.verdict_on, d.prison_months, d.suspended,
                  d.fine_amount, d.fine_currency, s.official
                from proceeding_defendant d join suspect s on s.id = d.suspect_id where d.proceeding_id = ?
                order by s.created_at, s.id""").param(proceedingId)
                .query((rs, n) -> {
                    UUID sid = rs.getObject(1, UUID.class);
                    return new Defendant(sid, rs.getInt(2), Suspect.SchemeRole.valueOf(rs.getString(3)),
                            reach == Reach.FULL ? load(sid) : null, charges(proceedingId, sid),
                            rs.getString(4) == null ? null : Defendant.Verdict.valueOf(rs.getString(4)),
                            rs.getObject(5, LocalDate.class), (Integer) rs.getObject(6), (Boolean) rs.getObject(7),
                            rs.getBigDecimal(8), rs.getString(9), rs.getBoolean(10));
                }).list();
        if (reach == Reach.FULL) {
            audit.read("suspect", out.stream().map(Defendant::suspectId).toList());
        }
        return out;
    }

    /** Files a charge against a defendant under a catalogue article; the proceeding must be at the charge stage or later. */
    @Transactional
    public UUID fileCharge(UUID proceedingId, UUID suspectId, String statuteCode, LocalDate filedOn) {
        tracking.requireWritable(proceedingId);
        ProsecutionTracking.Current c = tracking.current(proceedingId);
        String country = jdbc.sql("select country_code from proceeding where id = ?").param(proceedingId)
                .query(String.class).single();
        StatuteCatalogue.Article article = statutes.chargeable("statuteCode", statuteCode, country);
        requireDefendant(proceedingId, suspectId);
        if (!c.stage().charged() || c.stage() == Stage.CLOSED) {
            throw new Conflict("charge.stage", "Charges are filed from the charge stage on; the proceeding is at "
                    + c.stage().name().toLowerCase() + ".");
        }
        if (filedOn == null || filedOn.isAfter(tracking.today())) {
            throw InvalidInput.of("filedOn", "charge.date.invalid", "Give the date the charge was filed (not in the future).");
        }
        LocalDate chargeStage = chargeStageDate(proceedingId);
        if (chargeStage != null && filedOn.isBefore(chargeStage)) {
            throw InvalidInput.of("filedOn", "charge.date.beforeChargeStage",
                    "A charge cannot be filed before the proceeding reached the charge stage (" + chargeStage + ").");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into charge (id, proceeding_id, suspect_id, statute_code, filed_on, outcome) values (?, ?, ?, ?, ?, 'PENDING')")
                .params(id, proceedingId, suspectId, article.code(), filedOn).update();
        audit.change("charge", "charge.file", List.of(id, suspectId, proceedingId));
        return id;
    }

    /** Outcome of one charge; {@code reducedTo} (a catalogue article) only with {@link Defendant.ChargeOutcome#REDUCED}. */
    @Transactional
    public void recordChargeOutcome(UUID proceedingId, UUID chargeId, int version, Defendant.ChargeOutcome outcome,
            String reducedTo) {
        tracking.requireWritable(proceedingId);
        if (outcome == null) {
            throw InvalidInput.of("outcome", "charge.outcome.required", "Give the outcome of the charge.");
        }
        String country = jdbc.sql("select country_code from proceeding where id = ?").param(proceedingId)
                .query(String.class).single();
        String reduced = null;
        if (outcome == Defendant.ChargeOutcome.REDUCED) {
            reduced = statutes.chargeable("reducedTo", reducedTo, country).code();
        } else if (reducedTo != null && !reducedTo.isBlank()) {
            throw InvalidInput.of("reducedTo", "charge.reducedTo.onlyReduced", "Only a reduced charge names the lesser article.");
        }
        int n = jdbc.sql("update charge set outcome = ?, reduced_to = ?, version = version + 1 "
                + "where id = ? and proceeding_id = ? and version = ?")
                .params(outcome.name(), reduced, chargeId, proceedingId, version).update();
        if (n == 0 && !jdbc.sql("select exists (select 1 from charge where id = ? and proceeding_id = ?)")
                .params(chargeId, proceedingId).query(Boolean.class).single()) {
            throw new NotFound("charge");
        }
        ProsecutionTracking.stale(n);
        audit.change("charge", "charge.outcome", List.of(chargeId, proceedingId));
    }

    /** The verdict and sentence for one defendant; the proceeding must be at the verdict or appeal stage. */
    public record RecordVerdict(Defendant.Verdict verdict, LocalDate on, Integer prisonMonths, Boolean suspended,
            BigDecimal fineAmount, String fineCurrency) {
    }

    @Transactional
    public void recordVerdict(UUID proceedingId, UUID suspectId, int version, RecordVerdict v) {
        tracking.requireWritable(proceedingId);
        requireDefendant(proceedingId, suspectId);
        ProsecutionTracking.Current c = tracking.current(proceedingId);
        if (c.stage() != Stage.VERDICT && c.stage() != Stage.APPEAL) {
            throw new Conflict("verdict.stage", "A verdict is recorded at the verdict or appeal stage; the proceeding is at "
                    + c.stage().name().toLowerCase() + ".");
        }
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (v.verdict() == null) {
            errors.add(new InvalidInput.FieldError("verdict", "verdict.required", "Give the verdict."));
        }
        if (v.on() == null || v.on().isAfter(tracking.today()) || v.on().isBefore(c.since())) {
            errors.add(new InvalidInput.FieldError("on", "verdict.date.invalid",
                    "The verdict date must be between " + c.since() + " and today."));
        }
        if (v.prisonMonths() != null && v.prisonMonths() < 0) {
            errors.add(new InvalidInput.FieldError("prisonMonths", "verdict.prison.negative", "Prison months cannot be negative."));
        }
        if (v.fineAmount() != null && v.fineAmount().signum() < 0) {
            errors.add(new InvalidInput.FieldError("fineAmount", "compensation.amount.negative", "An amount cannot be negative."));
        }
        if (v.fineAmount() != null && (v.fineCurrency() == null || !v.fineCurrency().matches("[A-Z]{3}"))) {
            errors.add(new InvalidInput.FieldError("fineCurrency", "compensation.currency.invalid",
                    "Give the currency as an ISO code (KHR, USD)."));
        }
        if (v.verdict() != null && v.verdict() != Defendant.Verdict.CONVICTED
                && (v.prisonMonths() != null || v.fineAmount() != null)) {
            errors.add(new InvalidInput.FieldError("verdict", "verdict.sentenceWithoutConviction",
                    "Only a conviction carries a sentence."));
        }
        if (v.verdict() == Defendant.Verdict.CONVICTED && !jdbc.sql("select exists (select 1 from charge "
                + "where proceeding_id = ? and suspect_id = ?)").params(proceedingId, suspectId).query(Boolean.class).single()) {
            errors.add(new InvalidInput.FieldError("verdict", "verdict.noCharge", "A defendant without charges cannot be convicted."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        int n = jdbc.sql("""
                update proceeding_defendant set verdict = ?, verdict_on = ?, prison_months = ?, suspended = ?,
                  fine_amount = ?, fine_currency = ?, version = version + 1
                where proceeding_id = ? and suspect_id = ? and version = ?""")
                .params(v.verdict().name(), v.on(), v.prisonMonths(), v.suspended(), v.fineAmount(),
                        v.fineAmount() == null ? null : v.fineCurrency(), proceedingId, suspectId, version).update();
        ProsecutionTracking.stale(n);
        tracking.defendantsChanged(proceedingId);
        audit.change("suspect", "suspect.verdict", List.of(suspectId, proceedingId));
    }

    public enum AppellantSide { DEFENCE, PROSECUTION, CIVIL_PARTY }

    /** Records an appeal lodged against the verdict (then move the proceeding to the appeal stage). */
    @Transactional
    public UUID lodgeAppeal(UUID proceedingId, UUID suspectId, AppellantSide by, LocalDate on) {
        tracking.requireWritable(proceedingId);
        ProsecutionTracking.Current c = tracking.current(proceedingId);
        if (c.stage() != Stage.VERDICT && c.stage() != Stage.APPEAL) {
            throw new Conflict("appeal.stage", "An appeal is lodged against a verdict; the proceeding is at "
                    + c.stage().name().toLowerCase() + ".");
        }
        if (by == null || on == null || on.isAfter(tracking.today()) || on.isBefore(c.since())) {
            throw InvalidInput.of("lodgedOn", "appeal.invalid", "Give who appealed and when (after the verdict, not in the future).");
        }
        if (suspectId != null) {
            requireDefendant(proceedingId, suspectId);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into appeal (id, proceeding_id, suspect_id, lodged_by, lodged_on) values (?, ?, ?, ?, ?)")
                .params(id, proceedingId, suspectId, by.name(), on).update();
        audit.change("appeal", "appeal.lodge", List.of(id, proceedingId));
        return id;
    }

    private List<Defendant.Charge> charges(UUID proceedingId, UUID suspectId) {
        return jdbc.sql("select id, version, statute_code, filed_on, outcome, reduced_to from charge "
                + "where proceeding_id = ? and suspect_id = ? order by filed_on, id").params(proceedingId, suspectId)
                .query((rs, n) -> new Defendant.Charge(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), Defendant.ChargeOutcome.valueOf(rs.getString(5)),
                        rs.getString(6))).list();
    }

    private LocalDate chargeStageDate(UUID proceedingId) {
        return jdbc.sql("select min(entered_on) from proceeding_stage_history where proceeding_id = ? and stage = 'CHARGE'")
                .param(proceedingId).query(LocalDate.class).optional().orElse(null);
    }

    private void requireDefendant(UUID proceedingId, UUID suspectId) {
        if (suspectId == null || !jdbc.sql("select exists (select 1 from proceeding_defendant where proceeding_id = ? "
                + "and suspect_id = ?)").params(proceedingId, suspectId).query(Boolean.class).single()) {
            throw InvalidInput.of("suspectId", "suspect.notDefendant", "That person is not a defendant in this proceeding.");
        }
    }

    private void requireSuspectVisible(CurrentUser user, UUID suspectId) {
        boolean visible = jdbc.sql("""
                select exists (select 1 from suspect s where s.id = :s and (s.owner_organisation_id = :org or exists (
                  select 1 from proceeding_defendant d join proceeding p on p.id = d.proceeding_id
                  where d.suspect_id = s.id and (p.owner_organisation_id = :org or exists (select 1 from proceeding_agency a
                  where a.proceeding_id = p.id and a.organisation_id = :org)))))""")
                .param("s", suspectId).param("org", user.organisationId()).query(Boolean.class).single();
        if (!visible) {
            throw new NotFound("suspect");
        }
    }

    private Suspect load(UUID id) {
        return jdbc.sql("""
                select s.*, exists (select 1 from non_punishment_alert a where a.suspect_id = s.id and a.resolved_at is null) flag
                from suspect s where s.id = ?""").param(id)
                .query((rs, n) -> {
                    UUID org = rs.getObject("owner_organisation_id", UUID.class);
                    byte[] aliases = rs.getBytes("aliases_sealed");
                    List<Suspect.Identifier> identifiers = jdbc.sql("select kind, value_sealed from suspect_identifier "
                            + "where suspect_id = ? order by kind, id").param(id)
                            .query((r2, m) -> new Suspect.Identifier(Suspect.IdentifierKind.valueOf(r2.getString(1)),
                                    sealer.open(org, r2.getBytes(2)))).list();
                    return new Suspect(id, rs.getInt("version"), org, sealer.open(org, rs.getBytes("name_sealed")),
                            aliases == null ? List.of() : Arrays.asList(sealer.open(org, aliases).split(ALIAS_SEPARATOR)),
                            rs.getString("nationality"), rs.getString("sex"), (Integer) rs.getObject("birth_year"),
                            rs.getBoolean("official"), rs.getString("official_agency") == null ? null
                                    : Suspect.OfficialAgency.valueOf(rs.getString("official_agency")),
                            rs.getObject("linked_case_id", UUID.class), identifiers, rs.getBoolean("flag"));
                }).single();
    }

}
