package org.haven.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.cases.CaseStatistics;
import org.haven.cases.Vocabulary;
import org.haven.prevention.OutreachStatistics;
import org.haven.prosecution.Attrition;
import org.haven.prosecution.AttritionReport;
import org.haven.reporting.anonymity.Hierarchies;
import org.haven.shared.web.InvalidInput;
import org.haven.reporting.anonymity.Hierarchy;
import org.haven.reporting.disclosure.LinkedTables;
import org.haven.reporting.disclosure.LinkedTables.Ref;
import org.haven.reporting.disclosure.ProtectedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Aggregate reports. Every figure leaves this class as a {@link ProtectedTable}: small cells suppressed at
 * {@code haven.reporting.min-cell} with complementary suppression over the margins that are published with it, so
 * pages, downloads and the API for aggregate-only roles can only show disclosure-controlled numbers.
 *
 * <p>The CTDC comparison data (imported with {@code import ctdc}); national statistics over case and prosecution data;
 * the donor report of services by funding source. The CTDC comparison and the donor report are computed on each
 * request; the national statistics read the summary tables of {@link ReportSummaries} (as of their last refresh).
 */
@Service
public class Reports {

    /** One published figure: a message key for its title and the protected table. */
    public record Figure(String id, ProtectedTable table) {
    }

    /** An imported CTDC file available for comparison. */
    public record CtdcDataset(UUID id, String fileName, String layout, int rows, OffsetDateTime importedAt) {
    }

    /**
     * The CTDC comparison report.
     *
     * @param dataset the imported file it covers, or empty when it covers all imports
     * @param asOf    when its newest data was imported (how fresh the figures are)
     */
    public record CtdcComparison(Optional<CtdcDataset> dataset, OffsetDateTime asOf, int threshold,
            List<Figure> figures) {
    }

    /** The time zone of dates and "last year" in reports. */
    public static final java.time.ZoneId ZONE = org.haven.shared.HavenClock.ZONE;

    static final String NOT_RECORDED = "";
    static final List<String> GENDERS = List.of("Woman", "Man", "Trans/Transgender/NonConforming", NOT_RECORDED);
    static final List<String> EXPLOITATION = List.of("forcedLabour", "sexualExploitation", "otherOrSeveral",
            NOT_RECORDED);

    /**
     * National statistics for a year, in the shape of the TIP report's protection and law-enforcement sections.
     *
     * @param region     the province (two-digit gazetteer code) or null for the whole country
     * @param computedAt the time of the summary refresh the figures come from (how fresh they are)
     * @param attrition  the prosecution funnel for the year, as the prosecution module publishes it (its own
     *                   small-cell rule applies to aggregate-only roles)
     */
    public record NationalStatistics(int year, String region, int threshold, OffsetDateTime computedAt,
            List<Figure> figures, Attrition attrition) {
    }

    /** Donor report: services delivered in a period by funding source, with people reached. */
    public record DonorReport(LocalDate from, LocalDate to, int threshold, List<Figure> figures) {
    }

    static final List<String> SEXES = List.of("FEMALE", "MALE", "INTERSEX", "UNKNOWN");
    static final List<String> AGE_BANDS = List.of("CHILD", "ADULT", "UNKNOWN");
    static final List<String> DEFINITION = List.of("MEETS_DEFINITION", "PARTIAL", "NOT_MET", "NOT_SCREENED");
    static final List<String> OFFICIAL = List.of("OFFICIAL_VICTIM", "NOT_OFFICIAL");

    private final JdbcClient jdbc;
    private final ReportingSettings settings;
    private final CaseStatistics cases;
    private final AttritionReport prosecution;
    private final OutreachStatistics outreach;
    private final ReportSummaries summaries;

