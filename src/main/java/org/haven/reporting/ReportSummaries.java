package org.haven.reporting;

import java.time.OffsetDateTime;
import java.util.Optional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.linkage.RecordLinkage;
import org.haven.prosecution.ProsecutionStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The summary tables behind the national statistics and the dashboards ({@code rpt_*}, see V650): counts
 * pre-aggregated from the case, prosecution and outreach tables, so a request reads a few thousand narrow rows
 * instead of scanning every case. Refreshed by a scheduled job (at start-up, then every
 * {@code haven.reporting.summary-refresh-ms}, default 10 minutes); pages state the time of the last refresh.
 *
 * <p>A refresh deletes and re-inserts every summary in one transaction: readers see the old figures until it
 * commits, never a mix. A transaction-level advisory lock lets only one refresh run at a time (several application
 * nodes share the database: the scheduled job skips a round when another node is refreshing).
 *
 * <p>The SQL reads the case and outreach tables directly (the read model of the reporting module, STYLE.md); it
 * reproduces the definitions of {@code CaseStatistics.victimsIdentified} and {@code servicesDelivered}, which the
 * tests compare figure by figure. Verdicts, sentences, fines and compensation come through the prosecution module's
 * counts API ({@link ProsecutionStatistics}, V667), and the de-duplicated count of people through the linkage
 * module's {@link RecordLinkage#personKeys} over confirmed links.
 */
@Service
public class ReportSummaries {

    private static final Logger log = LoggerFactory.getLogger(ReportSummaries.class);

    /** Transaction-level advisory lock key that a refresh holds ("rpt_sum"); holding it defers the scheduled one. */
    public static final long REFRESH_LOCK = 0x7270745f73756dL;

    private final JdbcClient jdbc;
    private final SummaryRefresh refreshing;

    /**
     * The refresh scans every case: over a million cases a statement takes longer than the application's 30-second
     * query timeout ({@code spring.jdbc.template.query-timeout}, {@code statement_timeout}), so the refresh uses a
     * JdbcClient without the driver-side timeout and lifts the server-side one for its own transaction only (to
     * {@link #REFRESH_TIMEOUT}). Requests keep the short timeouts.
     */
    ReportSummaries(JdbcClient jdbc, javax.sql.DataSource dataSource, ProsecutionStatistics prosecution,
            RecordLinkage linkage) {
        this.jdbc = jdbc;
        this.refreshing = new SummaryRefresh(jdbc, REFRESH_LOCK);
        this.refreshTemplate = new JdbcTemplate(dataSource);
        this.refreshTemplate.setFetchSize(10_000); // a cursor, not every row at once (the refresh is a transaction)
        this.refreshJdbc = JdbcClient.create(refreshTemplate);
        this.prosecution = prosecution;
        this.linkage = linkage;
    }

    /** The server-side statement timeout during a refresh. */
    static final String REFRESH_TIMEOUT = "30min";

    private final JdbcClient refreshJdbc;
    private final JdbcTemplate refreshTemplate;
    private final ProsecutionStatistics prosecution;
    private final RecordLinkage linkage;

    /** When the summaries were last refreshed, or empty if never. */
    @Transactional(readOnly = true)
    public Optional<OffsetDateTime> asOf() {
        return jdbc.sql("select refreshed_at from rpt_refresh where id = 1").query(OffsetDateTime.class).optional();
    }

    /**
     * When the summaries were last refreshed; builds them first if they never were (a new installation). Runs in a
     * transaction of its own, so that read-only callers can use it.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public OffsetDateTime asOfOrRefresh() {
        return refreshing.asOfOrFill(this::asOf, this::fill);
    }

    /** Refreshes every summary now, waiting for a refresh in progress elsewhere; returns the time it took in ms. */
    @Transactional
    public long refresh() {
        return refreshing.fill(this::fill);
    }

