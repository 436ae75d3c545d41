package org.haven.reporting;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.referrals.ReferralCounts;
import org.haven.reporting.disclosure.ProtectedTable;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Permission;
import org.haven.security.Role;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Role dashboards: caseload by status, new identifications, services delivered and follow-ups due (case workers,
 * supervisors, legal officers), referrals sent and received by month and by status (those who send or receive
 * referrals), proceedings by stage (police, prosecutors, legal officers), outreach reach
 * (prevention officers), and all of them for aggregate-only roles (analysts, donors, administrators). Read from the
 * summary tables of {@link ReportSummaries}, as of their last refresh, and referrals from that of
 * {@link ReferralSummary} (filled through the referrals module's counts-only {@link ReferralCounts}); filtered by a period of months, an
 * organisation within the user's reach and a province.
 *
 * <p>Reach: analysts, donors, system administrators and users of a ministry or an international organisation see
 * every organisation of their country (all together or one); everyone else sees their own organisation only. Every
 * figure is a {@link ProtectedTable}: small cells are suppressed (with complementary suppression) unless the user
 * looks at their own organisation with a role that works with its records anyway.
 */
@Service
public class Dashboards {

    /** The longest period a dashboard covers, in months. */
    public static final int MAX_MONTHS = 60;

    public static final List<String> CASE_STATUSES = List.of("OPEN", "ACTIVE", "REINTEGRATION", "CLOSED");
    public static final List<String> SEXES = List.of("FEMALE", "MALE", "INTERSEX", "UNKNOWN");
    public static final List<String> STAGES = List.of("COMPLAINT", "INVESTIGATION", "ARREST", "CHARGE", "TRIAL",
            "VERDICT", "APPEAL", "CLOSED", "DROPPED");
    public static final List<String> OUTREACH_METHODS = List.of("DRAMA", "ART", "SCHOOL_SESSION",
            "COMMUNITY_MEETING", "TRAINING", "RADIO_TV", "SOCIAL_MEDIA", "OTHER");

    /** The sections a dashboard can show, in page order. */
    public enum Section {
        CASELOAD, IDENTIFICATIONS, SERVICES, FOLLOW_UPS, REFERRALS, REFERRAL_STATUSES, PROCEEDINGS, OUTREACH
    }

    /** The columns of the referral figures: referrals the organisation(s) sent, and those they received. */
    public static final List<String> REFERRAL_DIRECTIONS = List.of("OUTGOING", "INCOMING");


    /** What to show: months {@code from}..{@code to} inclusive; organisation and province null for all. */
    public record Filter(YearMonth from, YearMonth to, UUID organisationId, String province) {
    }

    /** An organisation the user may choose. */
    public record Organisation(UUID id, String name) {
    }

    /**
     * A dashboard.
     *
     * @param asOf      the summary refresh the figures come from
     * @param exact     true when no cell is suppressed (own organisation, record-level role)
     * @param reach     the organisations the user may choose (just their own for most roles)
     * @param figures   one protected table per section shown
     * @param referralsAsOf the refresh of the referral summary ({@link ReferralSummary}), null when no referral
     *                  figure is shown
     */
    public record Dashboard(Filter filter, OffsetDateTime asOf, int threshold, boolean exact,
            List<Organisation> reach, Map<Section, Reports.Figure> figures, OffsetDateTime referralsAsOf) {
    }

    private static final Set<Role> WIDE_ROLES = EnumSet.of(Role.DATA_ANALYST, Role.DONOR_VIEWER, Role.SYSTEM_ADMIN);
    private static final Set<OrganisationType> WIDE_ORGANISATIONS =
            EnumSet.of(OrganisationType.MINISTRY, OrganisationType.INTERNATIONAL_ORGANISATION);

    private final JdbcClient jdbc;
    private final ReportingSettings settings;
    private final ReportSummaries summaries;
    private final ReferralSummary referrals;

    Dashboards(JdbcClient jdbc, ReportingSettings settings, ReportSummaries summaries, ReferralSummary referrals) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.summaries = summaries;
        this.referrals = referrals;
    }

    /** The sections the user's roles see (every section for aggregate-only roles). */
    public static List<Section> sectionsFor(CurrentUser user) {
        List<Section> sections = new ArrayList<>();
        if (user.can(Permission.CASE_READ)) {
            sections.addAll(List.of(Section.CASELOAD, Section.IDENTIFICATIONS, Section.SERVICES, Section.FOLLOW_UPS));
        }
        if (user.can(Permission.REFERRAL_SEND) || user.can(Permission.REFERRAL_RECEIVE)) {
            sections.addAll(List.of(Section.REFERRALS, Section.REFERRAL_STATUSES));
        }
        if (user.can(Permission.PROCEEDING_READ)) {
            sections.add(Section.PROCEEDINGS);
        }
        if (user.can(Permission.OUTREACH_WRITE)) {
            sections.add(Section.OUTREACH);
        }
        if (sections.isEmpty() && user.can(Permission.REPORT_AGGREGATE)) {
            sections.addAll(List.of(Section.values()));
        }
        return sections;
    }

    /** Whether the user may choose other organisations than their own. */
    public static boolean wideReach(CurrentUser user) {
        return user.hasAnyRole(WIDE_ROLES) || WIDE_ORGANISATIONS.contains(user.organisationType());
    }

    /** The default filter: the last twelve months to this one, the user's own organisation, every province. */
    public static Filter defaultFilter(CurrentUser user) {
        YearMonth now = YearMonth.now(Reports.ZONE);
        return new Filter(now.minusMonths(11), now, wideReach(user) ? null : user.organisationId(), null);
    }

    /** The dashboard of the signed-in user for a filter: every section of their roles. */
    @Transactional(readOnly = true)
    public Dashboard dashboard(Filter filter) {
        return dashboard(filter, List.of(Section.values()));
    }

    /** The dashboard of the signed-in user for a filter, with those of the given sections their roles see. */
    @Transactional(readOnly = true)
    public Dashboard dashboard(Filter filter, List<Section> wanted) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.REPORT_AGGREGATE)) {
            throw new Forbidden("Your roles do not allow statistics.");
        }
        OffsetDateTime asOf = summaries.asOfOrRefresh(); // first: builds the summaries on a new installation
        Filter f = validate(filter, user);
        List<Organisation> reach = reach(user);
        // One organisation, or the country rows (organisation_id null) of the user's country or of every country.
        Scope orgs = new Scope(f.organisationId(), f.organisationId() == null && !user.hasRole(Role.SYSTEM_ADMIN)
                ? user.countryCode() : null);
        boolean exact = f.organisationId() != null && f.organisationId().equals(user.organisationId())
                && (user.can(Permission.CASE_READ) || user.can(Permission.PROCEEDING_READ)
                        || user.can(Permission.OUTREACH_WRITE));
        int k = exact ? 1 : settings.minCell();
        Map<Section, Reports.Figure> figures = new LinkedHashMap<>();
        OffsetDateTime referralsAsOf = null;
        for (Section s : sectionsFor(user)) {
            if (!wanted.contains(s)) {
                continue;
            }
            if ((s == Section.REFERRALS || s == Section.REFERRAL_STATUSES) && referralsAsOf == null) {
                referralsAsOf = referrals.asOfOrRefresh();
            }
            figures.put(s, new Reports.Figure(figureId(s), table(s, f, orgs, k)));
        }
        return new Dashboard(f, asOf, k, exact, reach, figures, referralsAsOf);
    }

    /** The message-key id of a section's figure ({@code reporting.figure.<id>}). */
    public static String figureId(Section s) {
        switch (s) {
            case CASELOAD:
                return "caseloadByStatus";
            case IDENTIFICATIONS:
                return "identificationsByMonthAndSex";
            case SERVICES:
                return "servicesByType";
            case FOLLOW_UPS:
                return "followUpsByMonth";
            case REFERRALS:
                return "referralsByMonth";
            case REFERRAL_STATUSES:
                return "referralsByStatus";
            case PROCEEDINGS:
                return "proceedingsByStage";
            default:
                return "outreachByMethodAndSex";
        }
    }

    private Filter validate(Filter filter, CurrentUser user) {
        Filter d = defaultFilter(user);
        YearMonth from = filter.from() == null ? d.from() : filter.from();
        YearMonth to = filter.to() == null ? d.to() : filter.to();
        if (to.isBefore(from)) {
            throw InvalidInput.of("to", "reporting.period.invalid", "Give a period whose end is not before its start.");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to.plusMonths(1)) || from.getYear() < 1990 || to.getYear() > 2200) {
            throw InvalidInput.of("from", "reporting.dashboard.period.tooLong",
                    "Give a period of at most " + MAX_MONTHS + " months.");
        }
        String province = filter.province() == null || filter.province().isBlank() ? null : filter.province().trim();
        if (province != null && !province.matches("\\d{2}")) {
            throw InvalidInput.of("province", "reporting.region.invalid",
                    "Give the province as its two-digit gazetteer code.");
        }
        UUID org = filter.organisationId();
        if (org == null && !wideReach(user)) {
            org = user.organisationId();
        }
        if (org != null && !org.equals(user.organisationId())
                && (!wideReach(user) || reach(user).stream().noneMatch(o -> o.id().equals(filter.organisationId())))) {
            throw new Forbidden("That organisation is outside your reach.");
        }
        return new Filter(from, to, org, province);
    }

    /** The organisations the user may choose, by name. */
    public List<Organisation> reach(CurrentUser user) {
        if (!wideReach(user)) {
            return jdbc.sql("select id, name from organisation where id = ?").param(user.organisationId())
                    .query((rs, n) -> new Organisation(rs.getObject(1, UUID.class), rs.getString(2))).list();
        }
        boolean everywhere = user.hasRole(Role.SYSTEM_ADMIN);
        return jdbc.sql("select id, name from organisation where (:all or country_code = :country) order by name, id")
                .param("all", everywhere).param("country", user.countryCode())
                .query((rs, n) -> new Organisation(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    /** Which summary rows a dashboard reads: one organisation's, or the totals of one country (or of all). */
    private record Scope(UUID organisationId, String countryCode) {

        String where() {
            if (organisationId != null) {
                return " where organisation_id = :org";
            }
            return countryCode != null ? " where organisation_id is null and country_code = :country"
                    : " where organisation_id is null";
        }
    }

    private ProtectedTable table(Section s, Filter f, Scope orgs, int k) {
        java.time.LocalDate from = f.from().atDay(1);
        java.time.LocalDate to = f.to().atEndOfMonth();
        List<String> months = new ArrayList<>();
        for (YearMonth m = f.from(); !m.isAfter(f.to()); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        String where = orgs.where() + " and (cast(:province as varchar) is null or province = :province)";
        String period = " and month between :from and :to";
        switch (s) {
            case CASELOAD: {
                List<Reports.Count> counts = counts("select status a, 'CASES' b, sum(cases) n from rpt_caseload"
                        + where + " group by 1", f, orgs, from, to);
                return oneColumn(CASE_STATUSES, counts, "CASES", k);
            }
            case IDENTIFICATIONS: {
                List<Reports.Count> counts = counts("select to_char(month, 'YYYY-MM') a, sex b, sum(cases) n "
                        + "from rpt_identified_month" + where + period + " group by 1, 2", f, orgs, from, to);
                return Reports.pivot(counts, months, SEXES, k);
            }
            case SERVICES: {
                List<Reports.Count> counts = counts("select service_type a, 'SERVICES' b, sum(services) n "
                        + "from rpt_service_month" + where + period + " group by 1", f, orgs, from, to);
                List<String> types = counts.stream().map(Reports.Count::a).sorted().toList();
                return oneColumn(types, counts, "SERVICES", k);
            }
            case FOLLOW_UPS: {
                List<Reports.Count> counts = counts("select to_char(month, 'YYYY-MM') a, "
                        + "case when done then 'DONE' else 'NOT_DONE' end b, sum(follow_ups) n "
                        + "from rpt_follow_up_month" + where + period + " group by 1, 2", f, orgs, from, to);
                return Reports.pivot(counts, months, List.of("DONE", "NOT_DONE"), k);
            }
            case REFERRALS: {
                List<Reports.Count> counts = counts("select to_char(month, 'YYYY-MM') a, direction b, "
                        + "sum(referrals) n from rpt_referral_month" + where + period + " group by 1, 2", f, orgs,
                        from, to);
                return Reports.pivot(counts, months, REFERRAL_DIRECTIONS, k);
            }
            case REFERRAL_STATUSES: {
                List<Reports.Count> counts = counts("select status a, direction b, sum(referrals) n "
                        + "from rpt_referral_month" + where + period + " group by 1, 2", f, orgs, from, to);
                List<String> statuses = new ArrayList<>(ReferralCounts.STATUSES);
                counts.stream().map(Reports.Count::a).filter(a -> !statuses.contains(a)).distinct().sorted()
                        .forEach(statuses::add);
                return Reports.pivot(counts, statuses, REFERRAL_DIRECTIONS, k);
            }
            case PROCEEDINGS: {
                List<Reports.Count> counts = counts("select stage a, 'PROCEEDINGS' b, sum(proceedings) n "
                        + "from rpt_proceeding_month" + where + period + " group by 1", f, orgs, from, to);
                return oneColumn(STAGES, counts, "PROCEEDINGS", k);
            }
            default: {
                List<Reports.Count> counts = counts("select method a, x.sex b, sum(x.n) n from rpt_outreach_month, "
                        + "lateral (values ('FEMALE', female), ('MALE', male), ('OTHER', other)) x(sex, n)"
                        + where + period + " group by 1, 2", f, orgs, from, to);
                return Reports.pivot(counts, OUTREACH_METHODS, List.of("FEMALE", "MALE", "OTHER"), k);
            }
        }
    }

    private List<Reports.Count> counts(String sql, Filter f, Scope orgs, java.time.LocalDate from,
            java.time.LocalDate to) {
        var spec = jdbc.sql(sql).param("province", f.province());
        if (orgs.organisationId() != null) {
            spec = spec.param("org", orgs.organisationId());
        } else if (orgs.countryCode() != null) {
            spec = spec.param("country", orgs.countryCode());
        }
        if (sql.contains(":from")) {
            spec = spec.param("from", from).param("to", to);
        }
        return spec.query((rs, n) -> new Reports.Count(rs.getString("a"), rs.getString("b"), rs.getLong("n")))
                .list();
    }

    /** A one-column table: one row per key (in this order, then any others), with the total. */
    private static ProtectedTable oneColumn(List<String> keys, List<Reports.Count> counts, String column, int k) {
        List<String> rows = new ArrayList<>(keys);
        counts.stream().map(Reports.Count::a).filter(a -> !rows.contains(a)).sorted().forEach(rows::add);
        long[][] values = new long[rows.size()][1];
        for (Reports.Count c : counts) {
            values[rows.indexOf(c.a())][0] += c.n();
        }
        return ProtectedTable.twoWay(rows, List.of(column), values, k);
    }
}
