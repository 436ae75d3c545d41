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
 * dropped now.
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
        String cohort = """
                with cohort as (
                  select p.id, p.exploitation_form, p.stage, p.drop_reason, p.dropped_from
                  from proceeding p
                  where p.complaint_on >= make_date(:year, 1, 1) and p.complaint_on < make_date(:year + 1, 1, 1)
                    and p.country_code = :country and (cast(:province as varchar) is null or p.province_code = :province)
                ), reached as (
                  select c.id, c.exploitation_form, c.stage,
                    bool_or(h.stage = 'INVESTIGATION') inv, bool_or(h.stage = 'ARREST') arr,
                    bool_or(h.stage = 'CHARGE') chg, bool_or(h.stage = 'TRIAL') tri
                  from cohort c join proceeding_stage_history h on h.proceeding_id = c.id
                  group by c.id, c.exploitation_form, c.stage
                ), verdicts as (
                  select d.proceeding_id id, bool_or(d.verdict = 'CONVICTED') convicted, bool_or(d.verdict is not null) decided
                  from proceeding_defendant d where d.proceeding_id in (select id from cohort) group by d.proceeding_id
                )
                """;
        List<Object[]> rows = jdbc.sql(cohort + """
                select r.exploitation_form, count(*), count(*) filter (where inv), count(*) filter (where arr),
                  count(*) filter (where chg), count(*) filter (where tri),
                  count(*) filter (where v.convicted), count(*) filter (where v.decided and not v.convicted),
                  count(*) filter (where r.stage = 'DROPPED')
                from reached r left join verdicts v on v.id = r.id group by r.exploitation_form""")
                .param("year", year).param("country", country).param("province", province)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9)}).list();
        int[] total = new int[8];
        Map<ExploitationForm, Attrition.Funnel> byForm = new EnumMap<>(ExploitationForm.class);
        for (Object[] r : rows) {
            int[] c = new int[8];
            for (int i = 0; i < 8; i++) {
                c[i] = (Integer) r[i + 1];
                total[i] += c[i];
            }
            byForm.put(ExploitationForm.valueOf((String) r[0]), funnel(c, suppress, k));
        }
        List<Attrition.DropOut> drops = jdbc.sql(cohort + """
                select dropped_from, drop_reason, count(*) from cohort where stage = 'DROPPED'
                group by dropped_from, drop_reason order by 3 desc, 1, 2""")
                .param("year", year).param("country", country).param("province", province)
                .query((rs, n) -> new Attrition.DropOut(Stage.valueOf(rs.getString(1)),
                        DropReason.valueOf(rs.getString(2)), cell(rs.getInt(3), suppress, k))).list();
        Map<Stage, Double> medians = new EnumMap<>(Stage.class);
        jdbc.sql(cohort + """
                , stays as (
                  select h.stage, lead(h.entered_on) over (partition by h.proceeding_id order by h.id) - h.entered_on days
                  from proceeding_stage_history h where h.proceeding_id in (select id from cohort)
                )
                select stage, percentile_cont(0.5) within group (order by days), count(*) from stays
                where days is not null group by stage""")
                .param("year", year).param("country", country).param("province", province)
                .query((rs, n) -> {
                    Stage s = Stage.valueOf(rs.getString(1));
                    if (!suppress || rs.getInt(3) >= k) {
                        medians.put(s, rs.getDouble(2));
                    }
                    return s;
                }).list();
        return new Attrition(year, country, province, suppress, k, funnel(total, suppress, k), drops, medians, byForm);
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
