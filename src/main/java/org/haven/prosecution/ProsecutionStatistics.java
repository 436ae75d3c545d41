package org.haven.prosecution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts of verdicts, sentences, fines and compensation per year, country, province and form of exploitation, for
 * the national statistics that the reporting module pre-aggregates into its summary tables. Aggregated rows only:
 * no proceeding, suspect, victim or case id, no name, no date finer than the year. Each group also carries its two
 * largest single amounts (a fine, an order, what was paid on an order), without saying whose: the reporting module
 * needs them for its dominance rule (an amount dominated by one or two contributors is not published) and never
 * publishes them.
 *
 * <p>No user is checked: the reporting module calls this from its scheduled summary refresh, where there is no user,
 * and enforces aggregate-only access and small-cell suppression on what it publishes. Nothing here is survivor- or
 * suspect-level, so nothing is audited.
 */
@Service
public class ProsecutionStatistics {

    /** Verdicts counted per defendant (a defendant of a proceeding with a verdict date). */
    public static final List<String> VERDICTS = List.of("CONVICTED", "ACQUITTED", "DISMISSED");
    /** One band per convicted defendant: no prison term, a suspended one, or the length of an unsuspended one. */
    public static final List<String> SENTENCE_BANDS = List.of("NO_PRISON", "SUSPENDED", "PRISON_UNDER_1Y",
            "PRISON_1_TO_5Y", "PRISON_5_TO_10Y", "PRISON_10Y_PLUS");
    /** Compensation orders by what has been paid on them (as of now). */
    public static final List<String> PAYMENT_STATES = List.of("PAID_IN_FULL", "PAID_IN_PART", "NOT_PAID");

    /**
     * Defendants whose verdict fell in {@code year}, grouped.
     *
     * @param provinceCode   the proceeding's province code as recorded, {@code ""} when not recorded
     * @param verdict        one of {@link #VERDICTS} (or another verdict the data holds)
     * @param sentenceBand   one of {@link #SENTENCE_BANDS} for convicted defendants, {@code ""} otherwise
     * @param palermoOffence convicted under an article of the country's catalogue that covers the Palermo act and
     *                       purpose (directly, or a charge reduced to one); false when not convicted
     * @param fined          convicted with a positive fine
     * @param fineCurrency   the fine's currency when fined, {@code ""} otherwise
     * @param fineAmount     the sum of the fines of the group (zero when not fined)
     * @param largestFines   the largest one or two single fines of the group, largest first (empty when not fined)
     */
    public record VerdictGroup(int year, String countryCode, String provinceCode, String form, String verdict,
            String sentenceBand, boolean palermoOffence, boolean fined, String fineCurrency, long defendants,
            BigDecimal fineAmount, List<BigDecimal> largestFines) {
    }

    /**
     * Compensation orders made in {@code year}, grouped.
     *
     * @param paymentState   one of {@link #PAYMENT_STATES}
     * @param ordered        the sum of the amounts ordered
     * @param paid           the sum paid on them, each order's payments counted up to its amount
     * @param largestOrdered the largest one or two single orders of the group, largest first
     * @param largestPaid    the largest one or two sums paid on a single order, largest first (positive ones only)
     */
    public record CompensationGroup(int year, String countryCode, String provinceCode, String form,
            String paymentState, String currency, long orders, BigDecimal ordered, BigDecimal paid,
            List<BigDecimal> largestOrdered, List<BigDecimal> largestPaid) {
    }

    private final JdbcClient jdbc;
    private final StatuteCatalogue statutes;

    ProsecutionStatistics(JdbcClient jdbc, StatuteCatalogue statutes) {
        this.jdbc = jdbc;
        this.statutes = statutes;
    }

