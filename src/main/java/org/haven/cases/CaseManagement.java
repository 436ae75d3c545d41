package org.haven.cases;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.haven.cases.CaseCommands.*;
import org.haven.cases.CaseViews.*;
import org.haven.cases.Vocabulary.*;
import org.haven.cases.internal.AttachmentInspector;
import org.haven.cases.internal.CaseAccess;
import org.haven.cases.internal.CaseAudit;
import org.haven.cases.internal.CaseCode;
import org.haven.cases.internal.CaseLifecycle;
import org.haven.cases.internal.NameIndex;
import org.haven.cases.internal.NameKeys;
import org.haven.cases.internal.ScreeningInstrument;
import org.haven.cases.internal.ScreeningInstruments;
import org.haven.cases.internal.QueryBatch;
import org.haven.cases.internal.Sealer;
import org.haven.cases.internal.Validation;
import org.haven.places.Gazetteer;
import org.haven.security.AccessAction;
import org.haven.security.AccessPolicy;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Survivor case management: the one entry point for pages, the API, commands and other modules that read or change
 * survivor cases. Every method checks record access for the signed-in user ({@link CaseAccess}: denial of a record
 * is {@link NotFound}, lack of a permission on a visible record is {@link Forbidden}), validates all input before
 * writing ({@link InvalidInput}), refuses stale writes and disallowed transitions ({@link Conflict}), and audits
 * every read of survivor-level data and every change in the same transaction.
 */
@Service
public class CaseManagement {

    /** Dates of case work are Cambodian calendar dates. */
    public static final ZoneId ZONE = org.haven.shared.HavenClock.ZONE;

    static final int NAME_MAX = 100;
    static final int TEXT_MAX = 10_000;
    static final Set<String> DOCUMENT_TYPES = Set.of("NATIONAL_ID", "PASSPORT", "BIRTH_CERTIFICATE", "FAMILY_BOOK",
            "RESIDENCE_BOOK", "LAISSEZ_PASSER", "OTHER");

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final Sealer sealer;
    private final CaseAccess access;
    private final CaseAudit audit;
    private final ApplicationEventPublisher events;
    private final CaseSettings settings;
    private final ScreeningInstruments instruments = new ScreeningInstruments();
    private final org.haven.audit.AccessReport accessReport;
    private final AccessPolicy policy;
    private final Gazetteer gazetteer;
    private final NameIndex nameIndex;

