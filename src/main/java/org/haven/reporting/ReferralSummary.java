package org.haven.reporting;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.referrals.ReferralCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The referral summary of the dashboards ({@code rpt_referral_month}, V675): referrals by month sent, direction
 * ({@code OUTGOING} for the sender, {@code INCOMING} for the receiver), current status and province, per organisation
 * and per country (organisation null: the sender's country for outgoing, the receiver's for incoming). Filled from
 * the referrals module's counts-only {@link ReferralCounts#summary}, so the dashboards do not scan the referral table
 * (and join survivors for the province) on each request: with 100,000 referrals and a million survivors that live
 * count took 0.3 to 2 s. Refreshed on the schedule of {@link ReportSummaries} (its own transaction and advisory lock:
 * readers see the old or the new rows, never a mix); the dashboards state when.
 */
@Service
public class ReferralSummary {

    private static final Logger log = LoggerFactory.getLogger(ReferralSummary.class);

    /** Transaction-level advisory lock key of a refresh ("rpt_ref"). */
    static final long REFRESH_LOCK = 0x7270745f726566L;

    private final JdbcClient jdbc;
    private final SummaryRefresh refreshing;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final ReferralCounts counts;

    ReferralSummary(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, ReferralCounts counts) {
        this.jdbc = jdbc;
        this.refreshing = new SummaryRefresh(jdbc, REFRESH_LOCK);
        this.template = template;
        this.counts = counts;
    }

    /** When the summary was last refreshed, or empty if never. */
    @Transactional(readOnly = true)
    public Optional<OffsetDateTime> asOf() {
        return jdbc.sql("select refreshed_at from rpt_referral_refresh where id = 1").query(OffsetDateTime.class)
                .optional();
    }

    /** When it was last refreshed; builds it first on a new installation (in a transaction of its own). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public OffsetDateTime asOfOrRefresh() {
        return refreshing.asOfOrFill(this::asOf, this::fill);
    }

    /** Refreshes now, waiting for a refresh in progress elsewhere; returns the time it took in ms. */
    @Transactional
    public long refresh() {
        return refreshing.fill(this::fill);
    }

    /** The scheduled refresh; skips the round if another node is refreshing. */
    @Scheduled(fixedDelayString = "${haven.reporting.summary-refresh-ms:600000}",
            initialDelayString = "${haven.reporting.summary-initial-delay-ms:5000}")
    @Transactional
    public void scheduledRefresh() {
        long ms = refreshing.fillUnlessBusy(this::fill);
        if (ms >= 0) {
            log.info("referral summary refreshed in {} ms", ms);
        }
    }

    private record Key(java.time.YearMonth month, String country, UUID organisation, String province,
            String direction, String status) {
    }

    private long fill() {
        long start = System.nanoTime();
        Map<UUID, String> countries = new HashMap<>();
        jdbc.sql("select id, country_code from organisation")
                .query(rs -> {
                    countries.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        Map<Key, Long> rows = new HashMap<>();
        for (ReferralCounts.Count c : counts.summary(Reports.ZONE)) {
            String from = countries.get(c.fromOrganisationId());
            String to = countries.get(c.toOrganisationId());
            rows.merge(new Key(c.month(), from, c.fromOrganisationId(), c.province(), "OUTGOING", c.status()),
                    c.referrals(), Long::sum);
            rows.merge(new Key(c.month(), from, null, c.province(), "OUTGOING", c.status()), c.referrals(), Long::sum);
            rows.merge(new Key(c.month(), to, c.toOrganisationId(), c.province(), "INCOMING", c.status()),
                    c.referrals(), Long::sum);
            rows.merge(new Key(c.month(), to, null, c.province(), "INCOMING", c.status()), c.referrals(), Long::sum);
        }
        jdbc.sql("delete from rpt_referral_month").update();
        List<Object[]> batch = new ArrayList<>();
        rows.forEach((k, n) -> batch.add(new Object[] {k.month().atDay(1), k.country(), k.organisation(),
                k.province(), k.direction(), k.status(), n}));
        if (!batch.isEmpty()) {
            template.batchUpdate("""
                    insert into rpt_referral_month (month, country_code, organisation_id, province, direction, status,
                                                    referrals) values (?, ?, ?, ?, ?, ?, ?)""", batch);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        jdbc.sql("""
                insert into rpt_referral_refresh (id, refreshed_at, duration_ms) values (1, now(), :ms)
                on conflict (id) do update set refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms""")
                .param("ms", ms).update();
        return ms;
    }
}