    /** The scheduled refresh; skips the round if another node (or a caller of {@link #refresh()}) is refreshing. */
    @Scheduled(fixedDelayString = "${haven.reporting.summary-refresh-ms:600000}",
            initialDelayString = "${haven.reporting.summary-initial-delay-ms:5000}")
    @Transactional
    public void scheduledRefresh() {
        long ms = refreshing.fillUnlessBusy(this::fill);
        if (ms >= 0) {
            log.info("reporting summaries refreshed in {} ms", ms);
        }
    }

    /**
     * Inserts the rows of {@code source} (columns country_code, organisation_id, province, [month,] the dimensions)
     * into {@code table} grouped per organisation and, with a null organisation, per country.
     */
    private void byOrganisationAndCountry(String table, String dimensions, String measures, String measureColumns,
            String source, boolean monthly) {
        String keys = (monthly ? "month, " : "") + "country_code, province, " + dimensions;
        refreshJdbc.sql("insert into " + table + " (" + keys + ", organisation_id, " + measureColumns + ") "
                + "select " + keys + ", organisation_id, " + measures + " from (" + source + ") x "
                + "group by grouping sets ((" + keys + ", organisation_id), (" + keys + "))").update();
    }

    private long fill() {
        long start = System.nanoTime();
        JdbcClient jdbc = refreshJdbc;
        jdbc.sql("select set_config('statement_timeout', '" + REFRESH_TIMEOUT + "', true)").query(String.class)
                .single();
        for (String table : new String[] {"rpt_victim_year", "rpt_service_year", "rpt_caseload",
                "rpt_identified_month", "rpt_service_month", "rpt_follow_up_month", "rpt_proceeding_month",
                "rpt_outreach_month", "rpt_verdict_year", "rpt_compensation_year", "rpt_people_year"}) {
            jdbc.sql("delete from " + table).update();
        }
        // Each case's organisation, province of origin and survivor's sex, once (the month summaries join it).
        jdbc.sql("""
                create temp table rpt_case on commit drop as
                select sc.id, o.country_code, sc.organisation_id, coalesce(left(s.origin_place_code, 2), '') as province,
                       s.sex, sc.status, sc.identified_on, sc.survivor_id
                from survivor_case sc join survivor s on s.id = sc.survivor_id
                join organisation o on o.id = sc.organisation_id""").update();
        jdbc.sql("analyze rpt_case").update();
        // Cases identified, with the attributes of CaseStatistics.victimsIdentified: the form of exploitation from
        // the episodes (one form, SEVERAL, or ''), the latest screening and the latest identification decision.
        jdbc.sql("""
                insert into rpt_victim_year (year, province, sex, age_band, nationality, form, definition, official,
                                             cases)
                with forms as (
                  select case_id, case when count(distinct form) > 1 then 'SEVERAL' else min(form) end as form
                  from case_episode where form is not null group by case_id),
                screening as (
                  select distinct on (case_id) case_id,
                         case outcome when 'INDICATORS_MET' then 'MEETS_DEFINITION' when 'PARTIAL' then 'PARTIAL'
                                      else 'NOT_MET' end as definition
                  from case_screening order by case_id, screened_on desc, created_at desc),
                decision as (
                  select distinct on (case_id) case_id, outcome = 'IDENTIFIED_VICTIM' as official
                  from case_identification where voided_at is null
                  order by case_id, decided_on desc, created_at desc)
                select extract(year from sc.identified_on)::int, coalesce(left(s.origin_place_code, 2), ''), s.sex,
                       case when s.birth_year is null then 'UNKNOWN'
                            when extract(year from sc.identified_on) - s.birth_year < 18 then 'CHILD'
                            else 'ADULT' end,
                       coalesce(trim(s.nationality), ''), coalesce(f.form, ''),
                       coalesce(x.definition, 'NOT_SCREENED'), coalesce(d.official, false), count(*)
                from survivor_case sc join survivor s on s.id = sc.survivor_id
                left join forms f on f.case_id = sc.id
                left join screening x on x.case_id = sc.id
                left join decision d on d.case_id = sc.id
                group by 1, 2, 3, 4, 5, 6, 7, 8""").update();
        // Services active during each year from the first service to this year (or the latest start, if later).
        jdbc.sql("""
                insert into rpt_service_year (year, service_type, funding_source, services, people)
                with years as (
                  select generate_series(min(extract(year from started_on))::int,
                                         greatest(max(extract(year from started_on))::int,
                                                  :thisYear)) as year
                  from case_service)
                select y.year, sv.service_type, coalesce(sv.funding_source, ''), count(*),
                       count(distinct sc.survivor_id)
                from years y
                join case_service sv on sv.started_on <= make_date(y.year, 12, 31)
                                    and (sv.ended_on is null or sv.ended_on >= make_date(y.year, 1, 1))
                join survivor_case sc on sc.id = sv.case_id
                group by 1, 2, 3""").param("thisYear", org.haven.shared.HavenClock.today().getYear()).update();
        // Dashboard summaries: one row group per organisation and one per country (organisation_id null).
        byOrganisationAndCountry("rpt_caseload", "status", "count(*)", "cases",
                "select country_code, organisation_id, province, status from rpt_case", false);
        byOrganisationAndCountry("rpt_identified_month", "sex", "count(*)", "cases",
                "select date_trunc('month', identified_on)::date as month, country_code, organisation_id, province, "
                        + "sex from rpt_case", true);
        byOrganisationAndCountry("rpt_service_month", "service_type", "count(*)", "services",
                "select date_trunc('month', sv.started_on)::date as month, c.country_code, c.organisation_id, "
                        + "c.province, sv.service_type from case_service sv join rpt_case c on c.id = sv.case_id",
                true);
        byOrganisationAndCountry("rpt_follow_up_month", "done", "count(*)", "follow_ups",
                "select date_trunc('month', f.due_on)::date as month, c.country_code, c.organisation_id, c.province, "
                        + "f.done_on is not null as done from case_follow_up f join rpt_case c on c.id = f.case_id",
                true);
        byOrganisationAndCountry("rpt_proceeding_month", "stage, form", "count(*)", "proceedings",
                "select date_trunc('month', p.complaint_on)::date as month, o.country_code, "
                        + "p.owner_organisation_id as organisation_id, coalesce(left(p.province_code, 2), '') as province, "
                        + "p.stage, p.exploitation_form as form "
                        + "from proceeding p join organisation o on o.id = p.owner_organisation_id", true);
        byOrganisationAndCountry("rpt_outreach_month", "method",
                "count(*), sum(female), sum(male), sum(other)", "activities, female, male, other",
                "select date_trunc('month', a.activity_date)::date as month, o.country_code, a.organisation_id, "
                        + "left(a.place_code, 2) as province, a.method, "
                        + "f_0_11 + f_12_17 + f_18_24 + f_25_59 + f_60_plus as female, "
                        + "m_0_11 + m_12_17 + m_18_24 + m_25_59 + m_60_plus as male, "
                        + "o_0_11 + o_12_17 + o_18_24 + o_25_59 + o_60_plus as other "
                        + "from outreach_activity a join organisation o on o.id = a.organisation_id", true);
        fillLawEnforcement();
        fillPeople();
        long ms = (System.nanoTime() - start) / 1_000_000;
        jdbc.sql("""
                insert into rpt_refresh (id, refreshed_at, duration_ms) values (1, now(), :ms)
                on conflict (id) do update set refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms""")
                .param("ms", ms).update();
        return ms;
    }