    CaseManagement(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, Sealer sealer, CaseAccess access, CaseAudit audit,
            ApplicationEventPublisher events, CaseSettings settings, org.haven.audit.AccessReport accessReport,
            AccessPolicy policy, Gazetteer gazetteer, NameIndex nameIndex) {
        this.nameIndex = nameIndex;
        this.accessReport = accessReport;
        this.policy = policy;
        this.gazetteer = gazetteer;
        this.jdbc = jdbc;
        this.template = template;
        this.sealer = sealer;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** The screening instrument new screenings use. */
    public ScreeningInstrument currentInstrument() {
        return instruments.current();
    }

    // ---------------------------------------------------------------- registration

    /**
     * Possible duplicates of a survivor about to be registered, within the user's organisation: cases whose survivor
     * shares the whole-name key or every token key, and the same birth year when one is known. Only case codes are
     * returned. Audited as a read of the matching cases.
     */
    @Transactional
    public List<PossibleDuplicate> findPossibleDuplicates(SurvivorIdentity identity, SurvivorProfile profile) {
        CurrentUser user = requireWriter();
        if (identity == null) {
            throw InvalidInput.of("identity", "cases.error.required", "This field is required.");
        }
        Integer birthYear = birthYear(identity, profile);
        Set<String> hashes = new LinkedHashSet<>();
        for (String name : names(identity)) {
            NameKeys.Query q = NameKeys.query(name);
            if (q.wholeKey() != null) {
                hashes.add(sealer.nameIndex(q.wholeKey()));
            }
        }
        if (hashes.isEmpty()) {
            return List.of();
        }
        List<PossibleDuplicate> found = jdbc.sql("""
                select sc.id, sc.case_code, s.birth_year from survivor s join survivor_case sc on sc.survivor_id = s.id
                where s.organisation_id = :org and (cast(:birthYear as integer) is null or s.birth_year is null or s.birth_year = :birthYear)
                  and exists (select 1 from survivor_name_key k where k.survivor_id = s.id and k.key_hash in (:hashes))
                order by sc.case_code limit 20""")
                .param("org", user.organisationId()).param("birthYear", birthYear).param("hashes", hashes)
                .query((rs, n) -> new PossibleDuplicate(rs.getObject(1, UUID.class), rs.getString(2),
                        (Integer) rs.getObject(3)))
                .list();
        audit.read(found.stream().map(PossibleDuplicate::caseId).toList());
        return found;
    }

    /**
     * Registers a survivor and opens a case for the user's organisation (status OPEN). Unless
     * {@code duplicatesAcknowledged}, a possible duplicate within the organisation refuses the registration with
     * {@link Conflict} code {@code cases.duplicate}. Publishes {@link CaseOpened}.
     */
    @Transactional
    public OpenedCase registerSurvivor(RegisterSurvivor cmd) {
        CurrentUser user = requireWriter();
        Validation v = new Validation(today());
        validateIdentity(v, cmd.identity(), cmd.profile());
        v.required("identifiedOn", cmd.identifiedOn()).pastDate("identifiedOn", cmd.identifiedOn());
        IdentificationChannel channel = v.code(IdentificationChannel.class, "identificationChannel", cmd.identificationChannel(), true);
        RiskLevel risk = v.code(RiskLevel.class, "riskLevel", cmd.riskLevel() == null ? "MEDIUM" : cmd.riskLevel(), true);
        UUID assignee = cmd.assignedCaseworkerId() == null ? user.userId() : cmd.assignedCaseworkerId();
        if (!isStaffOf(assignee, user.organisationId())) {
            v.error("assignedCaseworkerId", "cases.error.notStaff", "Not a user of your organisation.");
        }
        v.throwIfInvalid();
        if (!cmd.duplicatesAcknowledged() && !findPossibleDuplicates(cmd.identity(), cmd.profile()).isEmpty()) {
            throw new Conflict("cases.duplicate", "A survivor with the same name and birth year is already registered "
                    + "in your organisation. Check the possible duplicates, then confirm to register anyway.");
        }
        UUID org = user.organisationId();
        UUID survivorId = UUID.randomUUID();
        insertSurvivor(survivorId, org, cmd.identity(), cmd.profile());
        UUID caseId = UUID.randomUUID();
        String code = insertCase(caseId, survivorId, org, assignee, risk, cmd.identifiedOn(), channel);
        audit.change("case.register", caseId);
        events.publishEvent(new CaseOpened(caseId, org));
        return new OpenedCase(caseId, code);
    }

    private void insertSurvivor(UUID survivorId, UUID org, SurvivorIdentity identity, SurvivorProfile p) {
        Integer birthYear = birthYear(identity, p);
        boolean estimated = identity.dateOfBirth() == null && p.birthYear() == null && p.estimatedAge() != null;
        jdbc.sql("""
                insert into survivor (id, organisation_id, identity_sealed, sex, gender, birth_year, birth_year_estimated,
                  nationality, languages, disability, origin_place_code)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(survivorId, org, sealer.sealJson(org, identity), p.sex(), blankToNull(p.gender()), birthYear,
                        estimated, upper(p.nationality()), String.join(",", p.languages()),
                        blankToNull(p.disability()), blankToNull(p.originPlaceCode()))
                .update();
        writeNameKeys(survivorId, identity);
    }

    private void writeNameKeys(UUID survivorId, SurvivorIdentity identity) {
        nameIndex.write(survivorId, identity);
    }

    private String insertCase(UUID caseId, UUID survivorId, UUID org, UUID assignee, RiskLevel risk,
            LocalDate identifiedOn, IdentificationChannel channel) {
        for (int attempt = 0; ; attempt++) {
            String code = CaseCode.next();
            try {
                jdbc.sql("""
                        insert into survivor_case (id, survivor_id, organisation_id, case_code, status,
                          assigned_caseworker_id, risk_level, identified_on, identification_channel)
                        values (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)
                        on conflict (case_code) do nothing""")
                        .params(caseId, survivorId, org, code, assignee, risk.name(), identifiedOn, channel.name())
                        .update();
            } catch (DuplicateKeyException e) {
                throw e;
            }
            Integer n = jdbc.sql("select count(*) from survivor_case where id = ?").param(caseId).query(Integer.class).single();
            if (n == 1) {
                return code;
            }
            if (attempt > 5) {
                throw new IllegalStateException("could not allocate a case code");
            }
        }
    }

    static List<String> names(SurvivorIdentity id) {
        return NameIndex.names(id);
    }

    private void validateIdentity(Validation v, SurvivorIdentity id, SurvivorProfile p) {
        if (id == null || p == null) {
            v.required(id == null ? "identity" : "profile", null).throwIfInvalid();
        }
        if (names(id).isEmpty()) {
            v.error("givenName", "cases.error.nameRequired", "Give at least one name, in Khmer or Latin letters.");
        }
        v.text("familyName", id.familyName(), NAME_MAX).text("givenName", id.givenName(), NAME_MAX)
                .text("familyNameKhmer", id.familyNameKhmer(), NAME_MAX).text("givenNameKhmer", id.givenNameKhmer(), NAME_MAX)
                .texts("otherNames", id.otherNames(), NAME_MAX, 10).text("address", id.address(), 500)
                .text("phone", id.phone(), 40).pastDate("dateOfBirth", id.dateOfBirth());
        if (id.phone() != null && !id.phone().isBlank() && !id.phone().matches("[+0-9 ()\\-]{3,40}")) {
            v.error("phone", "cases.error.phone", "A phone number has digits, spaces, +, - and brackets only.");
        }
        if (id.documents().size() > 10) {
            v.error("documents", "cases.error.tooMany", "At most 10 entries.");
        }
        for (IdentityDocument d : id.documents()) {
            if (d.type() == null || !DOCUMENT_TYPES.contains(d.type())) {
                v.error("documents", "cases.error.unknownCode", "Unknown value.");
            }
            v.text("documents", d.number(), 60);
            v.country("documents", d.issuingCountry(), false);
        }
        v.code(Sex.class, "sex", p.sex(), true);
        v.code(Gender.class, "gender", p.gender(), false);
        v.code(Disability.class, "disability", p.disability(), false);
        v.range("birthYear", p.birthYear(), 1900, today().getYear()).range("estimatedAge", p.estimatedAge(), 0, 120);
        v.country("nationality", p.nationality(), false);
        v.texts("languages", p.languages(), 3, 10);
        for (String l : p.languages()) {
            if (l == null || !l.matches("[a-z]{2,3}")) {
                v.error("languages", "cases.error.language", "Use ISO 639 language codes such as km, en, th.");
            }
        }
        placeCode(v, "originPlaceCode", p.originPlaceCode());
    }

    /**
     * A place code must be a unit of the gazetteer. Until an edition has been imported (no province 01), well-formed
     * codes (2, 4, 6 or 8 digits) are accepted so that registration does not depend on the import.
     */
    private void placeCode(Validation v, String field, String code) {
        if (code == null || code.isBlank()) {
            return;
        }
        String c = code.strip();
        boolean known = c.matches("\\d{2}|\\d{4}|\\d{6}|\\d{8}")
                && (gazetteer.find(c).isPresent() || gazetteer.find("01").isEmpty());
        if (!known) {
            v.error(field, "cases.error.placeCode", "Unknown place code.");
        }
    }

    private Integer birthYear(SurvivorIdentity id, SurvivorProfile p) {
        if (id != null && id.dateOfBirth() != null) {
            return id.dateOfBirth().getYear();
        }
        if (p == null) {
            return null;
        }
        if (p.birthYear() != null) {
            return p.birthYear();
        }
        return p.estimatedAge() == null ? null : today().getYear() - p.estimatedAge();
    }

    private boolean isStaffOf(UUID userId, UUID org) {
        return jdbc.sql("select count(*) from app_user where id = ? and organisation_id = ? and enabled")
                .params(userId, org).query(Integer.class).single() == 1;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Cases within the user's reach matching the filters, newest identification first. The case code search is exact
     * (with or without dashes); the name search uses blind indexes and so tolerates romanisation variants and Khmer
     * script, not typos. Audited as a read of the returned cases.
     */
    @Transactional
    public Page<CaseSummary> findCases(CaseSearch search, int page, int size) {
        CurrentUser user = requireReader();
        LocalDate today = today();
        int p = Math.max(page, 0);
        int s = Math.min(Math.max(size, 1), 100);
        StringBuilder where = new StringBuilder(CaseAccess.REACH);
        List<Object[]> params = new ArrayList<>();
        CaseSearch q = search == null ? CaseSearch.all() : search;
        Validation v = new Validation(today);
        CaseStatus status = v.code(CaseStatus.class, "status", q.status(), false);
        ExploitationForm form = v.code(ExploitationForm.class, "form", q.form(), false);
        v.anyDate("identifiedFrom", q.identifiedFrom()).anyDate("identifiedTo", q.identifiedTo())
                .text("text", q.text(), 200).throwIfInvalid();
        if (q.text() != null && !q.text().isBlank()) {
            String text = q.text().strip();
            if (CaseCode.looksLikeCode(text)) {
                String compact = text.toUpperCase(Locale.ROOT).replace("-", "");
                where.append(" and replace(sc.case_code, '-', '') = :code");
                params.add(new Object[] {"code", compact});
            } else {
                NameKeys.Query nq = NameKeys.query(text);
                Set<String> tokenHashes = new LinkedHashSet<>();
                // A pair key stands for two token keys (one index range instead of an intersection) once every
                // survivor holds pair keys.
                (nameIndex.pairsComplete() ? nq.withPair() : nq.tokenKeys()).forEach(k -> tokenHashes.add(sealer.nameIndex(k)));
                String whole = nq.wholeKey() == null ? "-" : sealer.nameIndex(nq.wholeKey());
                if (tokenHashes.isEmpty()) {
                    tokenHashes.add("-");
                }
                where.append(" and sc.survivor_id in (select survivor_id from survivor_name_key where key_hash = :whole"
                        + " union " + allTokensMatch(tokenHashes, params) + ")");
                params.add(new Object[] {"whole", whole});
            }
        }
        if (status != null) {
            where.append(" and sc.status = :status");
            params.add(new Object[] {"status", status.name()});
        }
        if (q.caseworkerId() != null) {
            where.append(" and sc.assigned_caseworker_id = :caseworker");
            params.add(new Object[] {"caseworker", q.caseworkerId()});
        }
        if (q.identifiedFrom() != null) {
            where.append(" and sc.identified_on >= :from");
            params.add(new Object[] {"from", q.identifiedFrom()});
        }
        if (q.identifiedTo() != null) {
            where.append(" and sc.identified_on <= :to");
            params.add(new Object[] {"to", q.identifiedTo()});
        }
        if (form != null) {
            where.append(" and exists (select 1 from case_episode e where e.case_id = sc.id and e.form = :form)");
            params.add(new Object[] {"form", form.name()});
        }
        // One statement: the page and the total (a window count over the same matches, which the top-N sort reads
        // anyway), with the survivor's sealed identity and the caseworker's name joined for the page's rows only.
        var select = access.bind(jdbc.sql("""
                with hits as (
                    select sc.id, sc.case_code, sc.status, sc.risk_level, sc.identified_on, sc.assigned_caseworker_id,
                           sc.organisation_id, sc.survivor_id, count(*) over () as total
                    from survivor_case sc
                    where """ + where + """
                    order by sc.identified_on desc, sc.case_code limit :limit offset :offset)
                select h.id, h.case_code, h.status, h.risk_level, h.identified_on, h.assigned_caseworker_id,
                       u.display_name, h.organisation_id, s.identity_sealed, h.total
                from hits h join survivor s on s.id = h.survivor_id
                left join app_user u on u.id = h.assigned_caseworker_id
                order by h.identified_on desc, h.case_code"""),
                user, today).param("limit", s).param("offset", p * s);
        for (Object[] kv : params) {
            select = select.param((String) kv[0], kv[1]);
        }
        long[] totalSeen = {-1};
        List<CaseSummary> items = select.query((rs, n) -> {
            totalSeen[0] = rs.getLong(10);
            UUID org = rs.getObject(8, UUID.class);
            SurvivorIdentity identity = sealer.openJson(org, rs.getBytes(9), SurvivorIdentity.class);
            return new CaseSummary(rs.getObject(1, UUID.class), rs.getString(2), CaseViews.displayName(identity),
                    rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, UUID.class),
                    rs.getString(7), !org.equals(user.organisationId()));
        }).list();
        long total = totalSeen[0] >= 0 ? totalSeen[0] : p == 0 ? 0 : countCases(where.toString(), params, user, today);
        audit.read(items.stream().map(CaseSummary::caseId).toList());
        return new Page<>(items, p, s, total);
    }

    /** Most tokens a name search intersects through joins; beyond that one grouped scan is cheaper to plan. */
    private static final int MAX_JOINED_TOKENS = 6;

    /**
     * The survivors holding every token key. Each key's index entries are sorted by survivor (the primary key is
     * (key_hash, survivor_id)), so a join of one index range per token lets PostgreSQL intersect them by merging or by
     * probing the rarer key's matches into the commoner's, instead of reading and grouping every entry of a common
     * surname ("Sok" alone can hold thousands) — measured about 3-4 times faster on the 100,000-survivor benchmark.
     */
    private static String allTokensMatch(Set<String> tokenHashes, List<Object[]> params) {
        List<String> tokens = List.copyOf(tokenHashes);
        if (tokens.size() > MAX_JOINED_TOKENS) {
            params.add(new Object[] {"tokens", tokenHashes});
            params.add(new Object[] {"tokenCount", tokenHashes.size()});
            return "select survivor_id from survivor_name_key where key_hash in (:tokens)"
                    + " group by survivor_id having count(*) = :tokenCount";
        }
        StringBuilder sql = new StringBuilder("select k0.survivor_id from survivor_name_key k0");
        for (int i = 1; i < tokens.size(); i++) {
            sql.append(" join survivor_name_key k").append(i).append(" on k").append(i).append(".survivor_id = k0.survivor_id and k")
                    .append(i).append(".key_hash = :token").append(i);
        }
        sql.append(" where k0.key_hash = :token0");
        for (int i = 0; i < tokens.size(); i++) {
            params.add(new Object[] {"token" + i, tokens.get(i)});
        }
        return sql.toString();
    }

    /** The number of matches, for a page past the last one (the window count has no row to ride on there). */
    private long countCases(String where, List<Object[]> params, CurrentUser user, LocalDate today) {
        var count = access.bind(jdbc.sql("select count(*) from survivor_case sc where " + where), user, today);
        for (Object[] kv : params) {
            count = count.param((String) kv[0], kv[1]);
        }
        return count.query(Long.class).single();
    }

    /** A case with everything the reader may see, decrypted. Audited as a read of the case. */
    @Transactional
    public CaseDetails viewCase(UUID caseId) {
        CaseRow c = load(caseId);
        AccessLevel level = requireAccess(c, AccessLevel.READ);
        UUID org = c.organisationId();
        QueryBatch batch = new QueryBatch();
        Supplier<List<Object[]>> survivorRow = batch.add("""
                select identity_sealed, sex, gender, birth_year, nationality, languages, disability, origin_place_code, version
                from survivor where id = ?""", (rs, n) -> new Object[] {
                sealer.openJson(org, rs.getBytes(1), SurvivorIdentity.class),
                new SurvivorProfile(rs.getString(2), rs.getString(3), (Integer) rs.getObject(4), null, rs.getString(5),
                        rs.getString(6) == null || rs.getString(6).isEmpty() ? List.of() : Arrays.asList(rs.getString(6).split(",")),
                        rs.getString(7), rs.getString(8)),
                rs.getInt(9)}, c.survivorId());
        Supplier<List<String>> assignee = c.assignee() == null ? List::of
                : batch.add("select display_name from app_user where id = ?", (rs, n) -> rs.getString(1), c.assignee());
        LocalDate today = today();
        Supplier<List<ConsentView>> consents = batch.add("""
                select c.id, c.scope, c.recipient_org_id, o.name, c.recipient_org_type, c.given_by, c.guardian_name_sealed,
                       c.method, c.witness_name_sealed, c.given_on, c.expires_on, c.withdrawn_at
                from case_consent c left join organisation o on o.id = c.recipient_org_id where c.case_id = ? order by c.given_on, c.created_at""",
                (rs, n) -> {
                    LocalDate expires = rs.getObject(11, LocalDate.class);
                    Instant withdrawn = instant(rs, 12);
                    LocalDate given = rs.getObject(10, LocalDate.class);
                    boolean effective = withdrawn == null && !given.isAfter(today) && (expires == null || !expires.isBefore(today));
                    return new ConsentView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), sealer.open(org, rs.getBytes(7)),
                            rs.getString(8), sealer.open(org, rs.getBytes(9)), given, expires, withdrawn, effective);
                }, caseId);
        Supplier<List<GrantView>> grants = batch.add("""
                select g.id, g.organisation_id, o.name, g.purpose, g.valid_from, g.valid_to, g.consent_id, g.source, g.revoked_at
                from case_access_grant g join organisation o on o.id = g.organisation_id where g.case_id = ? order by g.created_at""",
                (rs, n) -> new GrantView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                        rs.getObject(7, UUID.class), rs.getString(8), instant(rs, 9)), caseId);
        Supplier<List<ScreeningView>> screenings = batch.add("""
                select id, instrument_version, screened_on, age_at_recruitment, indicator_codes, notes_sealed
                from case_screening where case_id = ? order by screened_on, created_at""",
                (rs, n) -> {
                    List<String> codes = strings(rs.getArray(5));
                    Integer age = (Integer) rs.getObject(4);
                    ScreeningResult result = instruments.version(rs.getString(2)).orElseThrow()
                            .evaluate(Set.copyOf(codes), age);
                    return new ScreeningView(rs.getObject(1, UUID.class), rs.getObject(3, LocalDate.class), age, codes,
                            result, sealer.open(org, rs.getBytes(6)));
                }, caseId);
        Supplier<List<IdentificationView>> identifications = batch.add("""
                select id, decided_by_sealed, authority, form, decided_on, outcome, version, corrected_at,
                       correction_reason_sealed, voided_at, void_reason_sealed
                from case_identification where case_id = ? order by decided_on, created_at""",
                (rs, n) -> new IdentificationView(rs.getObject(1, UUID.class), sealer.open(org, rs.getBytes(2)),
                        rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6),
                        rs.getInt(7), instant(rs, 8), sealer.open(org, rs.getBytes(9)), instant(rs, 10),
                        sealer.open(org, rs.getBytes(11)), List.of()), caseId);
        Supplier<List<Object[]>> corrections = batch.add("""
                select identification_id, corrected_at, corrected_by, reason_sealed, previous_decided_by_sealed,
                       previous_authority, previous_form, previous_decided_on, previous_outcome
                from case_identification_correction where case_id = ? order by corrected_at, id""",
                (rs, n) -> new Object[] {rs.getObject(1, UUID.class), new IdentificationCorrection(instant(rs, 2),
                        rs.getObject(3, UUID.class), sealer.open(org, rs.getBytes(4)), sealer.open(org, rs.getBytes(5)),
                        rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getString(9))}, caseId);
        Supplier<List<EpisodeView>> episodes = batch.add("""
                select id, stage, started_on, ended_on, country_code, place_code, form, sector, means_codes,
                       recruiter_relation, notes_sealed, version
                from case_episode where case_id = ? order by started_on nulls last, created_at""",
                (rs, n) -> new EpisodeView(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), strings(rs.getArray(9)), rs.getString(10),
                        sealer.open(org, rs.getBytes(11)), rs.getInt(12)), caseId);
        Supplier<List<NeedsView>> needs = batch.add("select id, assessed_on, needs, notes_sealed, version from case_needs_assessment where case_id = ? order by assessed_on, created_at",
                (rs, n) -> new NeedsView(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                        strings(rs.getArray(3)), sealer.open(org, rs.getBytes(4)), rs.getInt(5)), caseId);
        Supplier<List<GoalView>> goals = batch.add("select id, area, goal_sealed, target_on, status, version, status_reason_sealed from case_goal where case_id = ? order by created_at",
                (rs, n) -> new GoalView(rs.getObject(1, UUID.class), rs.getString(2),
                        sealer.open(org, rs.getBytes(3)), rs.getObject(4, LocalDate.class), rs.getString(5),
                        rs.getInt(6), sealer.open(org, rs.getBytes(7))), caseId);
        Supplier<List<ServiceView>> services = batch.add("""
                select s.id, s.service_type, s.provider_org_id, coalesce(o.name, ''), s.provider_name_sealed, s.started_on,
                       s.ended_on, s.funding_source, s.notes_sealed
                from case_service s left join organisation o on o.id = s.provider_org_id where s.case_id = ? order by s.started_on, s.created_at""",
                (rs, n) -> {
                    String provider = rs.getString(4).isEmpty() ? sealer.open(org, rs.getBytes(5)) : rs.getString(4);
                    return new ServiceView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                            provider, rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                            rs.getString(8), sealer.open(org, rs.getBytes(9)));
                }, caseId);
        Supplier<List<FollowUpView>> followUps = batch.add("""
                select id, months_after, due_on, done_on, score_safety, score_wellbeing, score_economic, score_education,
                       score_family, score_legal, notes_sealed, version
                from case_follow_up where case_id = ? order by due_on""",
                (rs, n) -> new FollowUpView(rs.getObject(1, UUID.class), rs.getInt(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), (Integer) rs.getObject(5),
                        (Integer) rs.getObject(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8),
                        (Integer) rs.getObject(9), (Integer) rs.getObject(10), sealer.open(org, rs.getBytes(11)),
                        rs.getInt(12)), caseId);
        Supplier<List<NoteView>> notes = batch.add("""
                select n.id, n.author_id, u.display_name, n.created_at, n.body_sealed from case_note n
                left join app_user u on u.id = n.author_id where n.case_id = ? order by n.created_at desc""",
                (rs, n) -> new NoteView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        instant(rs, 4), sealer.open(org, rs.getBytes(5))), caseId);
        Supplier<List<AttachmentView>> attachments = batch.add("""
                select id, file_name_sealed, media_type, size_bytes, created_at from case_attachment where case_id = ? order by created_at""",
                (rs, n) -> new AttachmentView(rs.getObject(1, UUID.class),
                        sealer.open(org, rs.getBytes(2)), rs.getString(3), rs.getInt(4), instant(rs, 5)), caseId);
        batch.run(template);
        Map<UUID, List<IdentificationCorrection>> history = new HashMap<>();
        for (Object[] row : corrections.get()) {
            history.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add((IdentificationCorrection) row[1]);
        }
        List<IdentificationView> decisions = identifications.get().stream()
                .map(d -> d.withCorrections(history.getOrDefault(d.id(), List.of()))).toList();
        Object[] survivor = survivorRow.get().stream().findFirst().orElseThrow(() -> new NotFound("case"));
        String assigneeName = assignee.get().stream().findFirst().orElse(null);
        // Audited last: the audit chain's row lock is then held for the shortest time (see AuditLog).
        audit.read(List.of(caseId));
        return new CaseDetails(c.id(), c.code(), org, c.status().name(), c.risk(), c.identifiedOn(), c.channel(),
                c.assignee(), assigneeName, c.reintegrationStartedOn(), c.closureReason(), c.closureRequestedBy() != null,
                c.version(), c.survivorId(), (Integer) survivor[2], (SurvivorIdentity) survivor[0],
                (SurvivorProfile) survivor[1], level, consents.get(), grants.get(), screenings.get(),
                decisions, episodes.get(), needs.get(), goals.get(), services.get(), followUps.get(),
                notes.get(), attachments.get());
    }

    // ---------------------------------------------------------------- editing

    /**
     * Replaces identity and profile of the case's survivor; refuses a stale version with {@link Conflict}. Publishes
     * {@link SurvivorIdentityChanged}.
     */
    @Transactional
    public void updateSurvivor(UUID caseId, UpdateSurvivor cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        validateIdentity(v, cmd.identity(), cmd.profile());
        v.throwIfInvalid();
        SurvivorProfile p = cmd.profile();
        int n = jdbc.sql("""
                update survivor set identity_sealed = ?, sex = ?, gender = ?, birth_year = ?, birth_year_estimated = ?,
                  nationality = ?, languages = ?, disability = ?, origin_place_code = ?, version = version + 1
                where id = ? and version = ?""")
                .params(sealer.sealJson(c.organisationId(), cmd.identity()), p.sex(), blankToNull(p.gender()),
                        birthYear(cmd.identity(), p), cmd.identity().dateOfBirth() == null && p.birthYear() == null && p.estimatedAge() != null,
                        upper(p.nationality()), String.join(",", p.languages()), blankToNull(p.disability()),
                        blankToNull(p.originPlaceCode()), c.survivorId(), cmd.version())
                .update();
        if (n == 0) {
            throw stale();
        }
        writeNameKeys(c.survivorId(), cmd.identity());
        audit.change("case.survivor.update", caseId);
        events.publishEvent(new SurvivorIdentityChanged(c.survivorId(), c.organisationId()));
    }

    /** Assigns the case to a caseworker of the owning organisation and sets the risk level. */
    @Transactional
    public void assignCase(UUID caseId, AssignCase cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        RiskLevel risk = v.code(RiskLevel.class, "riskLevel", cmd.riskLevel(), true);
        if (cmd.caseworkerId() == null || !isStaffOf(cmd.caseworkerId(), c.organisationId())) {
            v.error("caseworkerId", "cases.error.notStaff", "Not a user of your organisation.");
        }
        v.throwIfInvalid();
        updateCase(c, cmd.version(), "assigned_caseworker_id = ?, risk_level = ?", cmd.caseworkerId(), risk.name());
        audit.change("case.assign", caseId);
    }

    // ---------------------------------------------------------------- lifecycle

    /** open → active. */
    @Transactional
    public void activateCase(UUID caseId, ChangeStatus cmd) {
        move(caseId, cmd.version(), CaseStatus.ACTIVE, "case.activate");
    }

    /** active → reintegration; schedules the follow-ups ({@code haven.cases.follow-up-months}) from that date. */
    @Transactional
    public void startReintegration(UUID caseId, StartReintegration cmd) {
        LocalDate start = cmd.startedOn() == null ? today() : cmd.startedOn();
        new Validation(today()).pastDate("startedOn", start).throwIfInvalid();
        CaseRow c = move(caseId, cmd.version(), CaseStatus.REINTEGRATION, "case.reintegration");
        jdbc.sql("update survivor_case set reintegration_started_on = ? where id = ?").params(start, caseId).update();
        jdbc.sql("delete from case_follow_up where case_id = ? and done_on is null").param(caseId).update();
        for (int months : settings.followUpMonths()) {
            jdbc.sql("insert into case_follow_up (id, case_id, months_after, due_on) values (?, ?, ?, ?)")
                    .params(UUID.randomUUID(), c.id(), months, start.plusMonths(months)).update();
        }
    }

    /** reintegration → active (the survivor needs intensive support again). */
    @Transactional
    public void returnToActive(UUID caseId, ChangeStatus cmd) {
        move(caseId, cmd.version(), CaseStatus.ACTIVE, "case.return-to-active");
    }

    /**
     * Asks for closure with a reason. A supervisor's own request closes the case at once (it is the approval);
     * anyone else's waits for {@link #approveClosure}.
     */
    @Transactional
    public void requestClosure(UUID caseId, RequestClosure cmd) {
        CaseRow c = load(caseId);
        AccessLevel level = requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        ClosureReason reason = v.code(ClosureReason.class, "reason", cmd.reason(), true);
        v.text("note", cmd.note(), TEXT_MAX).throwIfInvalid();
        CaseLifecycle.requireClosable(c.status(), c.closureRequestedBy() != null);
        CurrentUser user = CurrentUser.require();
        updateCase(c, cmd.version(), "closure_requested_by = ?, closure_requested_at = now(), closure_reason = ?, status_note_sealed = ?",
                user.userId(), reason.name(), sealer.seal(c.organisationId(), cmd.note()));
        audit.change("case.closure.request", caseId);
        if (level == AccessLevel.SUPERVISE) {
            close(caseId, reason.name());
        }
    }

    /** A supervisor approves a pending closure request: the case is closed. Publishes {@link CaseClosed}. */
    @Transactional
    public void approveClosure(UUID caseId, ChangeStatus cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.SUPERVISE);
        if (c.status() == CaseStatus.CLOSED) {
            throw new Conflict("cases.lifecycle.alreadyClosed", "The case is already closed.");
        }
        if (c.closureRequestedBy() == null) {
            throw new Conflict("cases.lifecycle.noClosureRequest", "Nobody has asked to close this case.");
        }
        if (c.version() != cmd.version()) {
            throw stale();
        }
        close(caseId, c.closureReason());
    }

    private void close(UUID caseId, String reason) {
        CaseRow c = load(caseId);
        jdbc.sql("""
                update survivor_case set status = 'CLOSED', closed_at = now(), closed_approved_by = ?, updated_at = now(),
                  version = version + 1 where id = ?""").params(CurrentUser.require().userId(), caseId).update();
        audit.change("case.close", caseId);
        events.publishEvent(new CaseClosed(caseId, c.organisationId(), reason));
    }

    /** closed → active, with a note of why. */
    @Transactional
    public void reopenCase(UUID caseId, ChangeStatus cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        new Validation(today()).required("note", cmd.note()).text("note", cmd.note(), TEXT_MAX).throwIfInvalid();
        CaseLifecycle.requireReopenable(c.status());
        updateCase(c, cmd.version(), """
                status = 'ACTIVE', closure_requested_by = null, closure_requested_at = null, closure_reason = null,
                closed_at = null, closed_approved_by = null, status_note_sealed = ?""",
                sealer.seal(c.organisationId(), cmd.note()));
        audit.change("case.reopen", caseId);
    }

    private CaseRow move(UUID caseId, int version, CaseStatus to, String action) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        if (to == CaseStatus.CLOSED) {
            throw new Conflict("cases.lifecycle.needsApproval", "Closing a case needs a supervisor's approval.");
        }
        if (c.status() == CaseStatus.CLOSED) {
            throw new Conflict("cases.lifecycle.useReopen", "A closed case must be reopened, with a reason.");
        }
        CaseLifecycle.requireMove(c.status(), to);
        updateCase(c, version, "status = ?", to.name());
        audit.change(action, caseId);
        return c;
    }

    private void updateCase(CaseRow c, int version, String set, Object... values) {
        Object[] params = Arrays.copyOf(values, values.length + 2);
        params[values.length] = c.id();
        params[values.length + 1] = version;
        int n = jdbc.sql("update survivor_case set " + set + ", updated_at = now(), version = version + 1 where id = ? and version = ?")
                .params(params).update();
        if (n == 0) {
            throw stale();
        }
    }

    static Conflict stale() {
        return new Conflict("cases.stale", "Someone else changed this record since you loaded it. Reload it and apply your change again.");
    }

    // ---------------------------------------------------------------- consent

    /** Records a consent given by the survivor or a guardian. */
    @Transactional
    public UUID recordConsent(UUID caseId, RecordConsent cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        ConsentScope scope = v.code(ConsentScope.class, "scope", cmd.scope(), true);
        ConsentGiver giver = v.code(ConsentGiver.class, "givenBy", cmd.givenBy(), true);
        ConsentMethod method = v.code(ConsentMethod.class, "method", cmd.method(), true);
        org.haven.security.OrganisationType recipientType = v.code(org.haven.security.OrganisationType.class,
                "recipientOrganisationType", cmd.recipientOrganisationType(), false);
        v.required("givenOn", cmd.givenOn()).pastDate("givenOn", cmd.givenOn()).anyDate("expiresOn", cmd.expiresOn())
                .order("expiresOn", cmd.givenOn(), cmd.expiresOn())
                .text("guardianName", cmd.guardianName(), NAME_MAX).text("witnessName", cmd.witnessName(), NAME_MAX);
        if (giver == ConsentGiver.GUARDIAN && (cmd.guardianName() == null || cmd.guardianName().isBlank())) {
            v.error("guardianName", "cases.error.required", "This field is required.");
        }
        if (method == ConsentMethod.VERBAL_WITH_WITNESS && (cmd.witnessName() == null || cmd.witnessName().isBlank())) {
            v.error("witnessName", "cases.error.required", "This field is required.");
        }
        if (scope == ConsentScope.SHARING && cmd.recipientOrganisationId() == null && recipientType == null) {
            v.error("recipientOrganisationId", "cases.error.recipientRequired", "Name the organisation or the type of organisation.");
        }
        if (cmd.recipientOrganisationId() != null && jdbc.sql("select count(*) from organisation where id = ?")
                .param(cmd.recipientOrganisationId()).query(Integer.class).single() == 0) {
            v.error("recipientOrganisationId", "cases.error.unknownCode", "Unknown value.");
        }
        v.throwIfInvalid();
        UUID id = UUID.randomUUID();
        UUID org = c.organisationId();
        jdbc.sql("""
                insert into case_consent (id, case_id, scope, recipient_org_id, recipient_org_type, given_by,
                  guardian_name_sealed, method, witness_name_sealed, given_on, expires_on, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseId, scope.name(), cmd.recipientOrganisationId(),
                        recipientType == null ? null : recipientType.name(), giver.name(),
                        sealer.seal(org, cmd.guardianName()), method.name(), sealer.seal(org, cmd.witnessName()),
                        cmd.givenOn(), cmd.expiresOn(), CurrentUser.require().userId())
                .update();
        audit.change("case.consent.record", caseId);
        return id;
    }

    /**
     * Withdraws a consent. Access that rested on it ends on the next request, because every access check re-reads
     * the consent; the grants are also marked revoked for the record.
     */
    @Transactional
    public void withdrawConsent(UUID caseId, UUID consentId) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        int n = jdbc.sql("update case_consent set withdrawn_at = now(), withdrawn_by = ?, version = version + 1 "
                + "where id = ? and case_id = ? and withdrawn_at is null")
                .params(CurrentUser.require().userId(), consentId, caseId).update();
        if (n == 0) {
            throw new NotFound("consent");
        }
        jdbc.sql("update case_access_grant set revoked_at = now() where consent_id = ? and revoked_at is null")
                .param(consentId).update();
        audit.change("case.consent.withdraw", caseId);
    }

    // ---------------------------------------------------------------- screening and identification

    /** Screens with the current instrument; stores the codes and the instrument version; returns the result. */
    @Transactional
    public ScreeningResult recordScreening(UUID caseId, RecordScreening cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        ScreeningInstrument instrument = instruments.current();
        Validation v = new Validation(today());
        v.required("screenedOn", cmd.screenedOn()).pastDate("screenedOn", cmd.screenedOn())
                .range("ageAtRecruitment", cmd.ageAtRecruitment(), 0, 120).text("notes", cmd.notes(), TEXT_MAX);
        Set<String> codes = cmd.indicatorCodes() == null ? Set.of() : new TreeSet<>(cmd.indicatorCodes());
        if (codes.stream().anyMatch(code -> !instrument.knows(code))) {
            v.error("indicatorCodes", "cases.error.unknownCode", "Unknown value.");
        }
        v.throwIfInvalid();
        ScreeningResult r = instrument.evaluate(codes, cmd.ageAtRecruitment());
        jdbc.sql("""
                insert into case_screening (id, case_id, instrument_version, screened_on, screened_by, age_at_recruitment,
                  indicator_codes, act_met, means_met, means_required, purpose_met, outcome, notes_sealed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), caseId, instrument.version(), cmd.screenedOn(),
                        CurrentUser.require().userId(), cmd.ageAtRecruitment(), codes.toArray(new String[0]),
                        r.act().met(), r.means().met(), r.means().required(), r.purpose().met(), r.outcome().name(),
                        sealer.seal(c.organisationId(), cmd.notes()))
                .update();
        audit.change("case.screening.record", caseId);
        return r;
    }

    /** Records the official identification decision (who, which authority and form, when, outcome). */
    @Transactional
    public UUID recordIdentification(UUID caseId, RecordIdentification cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        IdentificationAuthority authority = v.code(IdentificationAuthority.class, "authority", cmd.authority(), true);
        IdentificationOutcome outcome = v.code(IdentificationOutcome.class, "outcome", cmd.outcome(), true);
        validateDecision(v, cmd.decidedBy(), cmd.form(), cmd.decidedOn());
        v.throwIfInvalid();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into case_identification (id, case_id, decided_by_sealed, authority, form, decided_on, outcome, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseId, sealer.seal(c.organisationId(), cmd.decidedBy()), authority.name(), cmd.form().strip(),
                        cmd.decidedOn(), outcome.name(), CurrentUser.require().userId())
                .update();
        audit.change("case.identification.record", caseId);
        return id;
    }

    private static void validateDecision(Validation v, String decidedBy, String form, LocalDate decidedOn) {
        v.required("decidedBy", decidedBy).text("decidedBy", decidedBy, NAME_MAX)
                .required("form", form).text("form", form, 60)
                .required("decidedOn", decidedOn).pastDate("decidedOn", decidedOn);
    }

    // ---------------------------------------------------------------- exploitation history

    /** Records a recruitment, transit or exploitation episode. A place code is a gazetteer code (Cambodia only). */
    @Transactional
    public UUID recordEpisode(UUID caseId, RecordEpisode cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        EpisodeValues e = validateEpisode(v, cmd);
        v.throwIfInvalid();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into case_episode (id, case_id, stage, started_on, ended_on, country_code, place_code, form, sector,
                  means_codes, recruiter_relation, notes_sealed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseId, e.stage().name(), cmd.startedOn(), cmd.endedOn(), e.country(),
                        blankToNull(cmd.placeCode()), e.form() == null ? null : e.form().name(),
                        e.sector() == null ? null : e.sector().name(), e.means(),
                        e.relation() == null ? null : e.relation().name(), sealer.seal(c.organisationId(), cmd.notes()))
                .update();
        audit.change("case.episode.record", caseId);
        return id;
    }

    /** An episode's codes, checked. */
    private record EpisodeValues(EpisodeStage stage, ExploitationForm form, LabourSector sector, String[] means,
            RecruiterRelation relation, String country) {
    }

    private EpisodeValues validateEpisode(Validation v, RecordEpisode cmd) {
        EpisodeStage stage = v.code(EpisodeStage.class, "stage", cmd.stage(), true);
        ExploitationForm form = v.code(ExploitationForm.class, "form", cmd.form(), false);
        LabourSector sector = v.code(LabourSector.class, "sector", cmd.sector(), false);
        List<MeansOfControl> means = v.codes(MeansOfControl.class, "meansOfControl", cmd.meansOfControl());
        RecruiterRelation relation = v.code(RecruiterRelation.class, "recruiterRelation", cmd.recruiterRelation(), false);
        String country = v.country("countryCode", cmd.countryCode(), true);
        v.pastDate("startedOn", cmd.startedOn()).pastDate("endedOn", cmd.endedOn())
                .order("endedOn", cmd.startedOn(), cmd.endedOn()).text("notes", cmd.notes(), TEXT_MAX);
        placeCode(v, "placeCode", cmd.placeCode());
        if (cmd.placeCode() != null && !cmd.placeCode().isBlank() && !"KHM".equals(country)) {
            v.error("placeCode", "cases.error.placeOutsideCambodia", "Gazetteer places are in Cambodia only.");
        }
        if (sector != null && form != ExploitationForm.FORCED_LABOUR) {
            v.error("sector", "cases.error.sectorWithoutLabour", "A sector is given for forced labour only.");
        }
        return new EpisodeValues(stage, form, sector, means.stream().map(Enum::name).distinct().toArray(String[]::new),
                relation, country);
    }

    // ---------------------------------------------------------------- care

    @Transactional
    public UUID recordNeedsAssessment(UUID caseId, RecordNeeds cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        String[] needs = validateNeeds(v, cmd.assessedOn(), cmd.needs(), cmd.notes());
        v.throwIfInvalid();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_needs_assessment (id, case_id, assessed_on, needs, notes_sealed, recorded_by) values (?, ?, ?, ?, ?, ?)")
                .params(id, caseId, cmd.assessedOn(), needs,
                        sealer.seal(c.organisationId(), cmd.notes()), CurrentUser.require().userId())
                .update();
        audit.change("case.needs.record", caseId);
        return id;
    }

    private static String[] validateNeeds(Validation v, LocalDate assessedOn, Set<String> codes, String notes) {
        List<CareArea> needs = v.codes(CareArea.class, "needs", codes);
        v.required("assessedOn", assessedOn).pastDate("assessedOn", assessedOn).text("notes", notes, TEXT_MAX);
        return needs.stream().map(Enum::name).distinct().toArray(String[]::new);
    }

    @Transactional
    public UUID addCarePlanGoal(UUID caseId, AddGoal cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        CareArea area = v.code(CareArea.class, "area", cmd.area(), true);
        v.required("goal", cmd.goal()).text("goal", cmd.goal(), 2000).anyDate("targetOn", cmd.targetOn()).throwIfInvalid();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_goal (id, case_id, area, goal_sealed, target_on, status) values (?, ?, ?, ?, ?, 'PLANNED')")
                .params(id, caseId, area.name(), sealer.seal(c.organisationId(), cmd.goal()), cmd.targetOn()).update();
        audit.change("case.goal.add", caseId);
        return id;
    }

    /** Records a service delivered, with provider and funding source (donor reports depend on them). */
    @Transactional
    public UUID recordService(UUID caseId, RecordService cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        ServiceType type = v.code(ServiceType.class, "serviceType", cmd.serviceType(), true);
        v.required("startedOn", cmd.startedOn()).pastDate("startedOn", cmd.startedOn()).anyDate("endedOn", cmd.endedOn())
                .order("endedOn", cmd.startedOn(), cmd.endedOn()).text("providerName", cmd.providerName(), 200)
                .text("fundingSource", cmd.fundingSource(), 200).text("notes", cmd.notes(), TEXT_MAX);
        if (cmd.providerOrganisationId() != null && jdbc.sql("select count(*) from organisation where id = ?")
                .param(cmd.providerOrganisationId()).query(Integer.class).single() == 0) {
            v.error("providerOrganisationId", "cases.error.unknownCode", "Unknown value.");
        }
        v.throwIfInvalid();
        UUID id = UUID.randomUUID();
        UUID provider = cmd.providerOrganisationId() == null && (cmd.providerName() == null || cmd.providerName().isBlank())
                ? c.organisationId() : cmd.providerOrganisationId();
        jdbc.sql("""
                insert into case_service (id, case_id, service_type, provider_org_id, provider_name_sealed, started_on,
                  ended_on, funding_source, notes_sealed, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseId, type.name(), provider, sealer.seal(c.organisationId(), cmd.providerName()),
                        cmd.startedOn(), cmd.endedOn(), blankToNull(cmd.fundingSource()),
                        sealer.seal(c.organisationId(), cmd.notes()), CurrentUser.require().userId())
                .update();
        audit.change("case.service.record", caseId);
        return id;
    }

    /** Completes a scheduled follow-up with the reintegration assessment (scores 1–5 per area). */
    @Transactional
    public void completeFollowUp(UUID caseId, UUID followUpId, CompleteFollowUp cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        Validation v = new Validation(today());
        v.required("doneOn", cmd.doneOn()).pastDate("doneOn", cmd.doneOn())
                .range("safety", cmd.safety(), 1, 5).range("wellbeing", cmd.wellbeing(), 1, 5)
                .range("economic", cmd.economic(), 1, 5).range("education", cmd.education(), 1, 5)
                .range("familyCommunity", cmd.familyCommunity(), 1, 5).range("legalStatus", cmd.legalStatus(), 1, 5)
                .text("notes", cmd.notes(), TEXT_MAX).throwIfInvalid();
        int n = jdbc.sql("""
                update case_follow_up set done_on = ?, score_safety = ?, score_wellbeing = ?, score_economic = ?,
                  score_education = ?, score_family = ?, score_legal = ?, notes_sealed = ?, done_by = ?, version = version + 1
                where id = ? and case_id = ? and version = ?""")
                .params(cmd.doneOn(), cmd.safety(), cmd.wellbeing(), cmd.economic(), cmd.education(),
                        cmd.familyCommunity(), cmd.legalStatus(), sealer.seal(c.organisationId(), cmd.notes()),
                        CurrentUser.require().userId(), followUpId, caseId, cmd.version())
                .update();
        if (n == 0) {
            if (jdbc.sql("select count(*) from case_follow_up where id = ? and case_id = ?").params(followUpId, caseId)
                    .query(Integer.class).single() == 0) {
                throw new NotFound("follow-up");
            }
            throw stale();
        }
        audit.change("case.follow-up.complete", caseId);
    }

    // ---------------------------------------------------------------- corrections (docs/decisions/0004)

    /**
     * Corrects an exploitation episode: the whole episode as it should read. Optimistic: a version other than the
     * stored one answers {@link Conflict} {@code cases.stale}; an unknown episode of the case {@link NotFound}.
     */
    @Transactional
    public void updateEpisode(UUID caseId, UUID episodeId, UpdateEpisode cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        requireRecord("case_episode", episodeId, caseId, "episode");
        Validation v = new Validation(today());
        v.required("version", cmd.version());
        EpisodeValues e = validateEpisode(v, cmd.fields());
        v.throwIfInvalid();
        int n = jdbc.sql("""
                update case_episode set stage = ?, started_on = ?, ended_on = ?, country_code = ?, place_code = ?,
                  form = ?, sector = ?, means_codes = ?, recruiter_relation = ?, notes_sealed = ?, updated_at = now(),
                  version = version + 1
                where id = ? and case_id = ? and version = ?""")
                .params(e.stage().name(), cmd.startedOn(), cmd.endedOn(), e.country(), blankToNull(cmd.placeCode()),
                        e.form() == null ? null : e.form().name(), e.sector() == null ? null : e.sector().name(),
                        e.means(), e.relation() == null ? null : e.relation().name(),
                        sealer.seal(c.organisationId(), cmd.notes()), episodeId, caseId, cmd.version())
                .update();
        if (n == 0) {
            throw stale();
        }
        audit.change("case.episode.update", caseId);
    }

    /**
     * Deletes an episode entered in error (for example on the wrong case, where keeping it would leave one
     * survivor's testimony in another's record). The audit trail keeps that it was deleted, by whom and when.
     */
    @Transactional
    public void deleteEpisode(UUID caseId, UUID episodeId, Integer version) {
        deleteRecord(caseId, "case_episode", episodeId, version, "episode", "case.episode.delete");
    }

    /** Corrects a needs assessment. Optimistic, like {@link #updateEpisode}. */
    @Transactional
    public void updateNeedsAssessment(UUID caseId, UUID assessmentId, UpdateNeeds cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        requireRecord("case_needs_assessment", assessmentId, caseId, "needs assessment");
        Validation v = new Validation(today());
        v.required("version", cmd.version());
        String[] needs = validateNeeds(v, cmd.assessedOn(), cmd.needs(), cmd.notes());
        if (needs.length == 0) {
            v.error("needs", "cases.error.required", "This field is required.");
        }
        v.throwIfInvalid();
        int n = jdbc.sql("""
                update case_needs_assessment set assessed_on = ?, needs = ?, notes_sealed = ?, updated_at = now(),
                  version = version + 1
                where id = ? and case_id = ? and version = ?""")
                .params(cmd.assessedOn(), needs, sealer.seal(c.organisationId(), cmd.notes()), assessmentId, caseId,
                        cmd.version())
                .update();
        if (n == 0) {
            throw stale();
        }
        audit.change("case.needs.update", caseId);
    }

    /** Deletes a needs assessment entered in error; audited. */
    @Transactional
    public void deleteNeedsAssessment(UUID caseId, UUID assessmentId, Integer version) {
        deleteRecord(caseId, "case_needs_assessment", assessmentId, version, "needs assessment", "case.needs.delete");
    }

    /**
     * Corrects an official identification decision with a reason (kept sealed with it; every correction, with the
     * decision as it read before, is kept in {@code case_identification_correction}). A voided decision cannot be
     * corrected ({@link Conflict} {@code cases.identification.alreadyVoid}): record a new one.
     */
    @Transactional
    public void correctIdentification(UUID caseId, UUID identificationId, CorrectIdentification cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        requireRecord("case_identification", identificationId, caseId, "identification");
        Validation v = new Validation(today());
        v.required("version", cmd.version());
        IdentificationAuthority authority = v.code(IdentificationAuthority.class, "authority", cmd.authority(), true);
        IdentificationOutcome outcome = v.code(IdentificationOutcome.class, "outcome", cmd.outcome(), true);
        validateDecision(v, cmd.decidedBy(), cmd.form(), cmd.decidedOn());
        v.required("reason", cmd.reason()).text("reason", cmd.reason(), TEXT_MAX).throwIfInvalid();
        requireNotVoided(identificationId);
        // The decision as it reads now goes into the history first; a stale version below rolls both back.
        jdbc.sql("""
                insert into case_identification_correction (id, identification_id, case_id, corrected_at, corrected_by,
                  reason_sealed, previous_decided_by_sealed, previous_authority, previous_form, previous_decided_on,
                  previous_outcome)
                select ?, id, case_id, now(), ?, ?, decided_by_sealed, authority, form, decided_on, outcome
                from case_identification where id = ? and case_id = ?""")
                .params(UUID.randomUUID(), CurrentUser.require().userId(), sealer.seal(c.organisationId(), cmd.reason()),
                        identificationId, caseId)
                .update();
        int n = jdbc.sql("""
                update case_identification set decided_by_sealed = ?, authority = ?, form = ?, decided_on = ?,
                  outcome = ?, corrected_at = now(), corrected_by = ?, correction_reason_sealed = ?, version = version + 1
                where id = ? and case_id = ? and version = ? and voided_at is null""")
                .params(sealer.seal(c.organisationId(), cmd.decidedBy()), authority.name(), cmd.form().strip(),
                        cmd.decidedOn(), outcome.name(), CurrentUser.require().userId(),
                        sealer.seal(c.organisationId(), cmd.reason()), identificationId, caseId, cmd.version())
                .update();
        if (n == 0) {
            throw stale();
        }
        audit.change("case.identification.correct", caseId);
    }

    /**
     * Voids an identification decision recorded in error, with a reason. It is never deleted: the decision stays
     * listed as void (an official act someone relied on must remain traceable), and statistics ignore it.
     */
    @Transactional
    public void voidIdentification(UUID caseId, UUID identificationId, VoidIdentification cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        requireRecord("case_identification", identificationId, caseId, "identification");
        new Validation(today()).required("version", cmd.version()).required("reason", cmd.reason())
                .text("reason", cmd.reason(), TEXT_MAX).throwIfInvalid();
        requireNotVoided(identificationId);
        int n = jdbc.sql("""
                update case_identification set voided_at = now(), voided_by = ?, void_reason_sealed = ?,
                  version = version + 1
                where id = ? and case_id = ? and version = ? and voided_at is null""")
                .params(CurrentUser.require().userId(), sealer.seal(c.organisationId(), cmd.reason()),
                        identificationId, caseId, cmd.version())
                .update();
        if (n == 0) {
            throw stale();
        }
        audit.change("case.identification.void", caseId);
    }

    private void requireNotVoided(UUID identificationId) {
        if (jdbc.sql("select voided_at is not null from case_identification where id = ?").param(identificationId)
                .query(Boolean.class).single()) {
            throw new Conflict("cases.identification.alreadyVoid",
                    "This decision has been voided; record a new decision instead.");
        }
    }

    /**
     * Moves a care-plan goal to another status (see {@link ChangeGoalStatus} for the allowed moves); dropping needs
     * a reason. A move that is not allowed answers {@link Conflict} {@code cases.goal.transition}.
     */
    @Transactional
    public void changeGoalStatus(UUID caseId, UUID goalId, ChangeGoalStatus cmd) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        requireRecord("case_goal", goalId, caseId, "goal");
        Validation v = new Validation(today());
        v.required("version", cmd.version());
        GoalStatus to = v.code(GoalStatus.class, "status", cmd.status(), true);
        v.text("reason", cmd.reason(), TEXT_MAX);
        if (to == GoalStatus.DROPPED && (cmd.reason() == null || cmd.reason().isBlank())) {
            v.error("reason", "cases.error.goalDropReason", "Say why the goal is dropped.");
        }
        v.throwIfInvalid();
        GoalStatus from = GoalStatus.valueOf(jdbc.sql("select status from case_goal where id = ?").param(goalId)
                .query(String.class).single());
        if (!goalMoveAllowed(from, to)) {
            throw new Conflict("cases.goal.transition", "A goal cannot move from " + from + " to " + to + ".");
        }
        int n = jdbc.sql("""
                update case_goal set status = ?, status_reason_sealed = ?, status_changed_at = now(),
                  status_changed_by = ?, version = version + 1
                where id = ? and case_id = ? and version = ?""")
                .params(to.name(), sealer.seal(c.organisationId(), blankToNull(cmd.reason())),
                        CurrentUser.require().userId(), goalId, caseId, cmd.version())
                .update();
        if (n == 0) {
            throw stale();
        }
        audit.change("case.goal.status", caseId);
    }

    /** The moves of a care-plan goal's status. */
    public static boolean goalMoveAllowed(GoalStatus from, GoalStatus to) {
        switch (from) {
            case PLANNED:
                return to != GoalStatus.PLANNED;
            case IN_PROGRESS:
                return to == GoalStatus.ACHIEVED || to == GoalStatus.DROPPED;
            default:
                return to == GoalStatus.IN_PROGRESS;
        }
    }

    /** The record must belong to the case; otherwise {@link NotFound} (checked after the case access). */
    private void requireRecord(String table, UUID recordId, UUID caseId, String what) {
        // table is one of this class's constants, never input
        if (recordId == null || jdbc.sql("select count(*) from " + table + " where id = ? and case_id = ?")
                .params(recordId, caseId).query(Integer.class).single() == 0) {
            throw new NotFound(what);
        }
    }

    private void deleteRecord(UUID caseId, String table, UUID recordId, Integer version, String what, String action) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        requireRecord(table, recordId, caseId, what);
        new Validation(today()).required("version", version).throwIfInvalid();
        int n = jdbc.sql("delete from " + table + " where id = ? and case_id = ? and version = ?")
                .params(recordId, caseId, version).update();
        if (n == 0) {
            throw stale();
        }
        audit.change(action, caseId);
    }

