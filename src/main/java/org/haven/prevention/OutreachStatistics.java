package org.haven.prevention;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aggregates over all outreach for other modules (the reporting module's donor report). Counts only, never ids,
 * places or notes; callers apply their own small-cell suppression before showing them.
 */
@Service
public class OutreachStatistics {

    /**
     * One group: the funder of the activity's campaign (empty when the activity belongs to no campaign or the campaign
     * names no funder), the method, how many activities and how many people they reached (the sum of the recorded
     * audiences: attendances, so a person at two activities counts twice).
     */
    public record Reach(String funder, String method, long activities, long people) {
    }

    private final JdbcClient jdbc;

    OutreachStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Outreach activities held between {@code from} and {@code to} inclusive, by funder and method. */
    @Transactional(readOnly = true)
    public List<Reach> reachByFunder(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select coalesce(trim(c.funder), ''), a.method, count(*), coalesce(sum(a.audience_total), 0)
                from outreach_activity a left join campaign c on c.id = a.campaign_id
                where a.activity_date between ? and ?
                group by 1, 2""")
                .params(from, to)
                .query((rs, n) -> new Reach(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }
}
