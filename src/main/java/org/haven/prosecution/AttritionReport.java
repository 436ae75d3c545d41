package org.haven.prosecution;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attrition analytics over all proceedings of a country (aggregates only, no record-level data, so no per-record
 * audit): a funnel from complaint to conviction for the proceedings whose complaint fell in a year, by province and
 * form of exploitation. Users who hold only aggregate permissions see small cells suppressed (see
 * {@link ProsecutionSettings#smallCellThreshold()}).
 *
 * <p>A proceeding counts at a step when its stage history ever entered that step's stage; a conviction when at least
 * one defendant was convicted; an acquittal when defendants have verdicts and none was convicted; dropped when it is
 * dropped now. The median days of a stage are taken over the proceedings that completed a stay in it (a stage
 * entered twice after a reopening counts with the sum of its stays). Reads the per-proceeding read model
 * {@code proceeding_attrition}, kept current in the transaction of each change (see {@code AttritionReadModel}).
 */
@Service
public class AttritionReport {

    private final JdbcClient jdbc;
    private final ProsecutionSettings settings;

    AttritionReport(JdbcClient jdbc, ProsecutionSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public Attrition attrition(int year, String countryCode, String provinceCode) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.REPORT_AGGREGATE) && !user.can(Permission.PROCEEDING_READ)) {
            throw new Forbidden("Your roles do not allow statistics.");
        }
        if (year < 1990 || year > 2200) {
            throw InvalidInput.of("year", "attrition.year.invalid", "Give a year such as 2025.");
        }
        String country = countryCode == null || countryCode.isBlank() ? user.countryCode() : countryCode.trim();
        String province = provinceCode == null || provinceCode.isBlank() ? null : provinceCode.trim();
        if (province != null && !province.matches("\\d{2}|[A-Z]{2}-[A-Z0-9]{1,3}")) {
            throw InvalidInput.of("province", "proceeding.province.invalid", "Give the province as its two-digit gazetteer code.");
        }
        boolean suppress = !user.can(Permission.PROCEEDING_READ);
        int k = settings.smallCellThreshold();
        // One statement over the read model (one narrow row per proceeding, see V301): the funnel per form, the
        // drop-outs per (stage, reason) and the overall funnel with the medians are three grouping sets of one scan.
        StringBuilder medians = new StringBuilder();
        for (Stage s : Stage.values()) {
            String col = "days_" + s.name().toLowerCase();
            medians.append(", percentile_cont(0.5) within group (order by ").append(col).append("), count(")
                    .append(col).append(")");
        }
        List<Object[]> rows = jdbc.sql("""
                select grouping(exploitation_form), grouping(dropped_from), exploitation_form, dropped_from, drop_reason,
                  count(*), count(*) filter (where reached_investigation), count(*) filter (where reached_arrest),
                  count(*) filter (where reached_charge), count(*) filter (where reached_trial),
                  count(*) filter (where convicted), count(*) filter (where decided and not convicted),
                  count(*) filter (where stage = 'DROPPED')""" + medians + """

                from proceeding_attrition
                where country_code = :country and complaint_year = :year
                  and (cast(:province as varchar) is null or province_code = :province)
                group by grouping sets ((exploitation_form), (dropped_from, drop_reason), ())""")
                .param("year", year).param("country", country).param("province", province)
                .query((rs, n) -> {
                    int cols = rs.getMetaData().getColumnCount();
                    Object[] r = new Object[cols];
                    for (int i = 0; i < cols; i++) {
                        r[i] = rs.getObject(i + 1);
                    }
                    return r;
                }).list();
        Map<ExploitationForm, Attrition.Funnel> byForm = new EnumMap<>(ExploitationForm.class);
        List<Object[]> dropRows = new ArrayList<>();
        int[] total = new int[8];
        Map<Stage, Double> medianDays = new EnumMap<>(Stage.class);
        for (Object[] r : rows) {
            boolean formSet = ((Number) r[0]).intValue() == 0;
            boolean dropSet = ((Number) r[1]).intValue() == 0;
            int[] c = new int[8];
            for (int i = 0; i < 8; i++) {
                c[i] = ((Number) r[5 + i]).intValue();
            }
            if (formSet) {
                byForm.put(ExploitationForm.valueOf((String) r[2]), funnel(c, suppress, k));
            } else if (dropSet) {
                if (r[3] != null && r[4] != null) {
                    dropRows.add(new Object[] {Stage.valueOf((String) r[3]), DropReason.valueOf((String) r[4]),
                            ((Number) r[5]).intValue()});
                }
            } else {
                total = c;
                int col = 13;
                for (Stage s : Stage.values()) {
                    Object median = r[col];
                    int durations = ((Number) r[col + 1]).intValue();
                    if (median != null && (!suppress || durations >= k)) {
                        medianDays.put(s, ((Number) median).doubleValue());
                    }
                    col += 2;
                }
            }
        }
        dropRows.sort(java.util.Comparator.<Object[]>comparingInt(r -> -(Integer) r[2])
                .thenComparing(r -> ((Stage) r[0]).name()).thenComparing(r -> ((DropReason) r[1]).name()));
        List<Attrition.DropOut> drops = dropRows.stream().map(r -> new Attrition.DropOut((Stage) r[0],
                (DropReason) r[1], cell((Integer) r[2], suppress, k))).toList();
        return new Attrition(year, country, province, suppress, k, funnel(total, suppress, k), drops, medianDays,
                byForm);
    }

    static Attrition.Funnel funnel(int[] c, boolean suppress, int k) {
        List<Integer> v = new ArrayList<>();
        for (int x : c) {
            v.add(cell(x, suppress, k));
        }
        return new Attrition.Funnel(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7));
    }

    static Integer cell(int count, boolean suppress, int k) {
        return suppress && count > 0 && count < k ? null : count;
    }
}
