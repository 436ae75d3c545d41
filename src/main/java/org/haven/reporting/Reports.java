package org.haven.reporting;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.reporting.anonymity.Hierarchies;
import org.haven.reporting.anonymity.Hierarchy;
import org.haven.reporting.disclosure.ProtectedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Aggregate reports. Every figure leaves this class as a {@link ProtectedTable}: small cells suppressed at
 * {@code haven.reporting.min-cell} with complementary suppression over the margins that are published with it, so
 * pages, downloads and the API for aggregate-only roles can only show disclosure-controlled numbers.
 *
 * <p>Today: the CTDC comparison data (imported with {@code import ctdc}). National statistics, dashboards and donor
 * reports over case, prosecution and outreach data follow when those modules publish their aggregate APIs.
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

    static final String NOT_RECORDED = "";
    static final List<String> GENDERS = List.of("Woman", "Man", "Trans/Transgender/NonConforming", NOT_RECORDED);
    static final List<String> EXPLOITATION = List.of("forcedLabour", "sexualExploitation", "otherOrSeveral",
            NOT_RECORDED);

    private final JdbcClient jdbc;
    private final ReportingSettings settings;

    Reports(JdbcClient jdbc, ReportingSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The imported CTDC files, newest first. */
    public List<CtdcDataset> ctdcDatasets() {
        return jdbc.sql("select id, file_name, layout, rows_imported, imported_at from ctdc_import "
                + "order by imported_at desc, id").query((rs, n) -> new CtdcDataset(rs.getObject(1, UUID.class),
                        rs.getString(2), rs.getString(3), rs.getInt(4), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

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
        String exploitation = "case when 'isForcedLabour' = any(flags) and not 'isSexualExploit' = any(flags) "
                + "and not 'isOtherExploit' = any(flags) then 'forcedLabour' "
                + "when 'isSexualExploit' = any(flags) and not 'isForcedLabour' = any(flags) "
                + "and not 'isOtherExploit' = any(flags) then 'sexualExploitation' "
                + "when 'isForcedLabour' = any(flags) or 'isSexualExploit' = any(flags) "
                + "or 'isOtherExploit' = any(flags) then 'otherOrSeveral' else '' end";
        List<Count> byYear = counts("select coalesce(year_label, '') a, coalesce(gender, '') b, count(*) n "
                + "from ctdc_victim" + where + "group by 1, 2", datasetId);
        List<Count> byAge = counts("select coalesce(age_broad, '') a, " + exploitation + " b, count(*) n "
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
        return new CtdcComparison(dataset, asOf, k, figures);
    }

    record Count(String a, String b, long n) {
    }

    private List<Count> counts(String sql, UUID datasetId) {
        return jdbc.sql(sql).param("id", datasetId)
                .query((rs, i) -> new Count(rs.getString("a"), rs.getString("b"), rs.getLong("n"))).list();
    }

    /** A two-way table with all margins; "not recorded" (empty) sorts last; fixed column order when given. */
    static ProtectedTable pivot(List<Count> counts, List<String> rowOrder, List<String> columnOrder, int threshold) {
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
        if (rows.isEmpty()) {
            return ProtectedTable.twoWay(List.of(), cols, new long[0][], threshold);
        }
        return ProtectedTable.twoWay(rows, cols, table, threshold);
    }
}
