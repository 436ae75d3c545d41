package org.haven.referrals;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts of referrals for statistics (the reporting module's dashboard summaries): numbers only, never a referral,
 * a case or a survivor; grouped by month sent, sending and receiving organisation, province of origin of the case's
 * survivor and current status.
 */
@Service
public class ReferralCounts {

    /** The statuses a referral goes through, in order. */
    public static final List<String> STATUSES = List.of("SENT", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "DECLINED",
            "WITHDRAWN");

    /**
     * The number of referrals sent in one month (in the caller's time zone) from one organisation to another, with
     * one current status, of cases whose survivor comes from one province (two-digit gazetteer code, '' when not
     * recorded).
     */
    public record Count(YearMonth month, UUID fromOrganisationId, UUID toOrganisationId, String province,
            String status, long referrals) {
    }

    private final JdbcClient jdbc;

    ReferralCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every referral counted by month sent, sender, receiver, province of origin and current status (combinations
     * with no referral left out): for summaries refreshed in the background, hence no signed-in user is needed; the
     * caller decides who sees which organisations' figures and applies disclosure control.
     */
    @Transactional(readOnly = true)
    public List<Count> summary(ZoneId zone) {
        return jdbc.sql("""
                select to_char(r.sent_at at time zone :zone, 'YYYY-MM') m, r.from_org_id, r.to_org_id,
                       coalesce(left(s.origin_place_code, 2), '') province, r.status, count(*) n
                from referral r join survivor_case sc on sc.id = r.case_id join survivor s on s.id = sc.survivor_id
                group by 1, 2, 3, 4, 5""")
                .param("zone", zone.getId())
                .query((rs, n) -> new Count(YearMonth.parse(rs.getString(1)), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getLong(6)))
                .list();
    }
}
