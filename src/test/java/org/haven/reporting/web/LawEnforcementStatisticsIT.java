package org.haven.reporting.web;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.RecordService;
import org.haven.cases.CaseCommands.RegisterSurvivor;
import org.haven.cases.CaseCommands.SurvivorProfile;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.reporting.LawEnforcementStatistics;
import org.haven.reporting.Reports;
import org.haven.reporting.disclosure.JointAttacker;
import org.haven.reporting.disclosure.MarginAttacker;
import org.haven.reporting.disclosure.ProtectedTable;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Verdicts, sentences, fines, compensation and repatriations of the national statistics on a constructed data set
 * (proceedings written straight into the prosecution tables, repatriations through the case service), every cell
 * checked against an independent per-record query, small cells hidden unrecoverably and small sums withheld.
 */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LawEnforcementStatisticsIT {

    static final int YEAR = 2013;
    static final String PROVINCE = "24";

    @Autowired
    LawEnforcementStatistics statistics;
    @Autowired
    CaseManagement cases;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.haven.reporting.ReportSummaries summaries;

    CurrentUser analyst;
    UUID police;

    @BeforeAll
    void constructProceedingsAndRepatriations() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        police = fixtures.organisation(OrganisationType.POLICE);
        analyst = fixtures.user(fixtures.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
        // Forced labour: 14 convicted under the trafficking article, 6 years' prison and a USD fine each;
        // 13 compensation orders of USD 2,000, 11 paid in full and 2 in part.
        UUID labour = proceeding("FORCED_LABOUR", PROVINCE);
        for (int i = 0; i < 14; i++) {
            UUID s = defendant(labour, "CONVICTED", 72, false, new BigDecimal("1000.00"), "USD");
            charge(labour, s, "KH2008-ART10", "CONVICTED", null);
            if (i < 13) {
                UUID order = compensation(labour, s, new BigDecimal("2000.00"), "USD");
                pay(order, i < 11 ? new BigDecimal("2000.00") : new BigDecimal("500.00"));
            }
        }
        // Sexual exploitation: 12 convicted under another article with a suspended term, 3 acquitted (a small cell),
        // 3 unpaid orders in USD.
        UUID sexual = proceeding("SEXUAL_EXPLOITATION", PROVINCE);
        for (int i = 0; i < 12; i++) {
            UUID s = defendant(sexual, "CONVICTED", 6, true, null, null);
            charge(sexual, s, "KH2008-ART8", "CONVICTED", null);
            if (i < 3) {
                compensation(sexual, s, new BigDecimal("1000.00"), "USD");
            }
        }
        for (int i = 0; i < 3; i++) {
            defendant(sexual, "ACQUITTED", null, null, null, null);
        }
        // Forced marriage: 2 convicted (charge reduced to the trafficking article), 12.5 years, fined in KHR: a small
        // count of fines, so the KHR fines are withheld, and the USD ones too (they would give KHR away through the
        // total number of fines, which the table by form publishes).
        UUID marriage = proceeding("FORCED_MARRIAGE", PROVINCE);
        for (int i = 0; i < 2; i++) {
            UUID s = defendant(marriage, "CONVICTED", 150, false, new BigDecimal("500000.00"), "KHR");
            charge(marriage, s, "KH2008-ART8", "REDUCED", "KH2008-ART10");
        }
        // Province 25: 12 convicted with EUR fines, one of them 100,000 and 11 of 100 (the sum is dominated by one
        // fine); 12 orders of EUR 1,000, one paid in full and one with 10 paid (the paid sum is dominated by two).
        UUID dominated = proceeding("FORCED_LABOUR", "25");
        for (int i = 0; i < 12; i++) {
            UUID s = defendant(dominated, "CONVICTED", 72, false, new BigDecimal(i == 0 ? "100000.00" : "100.00"),
                    "EUR");
            UUID order = compensation(dominated, s, new BigDecimal("1000.00"), "EUR");
            if (i < 2) {
                pay(order, new BigDecimal(i == 0 ? "1000.00" : "10.00"));
            }
        }
        // Another province and another year: must not count.
        defendant(proceeding("FORCED_LABOUR", "12"), "CONVICTED", 72, false, null, null);
        UUID lastYear = defendant(proceeding("FORCED_LABOUR", PROVINCE), "CONVICTED", 72, false, null, null);
        jdbc.sql("update proceeding_defendant set verdict_on = ? where suspect_id = ?")
                .params(LocalDate.of(YEAR - 1, 6, 1), lastYear).update();
        // Repatriations through the case service: 12 funded by one donor, 2 without a recorded funding source.
        CurrentUser caseworker = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        SecurityFixtures.signIn(caseworker);
        try {
            for (int i = 0; i < 14; i++) {
                UUID id = cases.registerSurvivor(new RegisterSurvivor(CaseFixtures.identity("Test Survivor",
                        "Repatriated " + i), new SurvivorProfile("FEMALE", "WOMAN", 1990, null, "KHM", List.of("km"),
                        "NONE", "0102"), LocalDate.of(YEAR, 2, 1), "REPATRIATION", "MEDIUM", null, true)).caseId();
                cases.recordService(id, new RecordService("REPATRIATION", null, "Synthetic provider",
                        LocalDate.of(YEAR, 3, 1 + i), LocalDate.of(YEAR, 3, 2 + i),
                        i < 12 ? "Synthetic Repatriation Fund" : null, null));
            }
        } finally {
            SecurityFixtures.signOut();
        }
        summaries.refresh(); // the figures are read from the summaries as of their last refresh
    }

    private UUID proceeding(String form, String province) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into proceeding (id, owner_organisation_id, country_code, province_code, exploitation_form, stage,
                  stage_since, complaint_on, created_by) values (?, ?, 'KH', ?, ?, 'VERDICT', ?, ?, ?)""")
                .params(id, police, province, form, LocalDate.of(YEAR, 5, 1), LocalDate.of(YEAR - 1, 3, 1),
                        UUID.randomUUID()).update();
        return id;
    }

    private UUID defendant(UUID proceeding, String verdict, Integer months, Boolean suspended, BigDecimal fine,
            String currency) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into suspect (id, owner_organisation_id, name_sealed) values (?, ?, ?)")
                .params(id, police, new byte[] {1, 2, 3}).update();
        jdbc.sql("""
                insert into proceeding_defendant (proceeding_id, suspect_id, role, verdict, verdict_on, prison_months,
                  suspended, fine_amount, fine_currency) values (?, ?, 'EXPLOITER', ?, ?, ?, ?, ?, ?)""")
                .params(proceeding, id, verdict, LocalDate.of(YEAR, 6, 1), months, suspended, fine, currency).update();
        return id;
    }

    private void charge(UUID proceeding, UUID suspect, String article, String outcome, String reducedTo) {
        jdbc.sql("insert into charge (id, proceeding_id, suspect_id, statute_code, filed_on, outcome, reduced_to) "
                + "values (?, ?, ?, ?, ?, ?, ?)").params(UUID.randomUUID(), proceeding, suspect, article,
                        LocalDate.of(YEAR, 1, 10), outcome, reducedTo).update();
    }

    private UUID compensation(UUID proceeding, UUID suspect, BigDecimal amount, String currency) {
        UUID victim = UUID.randomUUID();
        jdbc.sql("insert into proceeding_victim (id, proceeding_id, case_id, case_organisation_id, role, linked_by) "
                + "values (?, ?, ?, ?, 'VICTIM', ?)").params(victim, proceeding, UUID.randomUUID(), police,
                        UUID.randomUUID()).update();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into compensation (id, proceeding_id, victim_id, suspect_id, ordered_on, amount, currency) "
                + "values (?, ?, ?, ?, ?, ?, ?)").params(id, proceeding, victim, suspect, LocalDate.of(YEAR, 7, 1),
                        amount, currency).update();
        return id;
    }

    private void pay(UUID compensation, BigDecimal amount) {
        jdbc.sql("insert into compensation_payment (id, compensation_id, paid_on, amount) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), compensation, LocalDate.of(YEAR, 9, 1), amount).update();
    }

    private LawEnforcementStatistics.LawEnforcement compute() {
        return compute(PROVINCE);
    }

    private LawEnforcementStatistics.LawEnforcement compute(String province) {
        SecurityFixtures.signIn(analyst);
        try {
            return statistics.statistics(YEAR, province);
        } finally {
            SecurityFixtures.signOut();
        }
    }

    @Test
    void everyCountEqualsAnIndependentPerRecordQueryAndSmallCellsCannotBeRecovered() {
        LawEnforcementStatistics.LawEnforcement law = compute();
        Map<String, Map<String, Map<String, Long>>> expected = new HashMap<>();
        // Independent: one row per defendant, classified here in Java (not by the report's SQL).
        jdbc.sql("""
                select p.exploitation_form, d.verdict, d.prison_months, d.suspended, d.fine_amount,
                       (select string_agg(case when c.outcome = 'REDUCED' then c.reduced_to else c.statute_code end, ',')
                        from charge c where c.proceeding_id = d.proceeding_id and c.suspect_id = d.suspect_id
                        and c.outcome in ('CONVICTED', 'REDUCED'))
                from proceeding_defendant d join proceeding p on p.id = d.proceeding_id
                where p.country_code = 'KH' and p.province_code = '24' and extract(year from d.verdict_on) = 2013""")
                .query(rs -> {
                    String form = rs.getString(1);
                    String verdict = rs.getString(2);
                    add(expected, "verdictsByForm", form, verdict, 1);
                    if (!verdict.equals("CONVICTED")) {
                        return;
                    }
                    String articles = rs.getString(6) == null ? "" : rs.getString(6);
                    add(expected, "convictionsByFormAndOffence", form,
                            List.of(articles.split(",")).contains("KH2008-ART10") ? "PALERMO_OFFENCE" : "OTHER_OFFENCE", 1);
                    Integer months = (Integer) rs.getObject(3);
                    String band;
                    if (months == null || months == 0) {
                        band = "NO_PRISON";
                    } else if (Boolean.TRUE.equals(rs.getObject(4))) {
                        band = "SUSPENDED";
                    } else if (months < 12) {
                        band = "PRISON_UNDER_1Y";
                    } else if (months < 60) {
                        band = "PRISON_1_TO_5Y";
                    } else if (months < 120) {
                        band = "PRISON_5_TO_10Y";
                    } else {
                        band = "PRISON_10Y_PLUS";
                    }
                    add(expected, "sentencesByForm", form, band, 1);
                    BigDecimal fine = rs.getBigDecimal(5);
                    add(expected, "finesByForm", form, fine != null && fine.signum() > 0 ? "FINED" : "NOT_FINED", 1);
                });
        jdbc.sql("""
                select p.exploitation_form, c.amount,
                       (select coalesce(sum(x.amount), 0) from compensation_payment x where x.compensation_id = c.id)
                from compensation c join proceeding p on p.id = c.proceeding_id
                where p.country_code = 'KH' and p.province_code = '24' and extract(year from c.ordered_on) = 2013""")
                .query(rs -> {
                    BigDecimal paid = rs.getBigDecimal(3);
                    String state = paid.compareTo(rs.getBigDecimal(2)) >= 0 ? "PAID_IN_FULL"
                            : paid.signum() > 0 ? "PAID_IN_PART" : "NOT_PAID";
                    add(expected, "compensationByForm", rs.getString(1), state, 1);
                });
        jdbc.sql("""
                select coalesce(sv.funding_source, ''), count(distinct sc.survivor_id) from case_service sv
                join survivor_case sc on sc.id = sv.case_id where sv.service_type = 'REPATRIATION'
                  and sv.started_on <= date '2013-12-31' and (sv.ended_on is null or sv.ended_on >= date '2013-01-01')
                group by 1""").query(rs -> {
            add(expected, "repatriationsByFunding", rs.getString(1), "PEOPLE", rs.getLong(2));
        });
        assertThat(expected.get("convictionsByFormAndOffence").get("FORCED_LABOUR").get("PALERMO_OFFENCE")).isEqualTo(14);
        assertThat(expected.get("verdictsByForm").get("SEXUAL_EXPLOITATION").get("ACQUITTED")).isEqualTo(3);
        List<Reports.Figure> figures = new java.util.ArrayList<>(law.lawEnforcement());
        figures.addAll(law.protection());
        assertThat(figures).extracting(Reports.Figure::id).containsExactly("verdictsByForm",
                "convictionsByFormAndOffence", "sentencesByForm", "finesByForm", "compensationByForm",
                "repatriationsByFunding");
        for (Reports.Figure f : figures) {
            Map<String, Map<String, Long>> e = expected.getOrDefault(f.id(), Map.of());
            ProtectedTable t = f.table();
            long grand = 0;
            for (int r = 0; r < t.rowKeys().size(); r++) {
                long rowSum = 0;
                for (int c = 0; c < t.columnKeys().size(); c++) {
                    long truth = e.getOrDefault(t.rowKeys().get(r), Map.of()).getOrDefault(t.columnKeys().get(c), 0L);
                    check(t.cell(r, c), truth, f.id());
                    rowSum += truth;
                }
                check(t.rowTotal(r), rowSum, f.id());
                grand += rowSum;
            }
            long truthGrand = e.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
            assertThat(grand).as(f.id() + ": every counted record has a row").isEqualTo(truthGrand);
            check(t.grandTotal(), grand, f.id());
            assertThat(MarginAttacker.recover(t)).as(f.id()).isEmpty();
        }
        assertThat(jointAttack(law).recover()).as("all published tables together").isEmpty();
        ProtectedTable verdicts = law.lawEnforcement().get(0).table();
        assertThat(verdicts.cell(verdicts.rowKeys().indexOf("SEXUAL_EXPLOITATION"),
                verdicts.columnKeys().indexOf("ACQUITTED")).suppressed()).isTrue();
        // The convicted of a form are one number in four tables: shown in all of them or hidden in all of them.
        // (Protected one table at a time, the 14 forced-labour convictions were shown in the sentences and verdicts
        // while the fines table hid them as a complement: with its published total of 16 fines that gave the two
        // KHR fines of forced marriage away.)
        for (int r = 0; r < verdicts.rowKeys().size(); r++) {
            boolean hidden = verdicts.cell(r, verdicts.columnKeys().indexOf("CONVICTED")).suppressed();
            for (int f = 1; f <= 3; f++) {
                ProtectedTable t = law.lawEnforcement().get(f).table();
                assertThat(t.rowTotal(t.rowKeys().indexOf(verdicts.rowKeys().get(r))).suppressed())
                        .as(verdicts.rowKeys().get(r) + " in " + law.lawEnforcement().get(f).id()).isEqualTo(hidden);
            }
        }
        ProtectedTable sentences = law.lawEnforcement().get(2).table();
        ProtectedTable.Cell labour = sentences.cell(sentences.rowKeys().indexOf("FORCED_LABOUR"),
                sentences.columnKeys().indexOf("PRISON_5_TO_10Y"));
        assertThat(labour.suppressed() || labour.value() == 14).isTrue();
    }

    @Test
    void amountsEqualIndependentSumsAndSmallSumsAreWithheld() {
        LawEnforcementStatistics.LawEnforcement law = compute();
        LawEnforcementStatistics.AmountFigure fines = law.amounts().get(0);
        LawEnforcementStatistics.AmountFigure orders = law.amounts().get(1);
        assertThat(fines.id()).isEqualTo("finesByCurrency");
        BigDecimal usdFines = jdbc.sql("""
                select sum(d.fine_amount) from proceeding_defendant d join proceeding p on p.id = d.proceeding_id
                where p.country_code = 'KH' and p.province_code = '24' and d.verdict = 'CONVICTED'
                  and d.fine_currency = 'USD' and extract(year from d.verdict_on) = 2013""").query(BigDecimal.class).single();
        int usd = fines.counts().rowKeys().indexOf("USD");
        int khr = fines.counts().rowKeys().indexOf("KHR");
        assertThat(usdFines).isEqualByComparingTo(new BigDecimal("14000.00"));
        assertThat(fines.counts().cell(khr, 0).suppressed()).isTrue();
        assertThat(fines.counts().cell(usd, 0).suppressed()).as("complementary").isTrue();
        assertThat(fines.counts().columnTotal(0).value()).isEqualTo(16);
        assertThat(fines.amounts().get(khr)).containsOnlyNulls();
        assertThat(fines.amounts().get(usd)).containsOnlyNulls();
        assertThat(MarginAttacker.recover(fines.counts())).isEmpty();
        List<BigDecimal> truth = jdbc.sql("""
                select sum(c.amount), sum(least(c.amount, (select coalesce(sum(x.amount), 0) from compensation_payment x
                                                          where x.compensation_id = c.id)))
                from compensation c join proceeding p on p.id = c.proceeding_id
                where p.country_code = 'KH' and p.province_code = '24' and c.currency = 'USD'
                  and extract(year from c.ordered_on) = 2013""")
                .query((rs, n) -> List.of(rs.getBigDecimal(1), rs.getBigDecimal(2))).single();
        assertThat(orders.counts().rowKeys()).containsExactly("USD");
        assertThat(orders.counts().cell(0, 0).value()).isEqualTo(16);
        assertThat(orders.amounts().get(0).get(0)).isEqualByComparingTo(truth.get(0))
                .isEqualByComparingTo(new BigDecimal("29000.00"));
        assertThat(orders.amounts().get(0).get(1)).isEqualByComparingTo(truth.get(1))
                .isEqualByComparingTo(new BigDecimal("23000.00"));
    }

    @Test
    void pageSpreadsheetPdfAndApiCarryTheNewFiguresWithoutSmallValues() throws Exception {
        String page = mvc.perform(get("/reports/national").param("year", "2013").param("region", PROVINCE)
                .with(as(analyst))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Sentences of convicted defendants").contains("Trafficking offence (Palermo act and purpose)")
                .contains("Compensation by currency").contains("23000.00").contains("Repatriations");
        String km = mvc.perform(get("/reports/national").param("year", "2013").param("region", PROVINCE)
                .param("lang", "km").with(as(analyst))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(km).contains("ទោសរបស់ជនជាប់ចោទ").contains("ការធ្វើមាតុភូមិនិវត្តន៍");
        byte[] xlsx = mvc.perform(get("/reports/national.xlsx").param("year", "2013").param("region", PROVINCE)
                .with(as(analyst))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        StringBuilder cells = new StringBuilder();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        cells.append(cell.toString()).append('|');
                    }
                }
            }
        }
        assertThat(cells.toString()).contains("Fines by currency").contains("23000.0").contains("Prison 5 to under 10 years")
                .doesNotContain("|3.0|").doesNotContain("|2.0|");
        mvc.perform(get("/reports/national.pdf").param("year", "2013").param("region", PROVINCE).with(as(analyst)))
                .andExpect(status().isOk());
        String json = mvc.perform(get("/api/v1/reports/national").param("year", "2013").param("region", PROVINCE)
                .with(as(analyst))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"lawEnforcement\"").contains("\"id\":\"sentencesByForm\"")
                .contains("\"id\":\"compensationByCurrency\"").contains("\"id\":\"repatriationsByFunding\"")
                .contains("23000");
    }

    /**
     * An outsider with every published table and what it knows ties them: the convicted of a form are a cell of the
     * verdicts and the row total of the offence, sentence and fine tables; the fined are the fines by currency; the
     * orders by form are the orders by currency.
     */
    private static JointAttacker jointAttack(LawEnforcementStatistics.LawEnforcement law) {
        JointAttacker a = new JointAttacker();
        law.lawEnforcement().forEach(f -> a.table(f.id(), f.table()));
        law.amounts().forEach(m -> a.table(m.id(), m.counts()));
        for (String table : List.of("convictionsByFormAndOffence", "sentencesByForm", "finesByForm")) {
            for (org.haven.prosecution.ExploitationForm form : org.haven.prosecution.ExploitationForm.values()) {
                a.same(JointAttacker.cell("verdictsByForm", form.name(), "CONVICTED"),
                        JointAttacker.rowTotal(table, form.name()));
            }
            a.same(JointAttacker.columnTotal("verdictsByForm", "CONVICTED"), JointAttacker.grand(table));
        }
        a.same(JointAttacker.columnTotal("finesByForm", "FINED"), JointAttacker.grand("finesByCurrency"));
        a.same(JointAttacker.grand("compensationByForm"), JointAttacker.grand("compensationByCurrency"));
        return a;
    }

    @Test
    void anAmountDominatedByOneOrTwoContributionsIsWithheldThoughItsCountIsShown() {
        LawEnforcementStatistics.LawEnforcement law = compute("25");
        LawEnforcementStatistics.AmountFigure fines = law.amounts().get(0);
        LawEnforcementStatistics.AmountFigure orders = law.amounts().get(1);
        int eur = fines.counts().rowKeys().indexOf("EUR");
        assertThat(fines.counts().cell(eur, 0).value()).isEqualTo(12);
        assertThat(fines.amounts().get(eur)).as("100,000 of 101,100 is one fine").containsOnlyNulls();
        int ordersEur = orders.counts().rowKeys().indexOf("EUR");
        assertThat(orders.counts().cell(ordersEur, 0).value()).isEqualTo(12);
        BigDecimal ordered = jdbc.sql("""
                select sum(c.amount) from compensation c join proceeding p on p.id = c.proceeding_id
                where p.province_code = '25' and c.currency = 'EUR' and extract(year from c.ordered_on) = 2013""")
                .query(BigDecimal.class).single();
        assertThat(orders.amounts().get(ordersEur).get(0)).isEqualByComparingTo(ordered)
                .isEqualByComparingTo(new BigDecimal("12000.00"));
        assertThat(orders.amounts().get(ordersEur).get(1)).as("1,010 paid, all on two orders").isNull();
        assertThat(jointAttack(law).recover()).isEmpty();
    }

    private static void add(Map<String, Map<String, Map<String, Long>>> expected, String figure, String row,
            String column, long n) {
        expected.computeIfAbsent(figure, x -> new HashMap<>()).computeIfAbsent(row, x -> new HashMap<>())
                .merge(column, n, Long::sum);
    }

    private static void check(ProtectedTable.Cell cell, long truth, String figure) {
        if (cell.suppressed()) {
            assertThat(truth).as(figure).isPositive();
        } else {
            assertThat(cell.value()).as(figure).isEqualTo(truth);
            assertThat(truth == 0 || truth >= 11).as(figure + " shows a small count " + truth).isTrue();
        }
    }
}
