package org.haven.reporting.web;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
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
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The donor report's outreach figures (people reached and activities by the funder of their campaign and method) on
 * a constructed set of activities, each cell checked against an independent query that adds up the audience columns
 * itself, with small cells hidden unrecoverably.
 */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DonorOutreachIT {

    static final LocalDate FROM = LocalDate.of(2014, 1, 1);
    static final LocalDate TO = LocalDate.of(2014, 12, 31);

    @Autowired
    Reports reports;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    CurrentUser donor;

    @BeforeAll
    void constructOutreach() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        UUID ngo = fixtures.organisation(OrganisationType.PREVENTION_NGO);
        CurrentUser officer = fixtures.user(ngo, Role.PREVENTION_OFFICER);
        donor = fixtures.user(fixtures.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        UUID funded = campaign(ngo, officer, "Synthetic Outreach Fund");
        UUID unfunded = campaign(ngo, officer, null);
        for (int i = 0; i < 12; i++) { // 12 drama performances, 20 young women and 5 boys each
            activity(ngo, officer, funded, "DRAMA", FROM.plusDays(10 + i), 20, 5);
        }
        for (int i = 0; i < 3; i++) { // 3 school sessions of 4 girls: small counts to hide
            activity(ngo, officer, funded, "SCHOOL_SESSION", FROM.plusDays(40 + i), 0, 0);
        }
        activity(ngo, officer, unfunded, "COMMUNITY_MEETING", FROM.plusDays(60), 30, 0);
        activity(ngo, officer, null, "COMMUNITY_MEETING", FROM.plusDays(61), 30, 0);
        activity(ngo, officer, funded, "DRAMA", FROM.minusDays(1), 99, 99); // outside the period
    }

    private UUID campaign(UUID org, CurrentUser officer, String funder) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into campaign (id, organisation_id, name, funder, created_by) values (?, ?, ?, ?, ?)")
                .params(id, org, "Synthetic campaign " + id.toString().substring(0, 6), funder, officer.userId())
                .update();
        return id;
    }

    private void activity(UUID org, CurrentUser officer, UUID campaign, String method, LocalDate on, int women,
            int boys) {
        jdbc.sql("""
                insert into outreach_activity (id, organisation_id, campaign_id, method, activity_date, place_code,
                  f_18_24, m_12_17, f_12_17, created_by) values (?, ?, ?, ?, ?, '01020304', ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), org, campaign, method, on, women, boys,
                        method.equals("SCHOOL_SESSION") ? 4 : 0, officer.userId()).update();
    }

    @Test
    void outreachByFundingSourceEqualsAnIndependentSumAndSmallCellsAreHidden() throws Exception {
        Reports.DonorReport report = reports.donorReport(FROM, TO);
        Map<String, Map<String, Map<String, Long>>> expected = new HashMap<>();
        jdbc.sql("""
                select coalesce(trim(c.funder), ''), a.method,
                       f_0_11 + f_12_17 + f_18_24 + f_25_59 + f_60_plus + m_0_11 + m_12_17 + m_18_24 + m_25_59
                       + m_60_plus + o_0_11 + o_12_17 + o_18_24 + o_25_59 + o_60_plus
                from outreach_activity a left join campaign c on c.id = a.campaign_id
                where a.activity_date >= date '2014-01-01' and a.activity_date <= date '2014-12-31'""").query(rs -> {
            add(expected, "outreachPeopleByFundingAndMethod", rs.getString(1), rs.getString(2), rs.getLong(3));
            add(expected, "outreachActivitiesByFundingAndMethod", rs.getString(1), rs.getString(2), 1);
        });
        assertThat(expected.get("outreachPeopleByFundingAndMethod").get("Synthetic Outreach Fund").get("DRAMA"))
                .isGreaterThanOrEqualTo(300);
        int checked = 0;
        for (Reports.Figure f : report.figures()) {
            if (!f.id().startsWith("outreach")) {
                continue;
            }
            checked++;
            Map<String, Map<String, Long>> e = expected.get(f.id());
            ProtectedTable t = f.table();
            long grand = 0;
            for (int r = 0; r < t.rowKeys().size(); r++) {
                for (int c = 0; c < t.columnKeys().size(); c++) {
                    long truth = e.getOrDefault(t.rowKeys().get(r), Map.of()).getOrDefault(t.columnKeys().get(c), 0L);
                    check(t.cell(r, c), truth, f.id());
                    grand += truth;
                }
            }
            long truthGrand = e.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
            assertThat(grand).as(f.id()).isEqualTo(truthGrand);
            check(t.grandTotal(), grand, f.id());
            assertThat(MarginAttacker.recover(t)).as(f.id()).isEmpty();
        }
        assertThat(checked).isEqualTo(2);
        ProtectedTable people = report.figures().stream().filter(f -> f.id().equals("outreachPeopleByFundingAndMethod"))
                .findFirst().orElseThrow().table();
        int fund = people.rowKeys().indexOf("Synthetic Outreach Fund");
        assertThat(people.cell(fund, people.columnKeys().indexOf("DRAMA")).value())
                .isEqualTo(expected.get("outreachPeopleByFundingAndMethod").get("Synthetic Outreach Fund").get("DRAMA"));
        ProtectedTable activities = report.figures().stream()
                .filter(f -> f.id().equals("outreachActivitiesByFundingAndMethod")).findFirst().orElseThrow().table();
        assertThat(activities.cell(activities.rowKeys().indexOf("Synthetic Outreach Fund"),
                activities.columnKeys().indexOf("SCHOOL_SESSION")).suppressed()).isTrue();

        String page = mvc.perform(get("/reports/donor").param("from", "2014-01-01").param("to", "2014-12-31")
                .with(as(donor))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Outreach: people reached by funding source").contains("Synthetic Outreach Fund")
                .contains("Drama");
        String km = mvc.perform(get("/reports/donor").param("from", "2014-01-01").param("to", "2014-12-31")
                .param("lang", "km").with(as(donor))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(km).contains("ការផ្សព្វផ្សាយ៖ មនុស្សដែលបានទៅដល់");
        String json = mvc.perform(get("/api/v1/reports/donor").param("from", "2014-01-01").param("to", "2014-12-31")
                .with(as(donor))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"id\":\"outreachPeopleByFundingAndMethod\"")
                .contains("\"id\":\"outreachActivitiesByFundingAndMethod\"");
        mvc.perform(get("/reports/donor.xlsx").param("from", "2014-01-01").param("to", "2014-12-31").with(as(donor)))
                .andExpect(status().isOk());
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
