package org.haven.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.haven.cases.CaseStatistics;
import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.StatuteCatalogue;
import org.haven.reporting.disclosure.ProtectedTable;
import org.haven.security.CurrentUser;
import org.haven.shared.web.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parts of the national statistics that the TIP report's law-enforcement section asks for beyond the attrition
 * funnel — verdicts, convictions under a Palermo-type offence against other offences, sentences by length band,
 * fines, compensation ordered and paid — and the repatriations of its protection section. Kept apart from
 * {@link Reports#national} so that the two can change (for example move to summary tables) independently.
 *
 * <p>Every count leaves as a {@link ProtectedTable} (small cells suppressed with complementary suppression). Money
 * leaves as {@link AmountFigure}: an amount is published only next to a published count of at least the threshold,
 * so a sum over fewer than {@code min-cell} people is never shown.
 *
 * <p>Known wart: the prosecution module publishes no aggregate API for sentences and compensation, so this class
 * reads its tables ({@code proceeding}, {@code proceeding_defendant}, {@code charge}, {@code compensation},
 * {@code compensation_payment}) read-only, counting only. Once prosecution publishes such an API, this SQL moves there.
 */
@Service
public class LawEnforcementStatistics {

    /** Verdicts and sentences: per defendant whose verdict was given in the year. */
    public static final List<String> VERDICTS = List.of("CONVICTED", "ACQUITTED", "DISMISSED");
    /** Convictions under an article that covers the Palermo act and purpose, against any other article. */
    public static final List<String> OFFENCES = List.of("PALERMO_OFFENCE", "OTHER_OFFENCE");
    /** One band per convicted defendant: no prison term, a suspended one, or the length of an unsuspended one. */
    public static final List<String> SENTENCE_BANDS = List.of("NO_PRISON", "SUSPENDED", "PRISON_UNDER_1Y",
            "PRISON_1_TO_5Y", "PRISON_5_TO_10Y", "PRISON_10Y_PLUS");
    public static final List<String> FINED = List.of("FINED", "NOT_FINED");
    /** Compensation orders made in the year, by what has been paid on them since. */
    public static final List<String> PAYMENT = List.of("PAID_IN_FULL", "PAID_IN_PART", "NOT_PAID");

    /**
     * Money by currency: {@code counts} is a one-way protected table (rows: ISO currency codes) of how many fines or
     * orders the amounts rest on; {@code amounts} has one row per currency and one value per {@code amountColumns},
     * null wherever the count of that row is not published.
     */
    public record AmountFigure(String id, ProtectedTable counts, List<String> amountColumns,
            List<List<BigDecimal>> amounts) {
    }

    /**
     * @param lawEnforcement verdicts, convictions by offence, sentences and fines (defendants whose verdict fell in
     *                       the year), compensation orders made in the year by payment state
     * @param amounts        fines and compensation amounts by currency
     * @param protection     repatriations (people who received a repatriation service in the year)
     */
    public record LawEnforcement(int year, String region, int threshold, List<Reports.Figure> lawEnforcement,
            List<AmountFigure> amounts, List<Reports.Figure> protection) {
    }

    private final JdbcClient jdbc;
    private final ReportingSettings settings;
    private final CaseStatistics cases;
    private final StatuteCatalogue statutes;

    LawEnforcementStatistics(JdbcClient jdbc, ReportingSettings settings, CaseStatistics cases,
            StatuteCatalogue statutes) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.cases = cases;
        this.statutes = statutes;
    }

    /**
     * The figures for a year and, optionally, a province (two-digit gazetteer code of the proceeding), over the
     * proceedings of the user's country.
     */
    @Transactional(readOnly = true)
    public LawEnforcement statistics(int year, String region) {
        if (year < 1990 || year > 2200) {
            throw InvalidInput.of("year", "reporting.year.invalid", "Give a year such as 2025.");
        }
        String province = region == null || region.isBlank() ? null : region.trim();
        if (province != null && !province.matches("\\d{2}")) {
            throw InvalidInput.of("region", "reporting.region.invalid",
                    "Give the province as its two-digit gazetteer code.");
        }
        String country = CurrentUser.require().countryCode();
        int k = settings.minCell();
        String[] palermo = palermoArticles(country);
        List<Reports.Count> verdicts = new ArrayList<>();
        List<Reports.Count> offences = new ArrayList<>();
        List<Reports.Count> sentences = new ArrayList<>();
        List<Reports.Count> fines = new ArrayList<>();
        Map<String, long[]> fineCounts = new LinkedHashMap<>();
        Map<String, BigDecimal[]> fineAmounts = new LinkedHashMap<>();
        jdbc.sql("""
                select p.exploitation_form, d.verdict,
                       case when d.verdict <> 'CONVICTED' then null
                            when coalesce(d.prison_months, 0) = 0 then 'NO_PRISON'
                            when d.suspended then 'SUSPENDED'
                            when d.prison_months < 12 then 'PRISON_UNDER_1Y'
                            when d.prison_months < 60 then 'PRISON_1_TO_5Y'
                            when d.prison_months < 120 then 'PRISON_5_TO_10Y'
                            else 'PRISON_10Y_PLUS' end,
                       exists (select 1 from charge c where c.proceeding_id = d.proceeding_id
                               and c.suspect_id = d.suspect_id
                               and ((c.outcome = 'CONVICTED' and c.statute_code = any(:palermo))
                                    or (c.outcome = 'REDUCED' and c.reduced_to = any(:palermo)))),
                       d.fine_amount is not null and d.fine_amount > 0, coalesce(d.fine_currency, ''),
                       count(*), coalesce(sum(d.fine_amount), 0)
                from proceeding_defendant d join proceeding p on p.id = d.proceeding_id
                where d.verdict is not null
                  and d.verdict_on >= make_date(:year, 1, 1) and d.verdict_on < make_date(:year + 1, 1, 1)
                  and p.country_code = :country
                  and (cast(:province as varchar) is null or p.province_code = :province)
                group by 1, 2, 3, 4, 5, 6""")
                .param("palermo", palermo).param("year", year).param("country", country)
                .param("province", province)
                .query(rs -> {
                    String form = rs.getString(1);
                    String verdict = rs.getString(2);
                    long n = rs.getLong(7);
                    verdicts.add(new Reports.Count(form, verdict, n));
                    if ("CONVICTED".equals(verdict)) {
                        offences.add(new Reports.Count(form, rs.getBoolean(4) ? "PALERMO_OFFENCE" : "OTHER_OFFENCE", n));
                        sentences.add(new Reports.Count(form, rs.getString(3), n));
                        boolean fined = rs.getBoolean(5);
                        fines.add(new Reports.Count(form, fined ? "FINED" : "NOT_FINED", n));
                        if (fined) {
                            String currency = rs.getString(6).trim();
                            fineCounts.computeIfAbsent(currency, c -> new long[1])[0] += n;
                            BigDecimal[] sum = fineAmounts.computeIfAbsent(currency,
                                    c -> new BigDecimal[] {BigDecimal.ZERO});
                            sum[0] = sum[0].add(rs.getBigDecimal(8));
                        }
                    }
                });
        List<Reports.Count> compensation = new ArrayList<>();
        Map<String, long[]> orderCounts = new LinkedHashMap<>();
        Map<String, BigDecimal[]> orderAmounts = new LinkedHashMap<>();
        jdbc.sql("""
                select p.exploitation_form,
                       case when paid >= c.amount then 'PAID_IN_FULL' when paid > 0 then 'PAID_IN_PART'
                            else 'NOT_PAID' end,
                       c.currency, count(*), sum(c.amount), sum(least(paid, c.amount))
                from compensation c join proceeding p on p.id = c.proceeding_id
                cross join lateral (select coalesce(sum(x.amount), 0) paid from compensation_payment x
                                    where x.compensation_id = c.id) pay
                where c.ordered_on >= make_date(:year, 1, 1) and c.ordered_on < make_date(:year + 1, 1, 1)
                  and p.country_code = :country
                  and (cast(:province as varchar) is null or p.province_code = :province)
                group by 1, 2, 3""")
                .param("year", year).param("country", country).param("province", province)
                .query(rs -> {
                    long n = rs.getLong(4);
                    compensation.add(new Reports.Count(rs.getString(1), rs.getString(2), n));
                    String currency = rs.getString(3).trim();
                    orderCounts.computeIfAbsent(currency, c -> new long[1])[0] += n;
                    BigDecimal[] sums = orderAmounts.computeIfAbsent(currency,
                            c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    sums[0] = sums[0].add(rs.getBigDecimal(5));
                    sums[1] = sums[1].add(rs.getBigDecimal(6));
                });
        List<String> forms = new ArrayList<>();
        for (ExploitationForm f : ExploitationForm.values()) {
            forms.add(f.name());
        }
        List<Reports.Figure> law = List.of(
                new Reports.Figure("verdictsByForm", Reports.pivot(verdicts, forms, VERDICTS, k)),
                new Reports.Figure("convictionsByFormAndOffence", Reports.pivot(offences, forms, OFFENCES, k)),
                new Reports.Figure("sentencesByForm", Reports.pivot(sentences, forms, SENTENCE_BANDS, k)),
                new Reports.Figure("finesByForm", Reports.pivot(fines, forms, FINED, k)),
                new Reports.Figure("compensationByForm", Reports.pivot(compensation, forms, PAYMENT, k)));
        List<AmountFigure> amounts = List.of(
                amounts("finesByCurrency", "FINES", fineCounts, List.of("FINED_AMOUNT"), fineAmounts, k),
                amounts("compensationByCurrency", "ORDERS", orderCounts, List.of("ORDERED_AMOUNT", "PAID_AMOUNT"),
                        orderAmounts, k));
        List<Reports.Count> repatriated = cases.servicesDelivered(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
                .stream().filter(s -> s.serviceType().equals("REPATRIATION"))
                .map(s -> new Reports.Count(s.fundingSource(), "PEOPLE", s.people())).toList();
        List<Reports.Figure> protection = List.of(
                new Reports.Figure("repatriationsByFunding", Reports.pivot(repatriated, null, List.of("PEOPLE"), k)));
        return new LawEnforcement(year, province, k, law, amounts, protection);
    }

    /** Articles of the country's catalogue that cover both the Palermo act and purpose: trafficking offences. */
    private String[] palermoArticles(String country) {
        return statutes.forCountry(country).stream().filter(a -> a.palermoAct() && a.palermoPurpose())
                .map(StatuteCatalogue.Article::code).toArray(String[]::new);
    }

    private static AmountFigure amounts(String id, String countColumn, Map<String, long[]> counts,
            List<String> amountColumns, Map<String, BigDecimal[]> sums, int k) {
        List<String> currencies = counts.keySet().stream().sorted().toList();
        long[] n = new long[currencies.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = counts.get(currencies.get(i))[0];
        }
        ProtectedTable table = ProtectedTable.oneWay(currencies, n, countColumn, k);
        List<List<BigDecimal>> amounts = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            List<BigDecimal> row = new ArrayList<>();
            boolean shown = !table.cell(i, 0).suppressed() && n[i] >= k;
            for (int c = 0; c < amountColumns.size(); c++) {
                row.add(shown ? sums.get(currencies.get(i))[c] : null);
            }
            amounts.add(java.util.Collections.unmodifiableList(row));
        }
        return new AmountFigure(id, table, amountColumns, List.copyOf(amounts));
    }
}
