package org.haven.prosecution;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.security.Role;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Official complicity: how many proceedings, and how many distinct suspects in them, involve a complicit official — a
 * defendant whose role in the scheme is {@link Suspect.SchemeRole#FACILITATING_OFFICIAL} or whose suspect record is
 * flagged {@code official} — by year of complaint, province and form of exploitation, with a total per year and an
 * overall total (a suspect in several proceedings counts once in each total). Aggregates only (no per-record audit).
 * For people who work on proceedings (police, prosecutors, legal officers: exact counts) and data analysts (small
 * cells suppressed as in {@link AttritionReport}); other roles are refused, since the figures point at agencies.
 */
@Service
public class ComplicityReport {

    /** One cell; {@code provinceCode} and {@code form} are null on the total rows. Counts null when suppressed. */
    public record Row(int year, String provinceCode, ExploitationForm form, Integer proceedings, Integer suspects) {
    }

    public record Complicity(int fromYear, int toYear, String countryCode, boolean suppressed, int threshold,
            List<Row> cells, List<Row> years, Integer proceedings, Integer suspects) {
    }

    private final JdbcClient jdbc;
    private final ProsecutionSettings settings;
    private final Clock clock;

    ComplicityReport(JdbcClient jdbc, ProsecutionSettings settings, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock.getIfAvailable(org.haven.shared.HavenClock::clock);
    }

    /** May this user see the report? (Pages use it to show the navigation entry.) */
    public static boolean allowed(CurrentUser user) {
        return user.can(Permission.PROCEEDING_READ) || user.hasRole(Role.DATA_ANALYST);
    }

    @Transactional(readOnly = true)
    public Complicity complicity(Integer fromYear, Integer toYear, String countryCode) {
        CurrentUser user = CurrentUser.require();
        if (!allowed(user)) {
            throw new Forbidden("Your roles do not allow the official-complicity report.");
        }
        int to = toYear == null ? LocalDate.now(clock).getYear() : toYear;
        int from = fromYear == null ? to - 4 : fromYear;
        if (from < 1990 || to > 2200 || from > to || to - from > 30) {
            throw InvalidInput.of("fromYear", "complicity.years.invalid",
                    "Give a range of years such as 2021 to 2025 (at most 30 years).");
        }
        String country = countryCode == null || countryCode.isBlank() ? user.countryCode() : countryCode.trim();
        if (!country.matches("[A-Z]{2}")) {
            throw InvalidInput.of("country", "proceeding.country.invalid", "Give the country as a two-letter ISO code.");
        }
        boolean suppress = !user.can(Permission.PROCEEDING_READ);
        int k = settings.smallCellThreshold();
        record Raw(int level, Integer year, String province, String form, int proceedings, int suspects) {
        }
        List<Raw> raw = jdbc.sql("""
                select grouping(c.yr, c.province_code, c.exploitation_form), c.yr, c.province_code, c.exploitation_form,
                  count(distinct c.proceeding_id), count(distinct c.suspect_id)
                from (select extract(year from p.complaint_on)::integer yr, p.province_code, p.exploitation_form,
                        p.id proceeding_id, d.suspect_id
                      from proceeding p
                      join proceeding_defendant d on d.proceeding_id = p.id
                      join suspect s on s.id = d.suspect_id
                      where p.country_code = :country
                        and p.complaint_on >= make_date(:from, 1, 1) and p.complaint_on < make_date(:to + 1, 1, 1)
                        and (d.role = 'FACILITATING_OFFICIAL' or s.official)) c
                group by grouping sets ((c.yr, c.province_code, c.exploitation_form), (c.yr), ())
                order by 1, 2, 3 nulls first, 4""")
                .param("country", country).param("from", from).param("to", to)
                .query((rs, n) -> new Raw(rs.getInt(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6))).list();
        List<Row> cells = new ArrayList<>();
        List<Row> years = new ArrayList<>();
        Integer proceedings = 0;
        Integer suspects = 0;
        for (Raw r : raw) {
            // grouping() bits: 0 = a (year, province, form) cell; 3 = a year total; 7 = the overall total
            if (r.level() == 0) {
                cells.add(new Row(r.year(), r.province(), ExploitationForm.valueOf(r.form()),
                        AttritionReport.cell(r.proceedings(), suppress, k), AttritionReport.cell(r.suspects(), suppress, k)));
            } else if (r.level() == 3) {
                years.add(new Row(r.year(), null, null, AttritionReport.cell(r.proceedings(), suppress, k),
                        AttritionReport.cell(r.suspects(), suppress, k)));
            } else {
                proceedings = AttritionReport.cell(r.proceedings(), suppress, k);
                suspects = AttritionReport.cell(r.suspects(), suppress, k);
            }
        }
        return new Complicity(from, to, country, suppress, k, cells, years, proceedings, suspects);
    }
}
