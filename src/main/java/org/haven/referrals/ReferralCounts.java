package org.haven.referrals;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Forbidden;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts of referrals for statistics (the reporting module's dashboards): numbers only, never a referral, case or
 * organisation of a referral. A referral is counted in the month it was sent (in the caller's time zone), with its
 * current status, once as {@link Direction#SENT} when the sending organisation is in scope and once as
 * {@link Direction#RECEIVED} when the receiving one is. Read live from the referral table (small: one row per
 * referral, indexed by organisation); the caller decides who may see which scope and applies disclosure control.
 */
@Service
public class ReferralCounts {

    /** The statuses a referral goes through, in order. */
    public static final List<String> STATUSES = List.of("SENT", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "DECLINED",
            "WITHDRAWN");

    public enum Direction {
        SENT, RECEIVED
    }

    /**
     * What to count: referrals sent between the first day of {@code from} and the last of {@code to} (in
     * {@code zone}), of one organisation, or of the organisations of one country ({@code organisationId} null), or of
     * every organisation (both null); {@code province} (two-digit gazetteer code, '' for not recorded, null for all)
     * is the province of origin of the case's survivor.
     */
    public record Query(UUID organisationId, String countryCode, YearMonth from, YearMonth to, String province,
            ZoneId zone) {
    }

    /** The number of referrals of one month, direction and current status. */
    public record Count(YearMonth month, Direction direction, String status, long referrals) {
    }

    private final JdbcClient jdbc;

    ReferralCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The counts by month sent, direction and current status (combinations with no referral are left out). */
    @Transactional(readOnly = true)
    public List<Count> monthly(Query q) {
        if (!CurrentUser.require().can(Permission.REPORT_AGGREGATE)) {
            throw new Forbidden("Your roles do not allow statistics.");
        }
        List<Count> counts = new ArrayList<>();
        counts.addAll(count(q, Direction.SENT, "from_org_id"));
        counts.addAll(count(q, Direction.RECEIVED, "to_org_id"));
        return counts;
    }

    private List<Count> count(Query q, Direction direction, String orgColumn) {
        String scope;
        if (q.organisationId() != null) {
            scope = " and r." + orgColumn + " = :org";
        } else if (q.countryCode() != null) {
            scope = " and r." + orgColumn + " in (select id from organisation where country_code = :country)";
        } else {
            scope = "";
        }
        String province = q.province() == null ? "" : " and exists (select 1 from survivor_case sc "
                + "join survivor s on s.id = sc.survivor_id where sc.id = r.case_id "
                + "and coalesce(left(s.origin_place_code, 2), '') = :province)";
        var spec = jdbc.sql("select to_char(r.sent_at at time zone :zone, 'YYYY-MM') m, r.status, count(*) n "
                + "from referral r where r.sent_at >= :start and r.sent_at < :end" + scope + province
                + " group by 1, 2")
                .param("zone", q.zone().getId())
                .param("start", OffsetDateTime.from(q.from().atDay(1).atStartOfDay(q.zone())))
                .param("end", OffsetDateTime.from(q.to().plusMonths(1).atDay(1).atStartOfDay(q.zone())));
        if (q.organisationId() != null) {
            spec = spec.param("org", q.organisationId());
        } else if (q.countryCode() != null) {
            spec = spec.param("country", q.countryCode());
        }
        if (q.province() != null) {
            spec = spec.param("province", q.province());
        }
        return spec.query((rs, n) -> new Count(YearMonth.parse(rs.getString("m")), direction, rs.getString("status"),
                rs.getLong("n"))).list();
    }
}