    /**
     * Verdicts, sentences, fines and compensation from the prosecution module's counts API (aggregated rows; the
     * prosecution tables are not read here).
     */
    private void fillLawEnforcement() {
        List<Object[]> verdicts = new ArrayList<>();
        for (ProsecutionStatistics.VerdictGroup g : prosecution.verdictGroups()) {
            verdicts.add(new Object[] {g.year(), g.countryCode(), g.provinceCode(), g.form(), g.verdict(),
                    g.sentenceBand(), g.palermoOffence(), g.fined(), g.fineCurrency(), g.defendants(),
                    g.fineAmount(), nth(g.largestFines(), 0), nth(g.largestFines(), 1)});
        }
        refreshTemplate.batchUpdate("""
                insert into rpt_verdict_year (year, country_code, province, form, verdict, sentence_band, palermo,
                  fined, fine_currency, defendants, fine_amount, fine_top1, fine_top2)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", verdicts);
        List<Object[]> orders = new ArrayList<>();
        for (ProsecutionStatistics.CompensationGroup g : prosecution.compensationGroups()) {
            orders.add(new Object[] {g.year(), g.countryCode(), g.provinceCode(), g.form(), g.paymentState(),
                    g.currency(), g.orders(), g.ordered(), g.paid(), nth(g.largestOrdered(), 0),
                    nth(g.largestOrdered(), 1), nth(g.largestPaid(), 0), nth(g.largestPaid(), 1)});
        }
        refreshTemplate.batchUpdate("""
                insert into rpt_compensation_year (year, country_code, province, form, payment, currency, orders,
                  ordered, paid, ordered_top1, ordered_top2, paid_top1, paid_top2)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", orders);
    }

    private static BigDecimal nth(List<BigDecimal> values, int i) {
        return values.size() > i ? values.get(i) : null;
    }

    /**
     * Cases identified per year (and province of origin) and the distinct people among their survivors once the
     * linkage module's confirmed links are merged: one call of {@link RecordLinkage#personKeys} per year (the
     * survivors of one year in memory at a time, read in one pass with a cursor), people counted per province and
     * over the whole year.
     */
    private void fillPeople() {
        List<Object[]> rows = new ArrayList<>();
        YearOfPeople[] current = {null};
        refreshJdbc.sql("select extract(year from identified_on)::int, survivor_id, province from rpt_case order by 1")
                .query(rs -> {
                    int year = rs.getInt(1);
                    if (current[0] == null || current[0].year != year) {
                        if (current[0] != null) {
                            current[0].count(linkage, rows);
                        }
                        current[0] = new YearOfPeople(year);
                    }
                    current[0].provinces.computeIfAbsent(rs.getObject(2, UUID.class), x -> new ArrayList<>(1))
                            .add(rs.getString(3));
                });
        if (current[0] != null) {
            current[0].count(linkage, rows);
        }
        refreshTemplate.batchUpdate("insert into rpt_people_year (year, province, cases, people) values (?, ?, ?, ?)",
                rows);
    }

    /** The survivors of the cases identified in one year, with the province of each of their cases. */
    private static final class YearOfPeople {
        final int year;
        final Map<UUID, List<String>> provinces = new HashMap<>();

        YearOfPeople(int year) {
            this.year = year;
        }

        void count(RecordLinkage linkage, List<Object[]> rows) {
            Map<UUID, UUID> keys = linkage.personKeys(provinces.keySet());
            Map<String, Set<UUID>> people = new HashMap<>();
            Map<String, long[]> cases = new HashMap<>();
            long total = 0;
            for (Map.Entry<UUID, List<String>> e : provinces.entrySet()) {
                UUID person = keys.get(e.getKey());
                for (String province : e.getValue()) {
                    people.computeIfAbsent(province, x -> new HashSet<>()).add(person);
                    cases.computeIfAbsent(province, x -> new long[1])[0]++;
                }
                total += e.getValue().size();
            }
            cases.forEach((province, n) -> rows.add(new Object[] {year, province, n[0],
                    (long) people.get(province).size()}));
            rows.add(new Object[] {year, null, total, keys.values().stream().distinct().count()});
        }
    }
}