    /** Every year's verdict groups, over all countries (the Palermo articles of each proceeding's own country). */
    @Transactional(readOnly = true)
    public List<VerdictGroup> verdictGroups() {
        List<VerdictGroup> out = new ArrayList<>();
        for (String country : jdbc.sql("select distinct country_code from proceeding").query(String.class).list()) {
            String[] palermo = statutes.forCountry(country).stream().filter(a -> a.palermoAct() && a.palermoPurpose())
                    .map(StatuteCatalogue.Article::code).toArray(String[]::new);
            jdbc.sql("""
                    select extract(year from d.verdict_on)::int, coalesce(p.province_code, ''), p.exploitation_form,
                           d.verdict,
                           case when d.verdict <> 'CONVICTED' then ''
                                when coalesce(d.prison_months, 0) = 0 then 'NO_PRISON'
                                when d.suspended then 'SUSPENDED'
                                when d.prison_months < 12 then 'PRISON_UNDER_1Y'
                                when d.prison_months < 60 then 'PRISON_1_TO_5Y'
                                when d.prison_months < 120 then 'PRISON_5_TO_10Y'
                                else 'PRISON_10Y_PLUS' end,
                           d.verdict = 'CONVICTED' and exists (
                               select 1 from charge c where c.proceeding_id = d.proceeding_id
                               and c.suspect_id = d.suspect_id
                               and ((c.outcome = 'CONVICTED' and c.statute_code = any(:palermo))
                                    or (c.outcome = 'REDUCED' and c.reduced_to = any(:palermo)))),
                           fined, case when fined then coalesce(trim(d.fine_currency), '') else '' end,
                           count(*), coalesce(sum(d.fine_amount) filter (where fined), 0),
                           (array_agg(d.fine_amount order by d.fine_amount desc) filter (where fined))[1],
                           (array_agg(d.fine_amount order by d.fine_amount desc) filter (where fined))[2]
                    from proceeding_defendant d join proceeding p on p.id = d.proceeding_id
                    cross join lateral (select d.verdict = 'CONVICTED' and coalesce(d.fine_amount, 0) > 0 as fined) f
                    where d.verdict is not null and d.verdict_on is not null and p.country_code = :country
                    group by 1, 2, 3, 4, 5, 6, 7, 8""")
                    .param("palermo", palermo).param("country", country)
                    .query(rs -> {
                        out.add(new VerdictGroup(rs.getInt(1), country, rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getString(8),
                                rs.getLong(9), rs.getBigDecimal(10), amounts(rs, 11)));
                    });
        }
        return out;
    }

    /** Every year's compensation groups, over all countries. */
    @Transactional(readOnly = true)
    public List<CompensationGroup> compensationGroups() {
        return jdbc.sql("""
                select extract(year from c.ordered_on)::int, p.country_code, coalesce(p.province_code, ''),
                       p.exploitation_form,
                       case when pay.paid >= c.amount then 'PAID_IN_FULL' when pay.paid > 0 then 'PAID_IN_PART'
                            else 'NOT_PAID' end,
                       trim(c.currency), count(*), sum(c.amount), sum(least(pay.paid, c.amount)),
                       (array_agg(c.amount order by c.amount desc))[1],
                       (array_agg(c.amount order by c.amount desc))[2],
                       (array_agg(least(pay.paid, c.amount) order by least(pay.paid, c.amount) desc)
                            filter (where pay.paid > 0))[1],
                       (array_agg(least(pay.paid, c.amount) order by least(pay.paid, c.amount) desc)
                            filter (where pay.paid > 0))[2]
                from compensation c join proceeding p on p.id = c.proceeding_id
                cross join lateral (select coalesce(sum(x.amount), 0) paid from compensation_payment x
                                    where x.compensation_id = c.id) pay
                group by 1, 2, 3, 4, 5, 6""")
                .query((rs, n) -> new CompensationGroup(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getBigDecimal(8),
                        rs.getBigDecimal(9), amounts(rs, 10), amounts(rs, 12)))
                .list();
    }

    /** The largest and second largest amount (columns {@code first}, {@code first + 1}), those present. */
    private static List<BigDecimal> amounts(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        List<BigDecimal> out = new ArrayList<>(2);
        for (int i = first; i <= first + 1; i++) {
            BigDecimal v = rs.getBigDecimal(i);
            if (v != null) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }
}