    // ---------------------------------------------------------------- notes and attachments

    @Transactional
    public UUID addNote(UUID caseId, String body) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        new Validation(today()).required("body", body).text("body", body, TEXT_MAX).throwIfInvalid();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_note (id, case_id, author_id, body_sealed) values (?, ?, ?, ?)")
                .params(id, caseId, CurrentUser.require().userId(), sealer.seal(c.organisationId(), body)).update();
        audit.change("case.note.add", caseId);
        return id;
    }

    /**
     * Stores an attachment sealed at rest after checking its content (PDF, PNG, JPEG only; name must match content;
     * size limit) and stripping image metadata.
     */
    @Transactional
    public UUID addAttachment(UUID caseId, String fileName, byte[] content) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.WRITE);
        new Validation(today()).required("file", fileName).text("file", fileName, 200).throwIfInvalid();
        AttachmentInspector.Inspected inspected = AttachmentInspector.inspect(fileName, content, settings.attachmentMaxBytes());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into case_attachment (id, case_id, file_name_sealed, media_type, size_bytes, content_sealed, uploaded_by)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseId, sealer.seal(c.organisationId(), fileName.strip()), inspected.mediaType(),
                        inspected.content().length, sealer.sealBytes(c.organisationId(), inspected.content()),
                        CurrentUser.require().userId())
                .update();
        audit.change("case.attachment.add", caseId);
        return id;
    }

    /** An attachment, decrypted. Audited as a read of the case. */
    @Transactional
    public AttachmentContent readAttachment(UUID caseId, UUID attachmentId) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.READ);
        AttachmentContent content = jdbc.sql("select file_name_sealed, media_type, content_sealed from case_attachment where id = ? and case_id = ?")
                .params(attachmentId, caseId)
                .query((rs, n) -> new AttachmentContent(sealer.open(c.organisationId(), rs.getBytes(1)), rs.getString(2),
                        sealer.openBytes(c.organisationId(), rs.getBytes(3))))
                .optional().orElseThrow(() -> new NotFound("attachment"));
        audit.read(List.of(caseId));
        return content;
    }

    // ---------------------------------------------------------------- access log

    /**
     * Who viewed or changed the case, newest first, from the audit trail: for a supervisor of the owning
     * organisation only (also the basis of the survivor's copy on request). Viewing the log is itself audited.
     */
    @Transactional
    public Page<AccessLogEntry> accessLog(UUID caseId, int page, int size) {
        CaseRow c = load(caseId);
        requireAccess(c, AccessLevel.SUPERVISE);
        int s = Math.min(Math.max(size, 1), 1000);
        var events = accessReport.eventsFor(CaseAudit.SUBJECT, caseId,
                org.springframework.data.domain.PageRequest.of(Math.max(page, 0), s));
        java.util.Map<UUID, String> orgNames = new java.util.HashMap<>();
        List<AccessLogEntry> items = events.getContent().stream().map(e -> new AccessLogEntry(e.occurredAt(),
                e.actorUsername(), e.actorOrganisationId() == null ? null : orgNames.computeIfAbsent(e.actorOrganisationId(),
                        id -> jdbc.sql("select name from organisation where id = ?").param(id).query(String.class)
                                .optional().orElse("")),
                e.action(), e.outcome().name(), e.purpose())).toList();
        audit.change("case.access-log.read", caseId);
        return new Page<>(items, Math.max(page, 0), s, events.getTotalElements());
    }

    // ---------------------------------------------------------------- access

    /** The minimal case header used for access decisions. */
    record CaseRow(UUID id, UUID survivorId, UUID organisationId, String code, CaseStatus status, UUID assignee,
            String risk, LocalDate identifiedOn, String channel, LocalDate reintegrationStartedOn,
            String closureReason, UUID closureRequestedBy, int version) {
    }

    CaseRow load(UUID caseId) {
        if (caseId == null) {
            throw new NotFound("case");
        }
        return jdbc.sql("""
                select id, survivor_id, organisation_id, case_code, status, assigned_caseworker_id, risk_level,
                       identified_on, identification_channel, reintegration_started_on, closure_reason,
                       closure_requested_by, version
                from survivor_case where id = ?""").param(caseId)
                .query((rs, n) -> new CaseRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), CaseStatus.valueOf(rs.getString(5)),
                        rs.getObject(6, UUID.class), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getString(9),
                        rs.getObject(10, LocalDate.class), rs.getString(11), rs.getObject(12, UUID.class), rs.getInt(13)))
                .optional().orElseThrow(() -> new NotFound("case"));
    }

    /**
     * The reader's access to the case, at least {@code needed}: no access at all answers {@link NotFound} (and is
     * audited as a denied read), visible but not enough answers {@link Forbidden}.
     */
    AccessLevel requireAccess(CaseRow c, AccessLevel needed) {
        CurrentUser user = CurrentUser.require();
        boolean readable = policy.decide(user, CaseAudit.SUBJECT, c.id(), AccessAction.READ, null).granted();
        // Another rule (e.g. break-glass) may grant a read that the cases rule alone would not: read-only then.
        AccessLevel level = !readable ? null : access.decide(user, c.id(), c.organisationId(), c.assignee(), today())
                .orElse(AccessLevel.READ);
        if (level != null && needed != AccessLevel.READ
                && !policy.decide(user, CaseAudit.SUBJECT, c.id(), AccessAction.UPDATE, null).granted()) {
            level = AccessLevel.READ;
        }
        if (level == null) {
            audit.denied("case.access", c.id(), user);
            throw new NotFound("case");
        }
        if (needed.ordinal() > level.ordinal()) {
            audit.denied("case.access", c.id(), user);
            throw new Forbidden(needed == AccessLevel.SUPERVISE ? "Only a case supervisor of the organisation may do this."
                    : "You may read this case but not change it.");
        }
        return level;
    }

    /** Access level of the current user to a case, for other public services of this module. */
    AccessLevel accessTo(UUID caseId, AccessLevel needed) {
        return requireAccess(load(caseId), needed);
    }

    /**
     * The current user's access to the case (at least read); {@link NotFound} when they have none. Not audited: it
     * returns no survivor data.
     */
    public AccessLevel accessToCase(UUID caseId) {
        return requireAccess(load(caseId), AccessLevel.READ);
    }

    private static CurrentUser requireReader() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.CASE_READ)) {
            throw new Forbidden("Your roles do not include reading cases.");
        }
        return user;
    }

    private static CurrentUser requireWriter() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.CASE_WRITE)) {
            throw new Forbidden("Your roles do not include registering survivors.");
        }
        return user;
    }

    // ---------------------------------------------------------------- helpers

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
    }
}