    Reports(JdbcClient jdbc, ReportingSettings settings, CaseStatistics cases, AttritionReport prosecution,
            OutreachStatistics outreach, ReportSummaries summaries) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.cases = cases;
        this.prosecution = prosecution;
        this.outreach = outreach;
        this.summaries = summaries;
    }

    /**
     * Victims identified in the year by sex and age band, by form of exploitation and sex, by nationality against
     * the Palermo screening ("reported" and "meets the definition" kept apart), official identification against
     * screening; services by type (people served); the prosecution funnel. Every case table is a
     * {@link ProtectedTable}.
     */
    @org.springframework.transaction.annotation.Transactional(readOnly = true,
            isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public NationalStatistics national(int year, String region) {
        if (year < 1990 || year > 2200) {
            throw InvalidInput.of("year", "reporting.year.invalid", "Give a year such as 2025.");
        }
        String province = region == null || region.isBlank() ? null : region.trim();
        if (province != null && !province.matches("\\d{2}")) {
            throw InvalidInput.of("region", "reporting.region.invalid", "Give the province as its two-digit gazetteer code.");
        }
        int k = settings.minCell();
        OffsetDateTime asOf = summaries.asOfOrRefresh();
        List<CaseStatistics.VictimCount> victims = victimsIdentified(year, province);
        List<Count> bySexAge = new ArrayList<>();
        List<Count> byFormSex = new ArrayList<>();
        List<Count> byNationality = new ArrayList<>();
        List<Count> officialByDefinition = new ArrayList<>();
        for (CaseStatistics.VictimCount v : victims) {
            bySexAge.add(new Count(v.sex(), v.ageBand(), v.cases()));
            byFormSex.add(new Count(v.form(), v.sex(), v.cases()));
            byNationality.add(new Count(v.nationality(), v.definition(), v.cases()));
            officialByDefinition.add(new Count(v.definition(), v.officiallyIdentified() ? "OFFICIAL_VICTIM" : "NOT_OFFICIAL",
                    v.cases()));
        }
        List<Count> services = jdbc.sql("select service_type, sum(people) from rpt_service_year where year = ? "
                + "group by 1").param(year)
                .query((rs, n) -> new Count(rs.getString(1), "PEOPLE", rs.getLong(2))).list();
        List<String> forms = new ArrayList<>();
        for (Vocabulary.ExploitationForm f : Vocabulary.ExploitationForm.values()) {
            forms.add(f.name());
        }
        forms.add("SEVERAL");
        forms.add(NOT_RECORDED);
        // The four tables of victims describe the same cases: their grand totals are one number, the totals by sex of
        // one are those of another, and so are the totals by screening outcome; the de-duplicated count rests on the
        // same total. Protected together (LinkedTables) so that no table gives away a cell hidden in another.
        long[] people = peopleIdentified(year, province);
        LinkedTables victimTables = new LinkedTables();
        add(victimTables, "victimsBySexAndAge", pivotCounts(bySexAge, present(SEXES, bySexAge, true), AGE_BANDS));
        add(victimTables, "victimsByFormAndSex", pivotCounts(byFormSex, present(forms, byFormSex, true), SEXES));
        add(victimTables, "victimsByNationalityAndDefinition", pivotCounts(byNationality, null, DEFINITION));
        add(victimTables, "officialIdentificationByDefinition",
                pivotCounts(officialByDefinition, present(DEFINITION, officialByDefinition, true), OFFICIAL));
        victimTables.twoWay("peopleDeduplicated", PEOPLE, List.of("CASES"),
                new long[][] {{people[1]}, {people[0] - people[1]}});
        victimTables.sameRows("victimsBySexAndAge", sex -> Ref.columnTotal("victimsByFormAndSex", sex))
                .sameColumns("victimsByNationalityAndDefinition",
                        definition -> Ref.rowTotal("officialIdentificationByDefinition", definition));
        for (String table : List.of("victimsByFormAndSex", "victimsByNationalityAndDefinition",
                "officialIdentificationByDefinition", "peopleDeduplicated")) {
            victimTables.same(Ref.grandTotal("victimsBySexAndAge"), Ref.grandTotal(table));
        }
        Map<String, ProtectedTable> linked = victimTables.protect(k);
        List<Figure> figures = new ArrayList<>();
        for (String id : List.of("victimsBySexAndAge", "peopleDeduplicated", "victimsByFormAndSex",
                "victimsByNationalityAndDefinition", "officialIdentificationByDefinition")) {
            figures.add(new Figure(id, linked.get(id)));
        }
        figures.add(new Figure("peopleByService", pivot(services, null, List.of("PEOPLE"), k)));
        return new NationalStatistics(year, province, k, asOf, List.copyOf(figures),
                prosecution.attrition(year, null, province));
    }

    /**
     * {@link CaseStatistics#victimsIdentified} as of the last summary refresh, read from {@code rpt_victim_year}
     * (the same groups; {@link ReportSummaries} builds them with the same definitions).
     */
    private List<CaseStatistics.VictimCount> victimsIdentified(int year, String province) {
        return jdbc.sql("""
                select sex, age_band, nationality, form, definition, official, sum(cases) from rpt_victim_year
                where year = :year and (cast(:province as varchar) is null or province = :province)
                group by 1, 2, 3, 4, 5, 6""")
                .param("year", year).param("province", province)
                .query((rs, n) -> new CaseStatistics.VictimCount(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getLong(7)))
                .list();
    }

    /**
     * The rows of the de-duplicated count: distinct people, then further records of the same people (cases beyond
     * one per person); their total is the number of cases.
     */
    public static final List<String> PEOPLE = List.of("DISTINCT_PEOPLE", "FURTHER_RECORDS");

    /**
     * Cases identified in the year and the distinct people among them once confirmed links are merged
     * ({@code rpt_people_year}, see {@link ReportSummaries}): {cases, people}.
     */
    private long[] peopleIdentified(int year, String province) {
        return jdbc.sql("""
                select coalesce(sum(cases), 0), coalesce(sum(people), 0) from rpt_people_year
                where year = :year and province is not distinct from cast(:province as varchar)""")
                .param("year", year).param("province", province)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** Services delivered between two dates by funding source (rows) and type (columns): people reached. */
    public DonorReport donorReport(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw InvalidInput.of("to", "reporting.period.invalid", "Give a period whose end is not before its start.");
        }
        int k = settings.minCell();
        List<CaseStatistics.ServiceCount> delivered = cases.servicesDelivered(from, to);
        List<Count> byFunding = delivered.stream()
                .map(c -> new Count(c.fundingSource(), c.serviceType(), c.people())).toList();
        List<Count> services = delivered.stream()
                .map(c -> new Count(c.fundingSource(), c.serviceType(), c.services())).toList();
        List<Figure> figures = new ArrayList<>(List.of(
                new Figure("peopleByFundingAndService", pivot(byFunding, null, null, k)),
                new Figure("servicesByFundingAndService", pivot(services, null, null, k))));
        figures.addAll(outreachFigures(from, to, k));
        return new DonorReport(from, to, k, List.copyOf(figures));
    }

    /**
     * Outreach of the prevention module in the period by the funder of its campaign (rows) and method (columns):
     * people reached (recorded audiences) and activities held.
     */
    private List<Figure> outreachFigures(LocalDate from, LocalDate to, int k) {
        List<OutreachStatistics.Reach> reach = outreach.reachByFunder(from, to);
        List<Count> people = reach.stream().map(r -> new Count(r.funder(), r.method(), r.people())).toList();
        List<Count> activities = reach.stream().map(r -> new Count(r.funder(), r.method(), r.activities())).toList();
        return List.of(new Figure("outreachPeopleByFundingAndMethod", pivot(people, null, null, k)),
                new Figure("outreachActivitiesByFundingAndMethod", pivot(activities, null, null, k)));
    }

    /** The keys of {@code order} that occur in the counts (all of them if {@code all}), then any others. */
    private static List<String> present(List<String> order, List<Count> counts, boolean all) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String key : order) {
            if (all || counts.stream().anyMatch(c -> c.a().equals(key))) {
                keys.add(key);
            }
        }
        counts.stream().map(Count::a).forEach(keys::add);
        return List.copyOf(keys);
    }

    /** The imported CTDC files, newest first. */
    public List<CtdcDataset> ctdcDatasets() {
        return jdbc.sql("select id, file_name, layout, rows_imported, imported_at from ctdc_import "
                + "order by imported_at desc, id").query((rs, n) -> new CtdcDataset(rs.getObject(1, UUID.class),
                        rs.getString(2), rs.getString(3), rs.getInt(4), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    /** A CTDC record's form of exploitation from its flags: one form, or "otherOrSeveral". */
    private static final String CTDC_EXPLOITATION = "case when 'isForcedLabour' = any(flags) "
            + "and not 'isSexualExploit' = any(flags) and not 'isOtherExploit' = any(flags) then 'forcedLabour' "
            + "when 'isSexualExploit' = any(flags) and not 'isForcedLabour' = any(flags) "
            + "and not 'isOtherExploit' = any(flags) then 'sexualExploitation' "
            + "when 'isForcedLabour' = any(flags) or 'isSexualExploit' = any(flags) "
            + "or 'isOtherExploit' = any(flags) then 'otherOrSeveral' else '' end";

    /**
     * Victims in the CTDC data: by year and gender, by age and form of exploitation, by region of citizenship and
     * region of exploitation. Forms of exploitation are made exclusive (forced labour only, sexual exploitation
     * only, other or several, not recorded) so that the published totals add up.
     *
     * @param datasetId one imported file, or null for all
     */
    public CtdcComparison ctdcComparison(UUID datasetId) {
        Optional<CtdcDataset> dataset = datasetId == null ? Optional.empty()
                : ctdcDatasets().stream().filter(d -> d.id().equals(datasetId)).findFirst();
        String where = " where (cast(:id as uuid) is null or import_id = cast(:id as uuid)) ";
        List<Count> byYear = counts("select coalesce(year_label, '') a, coalesce(gender, '') b, count(*) n "
                + "from ctdc_victim" + where + "group by 1, 2", datasetId);
        List<Count> byAge = counts("select coalesce(age_broad, '') a, " + CTDC_EXPLOITATION + " b, count(*) n "
                + "from ctdc_victim" + where + "group by 1, 2", datasetId);
        List<Count> byRegion = new ArrayList<>();
        Hierarchy country = Hierarchies.country();
        for (Count c : counts("select coalesce(citizenship, '') a, coalesce(country_of_exploitation, '') b, "
                + "count(*) n from ctdc_victim" + where + "group by 1, 2", datasetId)) {
            byRegion.add(new Count(country.generalise(c.a(), 2), country.generalise(c.b(), 2), c.n()));
        }
        OffsetDateTime asOf = dataset.map(CtdcDataset::importedAt).orElseGet(() -> jdbc.sql(
                "select max(imported_at) from ctdc_import").query(OffsetDateTime.class).optional().orElse(null));
        int k = settings.minCell();
        List<Figure> figures = List.of(
                new Figure("yearByGender", pivot(byYear, null, GENDERS, k)),
                new Figure("ageByExploitation", pivot(byAge, null, EXPLOITATION, k)),
                new Figure("citizenshipByExploitationRegion", pivot(byRegion, null, null, k)));
        List<Figure> all = new ArrayList<>(figures);
        all.addAll(havenAgainstCtdc(byYear, byAge, k));
        return new CtdcComparison(dataset, asOf, k, List.copyOf(all));
    }

    /**
     * "Your country against the global data" alone (for the dashboard): the two comparison figures over every
     * imported CTDC record.
     */
    public List<Figure> havenAgainstCtdc() {
        String where = " where (cast(:id as uuid) is null or import_id = cast(:id as uuid)) ";
        List<Count> byGender = counts("select '' a, coalesce(gender, '') b, count(*) n from ctdc_victim" + where
                + "group by 2", null);
        List<Count> byForm = counts("select '' a, " + CTDC_EXPLOITATION + " b, count(*) n from ctdc_victim" + where
                + "group by 2", null);
        return havenAgainstCtdc(byGender, byForm, settings.minCell());
    }

    /**
     * Haven's own cases (all years, from the summaries) beside CTDC counts given with the gender / the exploitation
     * bucket in their second key. Haven records sex and CTDC gender, so women and girls are set against "Woman", men
     * and boys against "Man"; a form recorded in Haven maps to the CTDC buckets as in the export (a case with several
     * forms, or one that is neither sexual exploitation nor forced labour alone, is "otherOrSeveral").
     */
    private List<Figure> havenAgainstCtdc(List<Count> ctdcByGender, List<Count> ctdcByForm, int k) {
        summaries.asOfOrRefresh();
        List<Count> genderBeside = new ArrayList<>();
        List<Count> formBeside = new ArrayList<>();
        jdbc.sql("select sex, form, sum(cases) from rpt_victim_year group by 1, 2").query(rs -> {
            String sex = rs.getString(1);
            String form = rs.getString(2);
            long n = rs.getLong(3);
            genderBeside.add(new Count("FEMALE".equals(sex) ? "Woman" : "MALE".equals(sex) ? "Man" : NOT_RECORDED,
                    "HAVEN", n));
            formBeside.add(new Count(form == null || form.isEmpty() ? NOT_RECORDED
                    : form.equals("SEXUAL_EXPLOITATION") ? "sexualExploitation"
                    : form.equals("FORCED_LABOUR") ? "forcedLabour" : "otherOrSeveral", "HAVEN", n));
        });
        ctdcByGender.forEach(c -> genderBeside.add(new Count(c.b(), "CTDC", c.n())));
        ctdcByForm.forEach(c -> formBeside.add(new Count(c.b(), "CTDC", c.n())));
        return List.of(new Figure("genderHavenAgainstCtdc", pivot(merge(genderBeside), null, BESIDE, k)),
                new Figure("exploitationHavenAgainstCtdc", pivot(merge(formBeside), null, BESIDE, k)));
    }

    /** The two columns of the comparison figures: Haven's own cases and the imported CTDC records. */
    static final List<String> BESIDE = List.of("HAVEN", "CTDC");

    /** Counts with the same row and column added up. */
    static List<Count> merge(List<Count> counts) {
        java.util.Map<List<String>, Long> sums = new java.util.LinkedHashMap<>();
        for (Count c : counts) {
            sums.merge(List.of(c.a(), c.b()), c.n(), Long::sum);
        }
        List<Count> out = new ArrayList<>();
        sums.forEach((key, n) -> out.add(new Count(key.get(0), key.get(1), n)));
        return out;
    }

    record Count(String a, String b, long n) {
    }

    private List<Count> counts(String sql, UUID datasetId) {
        return jdbc.sql(sql).param("id", datasetId)
                .query((rs, i) -> new Count(rs.getString("a"), rs.getString("b"), rs.getLong("n"))).list();
    }

    /** Counts laid out as a two-way table: row keys, column keys and one count per cell. */
    record Pivot(List<String> rows, List<String> columns, long[][] counts) {
    }

    /** A two-way table with all margins; "not recorded" (empty) sorts last; fixed column order when given. */
    static ProtectedTable pivot(List<Count> counts, List<String> rowOrder, List<String> columnOrder, int threshold) {
        Pivot p = pivotCounts(counts, rowOrder, columnOrder);
        return ProtectedTable.twoWay(p.rows(), p.columns(), p.counts(), threshold);
    }

    /** The cells of {@link #pivot} before protection (to protect several linked tables together). */
    static Pivot pivotCounts(List<Count> counts, List<String> rowOrder, List<String> columnOrder) {
        Comparator<String> lastIfEmpty = Comparator.comparing(String::isEmpty).thenComparing(Comparator.naturalOrder());
        List<String> rows = rowOrder != null ? rowOrder
                : counts.stream().map(Count::a).distinct().sorted(lastIfEmpty).toList();
        List<String> cols;
        if (columnOrder != null) {
            LinkedHashSet<String> set = new LinkedHashSet<>(columnOrder);
            counts.stream().map(Count::b).sorted(lastIfEmpty).forEach(set::add);
            cols = List.copyOf(set);
        } else {
            cols = counts.stream().map(Count::b).distinct().sorted(lastIfEmpty).toList();
        }
        Map<String, Integer> rowIndex = new LinkedHashMap<>();
        rows.forEach(r -> rowIndex.put(r, rowIndex.size()));
        Map<String, Integer> colIndex = new LinkedHashMap<>();
        cols.forEach(c -> colIndex.put(c, colIndex.size()));
        long[][] table = new long[rows.size()][cols.size()];
        for (Count c : counts) {
            table[rowIndex.get(c.a())][colIndex.get(c.b())] += c.n();
        }
        return new Pivot(List.copyOf(rows), cols, table);
    }

    /** Adds a pivot to a set of linked tables under {@code id}. */
    static LinkedTables add(LinkedTables tables, String id, Pivot p) {
        return tables.twoWay(id, p.rows(), p.columns(), p.counts());
    }
}
