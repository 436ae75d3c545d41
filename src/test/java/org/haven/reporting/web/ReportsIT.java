package org.haven.reporting.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.haven.HavenIntegrationTest;
import org.haven.reporting.ReportSummaries;
import org.haven.reporting.Reports;
import org.haven.reporting.disclosure.MarginAttacker;
import org.haven.reporting.disclosure.ProtectedTable;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.haven.shared.command.HavenCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Figures of the CTDC comparison report on a constructed data set, checked against counts made in the test. */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsIT {

    static final String HEADER = "yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths,"
            + "meansDebtBondageEarnings,meansThreats,meansAbusePsyPhySex,meansFalsePromises,meansDrugsAlcohol,"
            + "meansDenyBasicNeeds,meansExcessiveWorkHours,meansWithholdDocs,isForcedLabour,isSexualExploit,"
            + "isOtherExploit,typeOfLabourAgriculture,typeOfLabourConstruction,typeOfLabourDomesticWork,"
            + "typeOfLabourHospitality,typeOfSexProstitution,typeOfSexPornography,recruiterRelationIntimatePartner,"
            + "recruiterRelationFriend,recruiterRelationFamily,recruiterRelationOther";

    /** year, gender, age, citizenship, country of exploitation, FL, SE, OTHER, how many. */
    record Spec(String year, String gender, String age, String cit, String coe, boolean fl, boolean se, boolean other,
            int n) {
        String exploitation() {
            int k = (fl ? 1 : 0) + (se ? 1 : 0) + (other ? 1 : 0);
            return k == 0 ? "" : k > 1 || other ? "otherOrSeveral" : fl ? "forcedLabour" : "sexualExploitation";
        }
    }

    static final List<Spec> SPECS = List.of(
            new Spec("2019", "Woman", "18--20", "KHM", "THA", true, false, false, 25),
            new Spec("2019", "Man", "30--38", "KHM", "MYS", true, false, false, 14),
            new Spec("2019", "Man", "30--38", "VNM", "KHM", false, true, false, 3),
            new Spec("2020", "Woman", "9--17", "KHM", "THA", false, true, false, 40),
            new Spec("2020", "Woman", "9--17", "KHM", "THA", true, false, true, 12),
            new Spec("2020", "Man", "", "", "", false, false, false, 6),
            new Spec("", "Woman", "48+", "UKR", "RUS", true, false, false, 20));

    @Autowired
    ApplicationContext context;
    @Autowired
    Reports reports;
    @Autowired
    ReportSummaries summaries;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    UUID datasetId;
    CurrentUser analyst;

    @BeforeAll
    void importConstructedDataSet(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Spec s : SPECS) {
            for (int i = 0; i < s.n(); i++) {
                csv.append(String.join(",", s.year(), s.gender(), s.age(), s.cit(), s.coe(), "", "", "", "", "", "",
                        "", "", "", s.fl() ? "1" : "", s.se() ? "1" : "", s.other() ? "1" : "", "", "", "", "", "",
                        "", "", "", "", "")).append('\n');
            }
        }
        Path file = dir.resolve("constructed-ctdc.csv");
        Files.writeString(file, csv);
        HavenCommand command = context.getBeansOfType(HavenCommand.class).values().stream()
                .filter(c -> c.name().equals("import ctdc")).findFirst().orElseThrow();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(command.run(List.of(file.toString()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err))).as(err.toString()).isZero();
        datasetId = reports.ctdcDatasets().stream().filter(d -> d.fileName().equals("constructed-ctdc.csv"))
                .findFirst().orElseThrow().id();
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        analyst = fixtures.user(fixtures.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
    }

    @Test
    void everyShownFigureEqualsTheCountOfTheConstructedDataAndSmallCellsAreHiddenUnrecoverably() {
        Reports.CtdcComparison report = reports.ctdcComparison(datasetId);
        assertThat(report.threshold()).isEqualTo(11);
        Map<String, Map<String, Long>> expectedYear = new HashMap<>();
        Map<String, Map<String, Long>> expectedAge = new HashMap<>();
        Map<String, Map<String, Long>> expectedRegion = new HashMap<>();
        Map<String, String> region = Map.of("KHM", "Asia", "THA", "Asia", "MYS", "Asia", "VNM", "Asia", "UKR",
                "Europe", "RUS", "Europe", "", "");
        for (Spec s : SPECS) {
            expectedYear.computeIfAbsent(s.year(), x -> new HashMap<>()).merge(s.gender(), (long) s.n(), Long::sum);
            expectedAge.computeIfAbsent(s.age(), x -> new HashMap<>()).merge(s.exploitation(), (long) s.n(), Long::sum);
            expectedRegion.computeIfAbsent(region.get(s.cit()), x -> new HashMap<>())
                    .merge(region.get(s.coe()), (long) s.n(), Long::sum);
        }
        Map<String, Map<String, Map<String, Long>>> expected = Map.of("yearByGender", expectedYear,
                "ageByExploitation", expectedAge, "citizenshipByExploitationRegion", expectedRegion);
        // Your country against the global data: the CTDC column is the imported records, the Haven column every
        // case of this installation by its survivor's sex and its episodes' forms, counted here from the case tables.
        summaries.refresh();
        report = reports.ctdcComparison(datasetId);
        Map<String, Map<String, Long>> expectedGender = new HashMap<>();
        Map<String, Map<String, Long>> expectedForm = new HashMap<>();
        for (Spec s : SPECS) {
            expectedGender.computeIfAbsent(s.gender(), x -> new HashMap<>()).merge("CTDC", (long) s.n(), Long::sum);
            expectedForm.computeIfAbsent(s.exploitation(), x -> new HashMap<>()).merge("CTDC", (long) s.n(), Long::sum);
        }
        jdbc.sql("""
                select case s.sex when 'FEMALE' then 'Woman' when 'MALE' then 'Man' else '' end,
                       case when f.forms is null then ''
                            when f.forms = 1 and f.form = 'SEXUAL_EXPLOITATION' then 'sexualExploitation'
                            when f.forms = 1 and f.form = 'FORCED_LABOUR' then 'forcedLabour'
                            else 'otherOrSeveral' end
                from survivor_case sc join survivor s on s.id = sc.survivor_id
                left join (select case_id, count(distinct form) forms, min(form) form from case_episode
                           where form is not null group by case_id) f on f.case_id = sc.id""").query(rs -> {
            expectedGender.computeIfAbsent(rs.getString(1), x -> new HashMap<>()).merge("HAVEN", 1L, Long::sum);
            expectedForm.computeIfAbsent(rs.getString(2), x -> new HashMap<>()).merge("HAVEN", 1L, Long::sum);
        });
        Map<String, Map<String, Map<String, Long>>> beside = Map.of("genderHavenAgainstCtdc", expectedGender,
                "exploitationHavenAgainstCtdc", expectedForm);
        assertThat(report.figures()).extracting(Reports.Figure::id).containsAll(beside.keySet());
        for (Reports.Figure f : report.figures()) {
            Map<String, Map<String, Long>> e = beside.get(f.id());
            if (e == null) {
                continue;
            }
            ProtectedTable t = f.table();
            assertThat(t.columnKeys()).containsExactly("HAVEN", "CTDC");
            assertThat(t.rowKeys()).containsExactlyInAnyOrderElementsOf(e.keySet());
            for (int r = 0; r < t.rowKeys().size(); r++) {
                for (int c = 0; c < 2; c++) {
                    check(t.cell(r, c), e.get(t.rowKeys().get(r)).getOrDefault(t.columnKeys().get(c), 0L), f.id());
                }
            }
            check(t.columnTotal(1), 120, f.id());
            assertThat(MarginAttacker.recover(t)).as(f.id()).isEmpty();
        }
        for (Reports.Figure f : report.figures()) {
            ProtectedTable t = f.table();
            Map<String, Map<String, Long>> e = expected.get(f.id());
            if (e == null) {
                continue;
            }
            assertThat(t.rowKeys()).containsExactlyInAnyOrderElementsOf(e.keySet());
            long grand = 0;
            for (int r = 0; r < t.rowKeys().size(); r++) {
                long rowSum = 0;
                for (int c = 0; c < t.columnKeys().size(); c++) {
                    long truth = e.get(t.rowKeys().get(r)).getOrDefault(t.columnKeys().get(c), 0L);
                    check(t.cell(r, c), truth, f.id());
                    rowSum += truth;
                }
                check(t.rowTotal(r), rowSum, f.id());
                grand += rowSum;
            }
            check(t.grandTotal(), grand, f.id());
            assertThat(grand).isEqualTo(120);
            assertThat(MarginAttacker.recover(t)).as(f.id()).isEmpty();
        }
        // the 6 men of 2020 are hidden, with complements; the 20 women of unknown year are shown
        ProtectedTable year = report.figures().get(0).table();
        int woman = year.columnKeys().indexOf("Woman");
        assertThat(year.cell(year.rowKeys().indexOf("2020"), year.columnKeys().indexOf("Man")).suppressed()).isTrue();
        assertThat(year.cell(year.rowKeys().indexOf(""), woman).value()).isEqualTo(20L);
        assertThat(year.suppressedCount()).isGreaterThanOrEqualTo(4);
    }

    private static void check(ProtectedTable.Cell cell, long truth, String figure) {
        if (cell.suppressed()) {
            assertThat(truth).as(figure).isPositive();
        } else {
            assertThat(cell.value()).as(figure).isEqualTo(truth);
            assertThat(truth == 0 || truth >= 11).as(figure + " shows a small count " + truth).isTrue();
        }
    }

    @Test
    void theDashboardShowsYourCountryAgainstTheGlobalDataOnceCtdcDataIsImported() throws Exception {
        summaries.refresh();
        Reports.CtdcComparison all = reports.ctdcComparison(null);
        ProtectedTable gender = all.figures().stream().filter(f -> f.id().equals("genderHavenAgainstCtdc"))
                .findFirst().orElseThrow().table();
        String en = mvc.perform(get("/reports/dashboard").with(as(analyst))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Your country against the global data", "data-figure=\"genderHavenAgainstCtdc\"",
                "data-figure=\"exploitationHavenAgainstCtdc\"", "Haven (your country)", "CTDC (global data)");
        if (!gender.grandTotal().suppressed()) {
            assertThat(en).contains("<td>" + gender.grandTotal().value() + "</td>");
        }
        String km = mvc.perform(get("/reports/dashboard").param("lang", "km").with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(km).contains("ប្រទេសរបស់អ្នកធៀបនឹងទិន្នន័យសកល", "data-figure=\"genderHavenAgainstCtdc\"");
    }

    @Test
    void thePageShowsTheSameNumbersInEnglishAndKhmerWithAnSvgChartAndNoExternalRequest() throws Exception {
        String en = mvc.perform(get("/reports").param("dataset", datasetId.toString()).with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Victims by year of registration and gender").contains("<svg")
                .contains("x = not shown").contains("Data as imported on");
        assertThat(en.replaceAll("http://www.w3.org/2000/svg", "")).doesNotContain("http://")
                .doesNotContain("https://");
        ProtectedTable year = reports.ctdcComparison(datasetId).figures().get(0).table();
        assertThat(en).contains("<td>" + year.grandTotal().value() + "</td>");
        String km = mvc.perform(get("/reports").param("dataset", datasetId.toString()).param("lang", "km")
                .with(as(analyst))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(km).contains("ជនរងគ្រោះតាមឆ្នាំចុះបញ្ជី និងភេទ").contains("ស្ត្រី")
                .contains("<td>" + year.grandTotal().value() + "</td>");
    }

    @Test
    void spreadsheetAndPdfCarryTheProtectedFigures() throws Exception {
        byte[] xlsx = mvc.perform(get("/reports/ctdc.xlsx").param("dataset", datasetId.toString()).with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        ProtectedTable year = reports.ctdcComparison(datasetId).figures().get(0).table();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            Map<String, List<String>> rows = new LinkedHashMap<>();
            for (int r = 2; r <= 2 + year.rowKeys().size(); r++) {
                List<String> cells = new ArrayList<>();
                for (Cell c : sheet.getRow(r)) {
                    cells.add(c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            ? String.valueOf((long) c.getNumericCellValue()) : c.getStringCellValue());
                }
                rows.put(cells.get(0), cells.subList(1, cells.size()));
            }
            for (int r = 0; r < year.rowKeys().size(); r++) {
                List<String> expected = new ArrayList<>();
                for (int c = 0; c < year.columnKeys().size(); c++) {
                    expected.add(ReportView.show(year.cell(r, c)));
                }
                expected.add(ReportView.show(year.rowTotal(r)));
                String label = year.rowKeys().get(r).isEmpty() ? "Not recorded" : year.rowKeys().get(r);
                assertThat(rows.get(label)).as(label).isEqualTo(expected);
            }
            assertThat(rows.get("2020").get(year.columnKeys().indexOf("Man"))).isEqualTo("x");
        }
        mvc.perform(get("/reports/ctdc.pdf").param("dataset", datasetId.toString()).with(as(analyst)))
                .andExpect(status().isOk()).andExpect(content().contentType("application/pdf"));
    }

    @Test
    void theJsonApiGivesSuppressedCellsAsNull() throws Exception {
        String json = mvc.perform(get("/api/v1/reports/ctdc-comparison").param("dataset", datasetId.toString())
                .with(as(analyst))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"value\":null,\"suppressed\":true").contains("\"minCell\":11")
                .contains("\"value\":120,\"suppressed\":false");
    }

    @Test
    void aUserWithoutReportPermissionIsRefused() throws Exception {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        CurrentUser nobody = fixtures.user(fixtures.organisation(OrganisationType.SHELTER));
        mvc.perform(get("/reports").with(as(nobody))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/reports/ctdc-comparison").with(as(nobody))).andExpect(status().isForbidden());
    }
}
