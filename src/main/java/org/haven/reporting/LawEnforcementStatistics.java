package org.haven.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.ProsecutionStatistics;
import org.haven.reporting.disclosure.DominanceRule;
import org.haven.reporting.disclosure.LinkedTables;
import org.haven.reporting.disclosure.LinkedTables.Ref;
import org.haven.reporting.disclosure.ProtectedTable;
import org.haven.security.CurrentUser;
import org.haven.shared.web.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parts of the national statistics that the TIP report's law-enforcement section asks for beyond the attrition
 * funnel — verdicts, convictions under a Palermo-type offence against other offences, sentences by length band,
 * fines, compensation ordered and paid — and the repatriations of its protection section. Kept apart from
 * {@link Reports#national} so that the two can change independently.
 *
 * <p>Reads the summary tables of {@link ReportSummaries} ({@code rpt_verdict_year}, {@code rpt_compensation_year},
 * {@code rpt_service_year}; as of their last refresh), which the refresh fills from the prosecution module's counts API
 * ({@link ProsecutionStatistics}) and the case tables: a request reads a few hundred narrow rows.
 *
 * <p>Every count leaves as a {@link ProtectedTable}. The verdict, offence, sentence and fine tables share margins
 * (the convicted defendants per form and in all), the fines and compensation by currency share their totals with the
 * tables by form: they are protected together ({@link LinkedTables}), so a cell hidden in one cannot be recovered from
 * the others. Money leaves as {@link AmountFigure}: an amount is published only next to a published count of at least
 * the threshold and when no one or two contributions dominate it ({@link DominanceRule}).
 */
@Service
public class LawEnforcementStatistics {

    /** Verdicts and sentences: per defendant whose verdict was given in the year. */
    public static final List<String> VERDICTS = ProsecutionStatistics.VERDICTS;
    /** Convictions under an article that covers the Palermo act and purpose, against any other article. */
    public static final List<String> OFFENCES = List.of("PALERMO_OFFENCE", "OTHER_OFFENCE");
    /** One band per convicted defendant: no prison term, a suspended one, or the length of an unsuspended one. */
    public static final List<String> SENTENCE_BANDS = ProsecutionStatistics.SENTENCE_BANDS;
    public static final List<String> FINED = List.of("FINED", "NOT_FINED");
    /** Compensation orders made in the year, by what has been paid on them since. */
    public static final List<String> PAYMENT = ProsecutionStatistics.PAYMENT_STATES;

    /**
     * Money by currency: {@code counts} is a one-way protected table (rows: ISO currency codes) of how many fines or
     * orders the amounts rest on; {@code amounts} has one row per currency and one value per {@code amountColumns},
     * null wherever the count of that row is not published or the amount is dominated by one or two contributions.
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
    private final ReportSummaries summaries;
    private final DominanceRule dominance;

    LawEnforcementStatistics(JdbcClient jdbc, ReportingSettings settings, ReportSummaries summaries,
            AmountDisclosureSettings amounts) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.summaries = summaries;
        this.dominance = amounts.rule();
    }

    /** Sums by currency and the largest single contributions to them (for the dominance rule). */
    private static final class Money {
        long count;
        final BigDecimal[] sums;
        final List<List<BigDecimal>> largest = new ArrayList<>();

        Money(int columns) {
            sums = new BigDecimal[columns];
            java.util.Arrays.fill(sums, BigDecimal.ZERO);
            for (int i = 0; i < columns; i++) {
                largest.add(new ArrayList<>());
            }
        }

        void add(long n, int column, BigDecimal sum, BigDecimal top1, BigDecimal top2) {
            sums[column] = sums[column].add(sum);
            if (top1 != null) {
                largest.get(column).add(top1);
            }
            if (top2 != null) {
                largest.get(column).add(top2);
            }
        }
    }

    /**
     * The figures for a year and, optionally, a province (the proceeding's province code), over the proceedings of
     * the user's country, as of the last summary refresh.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
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
        summaries.asOfOrRefresh();
        List<Reports.Count> verdicts = new ArrayList<>();
        List<Reports.Count> offences = new ArrayList<>();
        List<Reports.Count> sentences = new ArrayList<>();
        List<Reports.Count> fines = new ArrayList<>();
        Map<String, Money> fineMoney = new TreeMap<>();
        jdbc.sql("""
                select form, verdict, sentence_band, palermo, fined, fine_currency, defendants, fine_amount,
                       fine_top1, fine_top2
                from rpt_verdict_year
                where year = :year and country_code = :country
                  and (cast(:province as varchar) is null or province = :province)""")
                .param("year", year).param("country", country).param("province", province)
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
                            Money m = fineMoney.computeIfAbsent(rs.getString(6).trim(), c -> new Money(1));
                            m.count += n;
                            m.add(n, 0, rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10));
                        }
                    }
                });
        List<Reports.Count> compensation = new ArrayList<>();
        Map<String, Money> orderMoney = new TreeMap<>();
        jdbc.sql("""
                select form, payment, currency, orders, ordered, paid, ordered_top1, ordered_top2, paid_top1, paid_top2
                from rpt_compensation_year
                where year = :year and country_code = :country
                  and (cast(:province as varchar) is null or province = :province)""")
                .param("year", year).param("country", country).param("province", province)
                .query(rs -> {
                    long n = rs.getLong(4);
                    compensation.add(new Reports.Count(rs.getString(1), rs.getString(2), n));
                    Money m = orderMoney.computeIfAbsent(rs.getString(3).trim(), c -> new Money(2));
                    m.count += n;
                    m.add(n, 0, rs.getBigDecimal(5), rs.getBigDecimal(7), rs.getBigDecimal(8));
                    m.add(n, 1, rs.getBigDecimal(6), rs.getBigDecimal(9), rs.getBigDecimal(10));
                });
        List<String> forms = new ArrayList<>();
        for (ExploitationForm f : ExploitationForm.values()) {
            forms.add(f.name());
        }
        // One protection problem: the convicted defendants of a form are a cell of the verdicts and the row total of
        // the offence, sentence and fine tables; the fined ones the total of the fines by currency; the orders by
        // form the total of the orders by currency.
        LinkedTables linked = new LinkedTables();
        Reports.add(linked, "verdictsByForm", Reports.pivotCounts(verdicts, forms, VERDICTS));
        Reports.add(linked, "convictionsByFormAndOffence", Reports.pivotCounts(offences, forms, OFFENCES));
        Reports.add(linked, "sentencesByForm", Reports.pivotCounts(sentences, forms, SENTENCE_BANDS));
        Reports.add(linked, "finesByForm", Reports.pivotCounts(fines, forms, FINED));
        Reports.add(linked, "compensationByForm", Reports.pivotCounts(compensation, forms, PAYMENT));
        linked.oneWay("finesByCurrency", List.copyOf(fineMoney.keySet()), counts(fineMoney), "FINES");
        linked.oneWay("compensationByCurrency", List.copyOf(orderMoney.keySet()), counts(orderMoney), "ORDERS");
        for (String table : List.of("convictionsByFormAndOffence", "sentencesByForm", "finesByForm")) {
            linked.sameRows(table, form -> Ref.cell("verdictsByForm", form, "CONVICTED"));
            linked.same(Ref.grandTotal(table), Ref.columnTotal("verdictsByForm", "CONVICTED"));
        }
        linked.same(Ref.columnTotal("finesByForm", "FINED"), Ref.grandTotal("finesByCurrency"));
        linked.same(Ref.grandTotal("compensationByForm"), Ref.grandTotal("compensationByCurrency"));
        Map<String, ProtectedTable> tables = linked.protect(k);
        List<Reports.Figure> law = new ArrayList<>();
        for (String id : List.of("verdictsByForm", "convictionsByFormAndOffence", "sentencesByForm", "finesByForm",
                "compensationByForm")) {
            law.add(new Reports.Figure(id, tables.get(id)));
        }
        List<AmountFigure> amounts = List.of(
                amounts("finesByCurrency", tables.get("finesByCurrency"), List.of("FINED_AMOUNT"), fineMoney, k),
                amounts("compensationByCurrency", tables.get("compensationByCurrency"),
                        List.of("ORDERED_AMOUNT", "PAID_AMOUNT"), orderMoney, k));
        // Repatriations: people who received a repatriation service active in the year, by funding source (the
        // definition of CaseStatistics.servicesDelivered, pre-aggregated per year in rpt_service_year).
        List<Reports.Count> repatriated = jdbc.sql("""
                select funding_source, sum(people) from rpt_service_year
                where year = ? and service_type = 'REPATRIATION' group by 1""").param(year)
                .query((rs, n) -> new Reports.Count(rs.getString(1), "PEOPLE", rs.getLong(2))).list();
        List<Reports.Figure> protection = List.of(
                new Reports.Figure("repatriationsByFunding", Reports.pivot(repatriated, null, List.of("PEOPLE"), k)));
        return new LawEnforcement(year, province, k, List.copyOf(law), amounts, protection);
    }

    private static long[] counts(Map<String, Money> money) {
        return money.values().stream().mapToLong(m -> m.count).toArray();
    }

    private AmountFigure amounts(String id, ProtectedTable table, List<String> amountColumns,
            Map<String, Money> money, int k) {
        List<List<BigDecimal>> amounts = new ArrayList<>();
        for (int i = 0; i < table.rowKeys().size(); i++) {
            Money m = money.get(table.rowKeys().get(i));
            boolean counted = !table.cell(i, 0).suppressed() && m.count >= k;
            List<BigDecimal> row = new ArrayList<>();
            for (int c = 0; c < amountColumns.size(); c++) {
                boolean shown = counted && !dominance.dominated(m.sums[c], m.largest.get(c));
                row.add(shown ? m.sums[c] : null);
            }
            amounts.add(java.util.Collections.unmodifiableList(row));
        }
        return new AmountFigure(id, table, amountColumns, List.copyOf(amounts));
    }
}
