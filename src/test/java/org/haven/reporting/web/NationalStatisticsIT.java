package org.haven.reporting.web;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.RecordEpisode;
import org.haven.cases.CaseCommands.RecordIdentification;
import org.haven.cases.CaseCommands.RecordScreening;
import org.haven.cases.CaseCommands.RecordService;
import org.haven.cases.CaseCommands.RegisterSurvivor;
import org.haven.cases.CaseCommands.SurvivorProfile;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.reporting.Reports;
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
import static org.haven.reporting.disclosure.JointAttacker.columnTotal;
import static org.haven.reporting.disclosure.JointAttacker.grand;
import static org.haven.reporting.disclosure.JointAttacker.rowTotal;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * National statistics and the donor report on cases registered through the case service for one year, each figure
 * checked against an independent SQL count over the same database, with small cells hidden unrecoverably.
 */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NationalStatisticsIT {

    static final int YEAR = 2011;

    @Autowired
    CaseManagement cases;
    @Autowired
    Reports reports;
    @Autowired
    org.haven.reporting.ReportSummaries summaries;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    CurrentUser analyst;
    CurrentUser donor;
    CurrentUser caseworker;
    final List<UUID> firstWomen = new java.util.ArrayList<>();

    @BeforeAll
    void registerCasesOfTheYear() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        UUID shelter = fixtures.organisation(OrganisationType.SHELTER);
        caseworker = fixtures.user(shelter, Role.CASEWORKER);
        analyst = fixtures.user(fixtures.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
        donor = fixtures.user(fixtures.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        SecurityFixtures.signIn(caseworker);
        try {
            for (int i = 0; i < 14; i++) { // adult women, forced labour, screened: definition met; 12 identified
                UUID id = register(i, "FEMALE", "WOMAN", 1985, "KHM");
                firstWomen.add(id);
                episode(id, "FORCED_LABOUR");
                cases.recordScreening(id, new RecordScreening(date(i + 5), 25,
                        Set.of("ACT.RECRUITMENT", "MEANS.DECEPTION", "PURPOSE.FORCED_LABOUR"), null));
                if (i < 12) {
                    cases.recordIdentification(id, new RecordIdentification("Synthetic Officer", "MOSAVY",
                            "Synthetic form", date(i + 20), "IDENTIFIED_VICTIM"));
                }
                service(id, i, "SHELTER", "Synthetic Donor A");
            }
            for (int i = 0; i < 12; i++) { // girls, sexual exploitation, screened (means not required)
                UUID id = register(20 + i, "FEMALE", "WOMAN", 2000, "KHM");
                episode(id, "SEXUAL_EXPLOITATION");
                cases.recordScreening(id, new RecordScreening(date(30 + i), 10,
                        Set.of("ACT.RECRUITMENT", "PURPOSE.SEXUAL_EXPLOITATION"), null));
                service(id, i, "PSYCHOSOCIAL", "Synthetic Donor B");
            }
            for (int i = 0; i < 3; i++) { // three men, not screened: a small cell to hide
                register(40 + i, "MALE", "MAN", 1990, "VNM");
            }
        } finally {
            SecurityFixtures.signOut();
        }
        // A second organisation registers 11 of the women again; a supervisor confirmed each pair as the same person.
        CurrentUser other = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        SecurityFixtures.signIn(other);
        try {
            for (int i = 0; i < 11; i++) {
                UUID again = register(i, "FEMALE", "WOMAN", 1985, "KHM");
                confirmSamePerson(survivorOf(firstWomen.get(i)), survivorOf(again), shelter, other.organisationId());
            }
        } finally {
            SecurityFixtures.signOut();
        }
        summaries.refresh(); // the national statistics read the summaries as of their last refresh
    }

    private UUID survivorOf(UUID caseId) {
        return jdbc.sql("select survivor_id from survivor_case where id = ?").param(caseId).query(UUID.class).single();
    }

    /** A confirmed pair in linkage's review queue (as a supervisor's decision leaves it). */
    private void confirmSamePerson(UUID a, UUID b, UUID orgA, UUID orgB) {
        boolean ordered = a.toString().compareTo(b.toString()) < 0;
        jdbc.sql("""
                insert into linkage_candidate (id, survivor_a, organisation_a, survivor_b, organisation_b, score,
                  explanation, status, decided_at, reason) values (?, ?, ?, ?, ?, 0.99, '{}'::jsonb, 'CONFIRMED', now(),
                  'Synthetic: same person')
                on conflict (survivor_a, survivor_b) do update set status = 'CONFIRMED'""")
                .params(UUID.randomUUID(), ordered ? a : b, ordered ? orgA : orgB, ordered ? b : a,
                        ordered ? orgB : orgA).update();
    }

    private static LocalDate date(int day) {
        return LocalDate.of(YEAR, 3, 1).plusDays(day);
    }

    private UUID register(int i, String sex, String gender, int birthYear, String nationality) {
        return cases.registerSurvivor(new RegisterSurvivor(CaseFixtures.identity("Test Survivor", "National " + i),
                new SurvivorProfile(sex, gender, birthYear, null, nationality, List.of("km"), "NONE", "0102"),
                date(i), "HOTLINE", "MEDIUM", null, true)).caseId();
    }

    private void episode(UUID id, String form) {
        cases.recordEpisode(id, new RecordEpisode("EXPLOITATION", date(1), date(2), "THA", null, form,
                form.equals("FORCED_LABOUR") ? "F_CONSTRUCTION" : null, Set.of(), null, null));
    }

    private void service(UUID id, int i, String type, String funding) {
        cases.recordService(id, new RecordService(type, null, "Synthetic provider", date(40 + i), null, funding, null));
    }

    @Test
    void everyFigureEqualsAnIndependentCountAndSmallCellsAreHiddenUnrecoverably() {
        SecurityFixtures.signIn(analyst);
        Reports.NationalStatistics stats;
        try {
            stats = reports.national(YEAR, null);
        } finally {
            SecurityFixtures.signOut();
        }
        assertThat(stats.threshold()).isEqualTo(11);
        Map<String, Map<String, Map<String, Long>>> expected = new HashMap<>();
        // Independent SQL: one row per case of the year with the attributes the figures are about.
        jdbc.sql("""
                select s.sex, case when s.birth_year is null then 'UNKNOWN'
                                   when 2011 - s.birth_year < 18 then 'CHILD' else 'ADULT' end,
                       coalesce(trim(s.nationality), ''),
                       coalesce((select string_agg(distinct e.form, ',') from case_episode e
                                 where e.case_id = sc.id and e.form is not null), ''),
                       (select x.outcome from case_screening x where x.case_id = sc.id
                        order by x.screened_on desc, x.created_at desc limit 1),
                       (select i.outcome from case_identification i where i.case_id = sc.id
                        order by i.decided_on desc, i.created_at desc limit 1)
                from survivor_case sc join survivor s on s.id = sc.survivor_id
                where extract(year from sc.identified_on) = 2011""").query(rs -> {
            String form = rs.getString(4).contains(",") ? "SEVERAL" : rs.getString(4);
            String screening = rs.getString(5);
            String definition = screening == null ? "NOT_SCREENED" : screening.equals("INDICATORS_MET")
                    ? "MEETS_DEFINITION" : screening.equals("PARTIAL") ? "PARTIAL" : "NOT_MET";
            String official = "IDENTIFIED_VICTIM".equals(rs.getString(6)) ? "OFFICIAL_VICTIM" : "NOT_OFFICIAL";
            add(expected, "victimsBySexAndAge", rs.getString(1), rs.getString(2), 1);
            add(expected, "victimsByFormAndSex", form, rs.getString(1), 1);
            add(expected, "victimsByNationalityAndDefinition", rs.getString(3), definition, 1);
            add(expected, "officialIdentificationByDefinition", definition, official, 1);
        });
        jdbc.sql("""
                select sv.service_type, count(distinct sc.survivor_id) from case_service sv
                join survivor_case sc on sc.id = sv.case_id
                where sv.started_on <= date '2011-12-31' and (sv.ended_on is null or sv.ended_on >= date '2011-01-01')
                group by 1""").query(rs -> {
            add(expected, "peopleByService", rs.getString(1), "PEOPLE", rs.getLong(2));
        });
        // Independent: the survivors of the year's cases, joined by confirmed links (union-find here, not linkage's).
        List<UUID> survivors = jdbc.sql("select sc.survivor_id from survivor_case sc "
                + "where extract(year from sc.identified_on) = 2011").query(UUID.class).list();
        Map<UUID, UUID> parent = new HashMap<>();
        jdbc.sql("select survivor_a, survivor_b from linkage_candidate where status = 'CONFIRMED'").query(rs -> {
            UUID x = root(parent, rs.getObject(1, UUID.class));
            UUID y = root(parent, rs.getObject(2, UUID.class));
            if (!x.equals(y)) {
                parent.put(x, y);
            }
        });
        long distinct = survivors.stream().map(id -> root(parent, id)).distinct().count();
        add(expected, "peopleDeduplicated", "DISTINCT_PEOPLE", "CASES", distinct);
        add(expected, "peopleDeduplicated", "FURTHER_RECORDS", "CASES", survivors.size() - distinct);
        assertThat(survivors.size() - distinct).as("the 11 women registered twice").isEqualTo(11);
        assertThat(expected.get("victimsBySexAndAge").get("FEMALE").get("ADULT")).isGreaterThanOrEqualTo(14);
        for (Reports.Figure f : stats.figures()) {
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
            assertThat(grand).as(f.id() + ": every counted case has a row").isEqualTo(truthGrand);
            check(t.grandTotal(), grand, f.id());
            assertThat(MarginAttacker.recover(t)).as(f.id()).isEmpty();
        }
        ProtectedTable people = stats.figures().stream().filter(f -> f.id().equals("peopleDeduplicated")).findFirst()
                .orElseThrow().table();
        assertThat(people.cell(0, 0).value()).as(describe(stats)).isEqualTo(distinct);
        assertThat(people.grandTotal().value()).isEqualTo(survivors.size());
        // All the tables about the same cases at once, with the links an outsider knows: equal grand totals, totals
        // by sex, totals by screening outcome.
        org.haven.reporting.disclosure.JointAttacker attacker = new org.haven.reporting.disclosure.JointAttacker();
        stats.figures().forEach(f -> attacker.table(f.id(), f.table()));
        for (String id : List.of("victimsByFormAndSex", "victimsByNationalityAndDefinition",
                "officialIdentificationByDefinition", "peopleDeduplicated")) {
            attacker.same(grand("victimsBySexAndAge"), grand(id));
        }
        for (String sex : List.of("FEMALE", "MALE", "INTERSEX", "UNKNOWN")) {
            attacker.same(rowTotal("victimsBySexAndAge", sex), columnTotal("victimsByFormAndSex", sex));
        }
        for (String definition : List.of("MEETS_DEFINITION", "PARTIAL", "NOT_MET", "NOT_SCREENED")) {
            attacker.same(columnTotal("victimsByNationalityAndDefinition", definition),
                    rowTotal("officialIdentificationByDefinition", definition));
        }
        assertThat(attacker.recover()).isEmpty();
        // The three men (a small cell) are hidden; the girls and the women are shown.
        ProtectedTable bySex = stats.figures().get(0).table();
        int male = bySex.rowKeys().indexOf("MALE");
        assertThat(bySex.cell(male, bySex.columnKeys().indexOf("ADULT")).suppressed()).isTrue();
        assertThat(bySex.cell(bySex.rowKeys().indexOf("FEMALE"), bySex.columnKeys().indexOf("CHILD")).value())
                .isEqualTo(expected.get("victimsBySexAndAge").get("FEMALE").get("CHILD"));
        assertThat(stats.attrition().year()).isEqualTo(YEAR);
    }

    private static String describe(Reports.NationalStatistics stats) {
        StringBuilder b = new StringBuilder();
        for (Reports.Figure f : stats.figures()) {
            ProtectedTable t = f.table();
            b.append(f.id()).append(' ').append(t.columnKeys()).append('\n');
            for (int r = 0; r < t.rowKeys().size(); r++) {
                b.append("  ").append(t.rowKeys().get(r)).append(':');
                for (int c = 0; c < t.columnKeys().size(); c++) {
                    b.append(' ').append(t.cell(r, c).status().name().charAt(0)).append(t.cell(r, c).value());
                }
                b.append(" | ").append(t.rowTotal(r).value()).append('\n');
            }
            b.append("  total:");
            for (int c = 0; c < t.columnKeys().size(); c++) {
                b.append(' ').append(t.columnTotal(c).value());
            }
            b.append(" | ").append(t.grandTotal().value()).append('\n');
        }
        return b.toString();
    }

    private static UUID root(Map<UUID, UUID> parent, UUID x) {
        while (parent.containsKey(x)) {
            x = parent.get(x);
        }
        return x;
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

    @Test
    void pagesInEnglishAndKhmerSpreadsheetPdfAndApiShowTheSameProtectedFigures() throws Exception {
        String en = mvc.perform(get("/reports/national").param("year", "2011").with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("National statistics 2011").contains("Meets the Palermo definition")
                .contains("Proceedings by form of exploitation").doesNotContain("Test Survivor");
        String km = mvc.perform(get("/reports/national").param("year", "2011").param("lang", "km")
                .with(as(analyst))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(km).contains("ស្ថិតិជាតិ ឆ្នាំ 2011").contains("បំពេញនិយមន័យប៉ាឡេម៉ូ")
                .contains("ដោយដកការស្ទួនរវាងអង្គការ");
        assertThat(en).contains("People identified, de-duplicated across organisations (confirmed links)");
        mvc.perform(get("/reports/national.xlsx").param("year", "2011").with(as(analyst)))
                .andExpect(status().isOk()).andExpect(content().contentType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        mvc.perform(get("/reports/national.pdf").param("year", "2011").with(as(analyst)))
                .andExpect(status().isOk()).andExpect(content().contentType("application/pdf"));
        String json = mvc.perform(get("/api/v1/reports/national").param("year", "2011").with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"id\":\"victimsBySexAndAge\"").contains("\"minCell\":11")
                .contains("\"id\":\"peopleDeduplicated\"").contains("\"DISTINCT_PEOPLE\"")
                .contains("\"suppressed\":true").doesNotContain("Test Survivor");
    }

    @Test
    void donorReportCountsPeopleByFundingSourceAndIsOpenToDonors() throws Exception {
        Reports.DonorReport report = reports.donorReport(LocalDate.of(YEAR, 1, 1), LocalDate.of(YEAR, 12, 31));
        ProtectedTable people = report.figures().get(0).table();
        long truth = jdbc.sql("""
                select count(distinct sc.survivor_id) from case_service sv join survivor_case sc on sc.id = sv.case_id
                where sv.funding_source = 'Synthetic Donor A' and sv.service_type = 'SHELTER'
                  and sv.started_on <= date '2011-12-31' and (sv.ended_on is null or sv.ended_on >= date '2011-01-01')""")
                .query(Long.class).single();
        assertThat(truth).isGreaterThanOrEqualTo(14);
        assertThat(people.cell(people.rowKeys().indexOf("Synthetic Donor A"), people.columnKeys().indexOf("SHELTER"))
                .value()).isEqualTo(truth);
        String page = mvc.perform(get("/reports/donor").param("from", "2011-01-01").param("to", "2011-12-31")
                .with(as(donor))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Synthetic Donor A").contains("<td>" + truth + "</td>");
        mvc.perform(get("/api/v1/reports/donor").param("from", "2011-12-31").param("to", "2011-01-01")
                .with(as(donor))).andExpect(status().isBadRequest());
    }

    @Test
    void badInputAndRolesWithoutReportPermission() throws Exception {
        mvc.perform(get("/api/v1/reports/national").param("year", "1800").with(as(analyst)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/reports/national").param("year", "2011").param("region", "Phnom Penh")
                .with(as(analyst))).andExpect(status().isBadRequest());
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        CurrentUser nobody = fixtures.user(fixtures.organisation(OrganisationType.SHELTER));
        mvc.perform(get("/reports/national").with(as(nobody))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/reports/national").param("year", "2011").with(as(nobody)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/reports/donor").with(as(nobody))).andExpect(status().isForbidden());
    }
}
