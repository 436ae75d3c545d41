package org.haven.cases;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aggregates over all cases for other modules (prevention targeting, reporting). Counts only, never ids or names;
 * callers apply their own small-cell suppression before showing them.
 */
@Service
public class CaseStatistics {

    private final JdbcClient jdbc;

    CaseStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Distinct survivors by gazetteer code of the place of recruitment, for recruitment episodes that started between
     * {@code from} and {@code to} inclusive (episodes without a start date or place code are left out), largest first.
     */
    @Transactional(readOnly = true)
    public Map<String, Long> recruitmentCountsByPlace(LocalDate from, LocalDate to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select e.place_code, count(distinct sc.survivor_id) from case_episode e
                join survivor_case sc on sc.id = e.case_id
                where e.stage = 'RECRUITMENT' and e.place_code is not null and e.started_on between ? and ?
                group by e.place_code order by 2 desc, 1""")
                .params(from, to).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }
}
