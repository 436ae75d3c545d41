package org.haven.prevention;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.HavenIntegrationTest;
import org.haven.audit.AuditLog;
import org.haven.places.Gazetteer;
import org.haven.places.Level;
import org.haven.places.internal.GazetteerImporter;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Targeting on a constructed data set in a period no other test uses (2003), checked against an independent SQL
 * aggregation of the same recruitment counts and the outreach table.
 */
@HavenIntegrationTest
@AutoConfigureMockMvc
class TargetingIT {

    static final LocalDate FROM = LocalDate.of(2003, 1, 1);
    static final LocalDate TO = LocalDate.of(2003, 12, 31);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GazetteerImporter importer;
    @Autowired
    Gazetteer gazetteer;
    @Autowired
    AuditLog audit;
    @Autowired
    PreventionSettings settings;
    @Autowired
    MockMvc mvc;

    PreventionFixtures fixtures;
    Map<String, Long> recruitment;
    Targeting targeting;
    String village03;
    String village0102b;

    @BeforeEach
    void data() {
        fixtures = new PreventionFixtures(jdbc, importer);
        jdbc.sql("delete from outreach_activity where activity_date between ? and ?").params(FROM, TO).update();
        village03 = firstVillage("03");
        village0102b = jdbc.sql("select min(code) from place where level = 'VILLAGE' and code like '0102%'"
                + " and code not like '010201%'").query(String.class).single();
        recruitment = new LinkedHashMap<>();
        recruitment.put("01020101", 15L);   // province 01, district 0102, commune 010201
        recruitment.put(village0102b, 3L);  // province 01, district 0102, another commune: small
        recruitment.put("0103", 12L);       // known to district only
        recruitment.put("02", 4L);          // known to province only: small
        recruitment.put(village03, 12L);    // province 03, no outreach
        recruitment.put("TH-10", 7L);       // abroad
        CurrentUser officer = fixtures.preventionOfficer();
        activity(officer, "01020101", 20);
        activity(officer, "01020101", 30);
        activity(officer, firstVillage("17"), 40);
        activity(officer, "TH-10", 99);
        activity(officer, "010201", 5);
        StaticListableBeanFactory beans = new StaticListableBeanFactory(
                Map.of("recruitment", (RecruitmentSource) (from, to) -> recruitment));
        targeting = new Targeting(jdbc, gazetteer, beans.getBeanProvider(RecruitmentSource.class), settings, audit);
        SecurityFixtures.signIn(fixtures.analyst());
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    @Test
    void provinceReportMatchesAnIndependentQueryWithSmallCountsSuppressed() {
        Targeting.Report report = targeting.report(Level.PROVINCE, null, FROM, TO);
        Map<String, String> expected = independent(2, "");
        assertThat(report.areas().stream().collect(Collectors.toMap(Targeting.Area::code,
                a -> a.recruitedShown() + "|" + a.activities() + "|" + a.reached()))).isEqualTo(expected);
        assertThat(expected).containsEntry("01", "30|3|55").containsEntry("02", "<11|0|0")
                .containsEntry("03", "12|0|0");
        // Ranked: no outreach first, shown counts before suppressed ones; areas with outreach last.
        assertThat(report.gaps()).extracting(Targeting.Area::code).containsExactly("03", "02", "01");
        assertThat(report.unlocatedShown()).isEqualTo("<11"); // TH-10: 7
        assertThat(report.recruitmentAvailable()).isTrue();
        assertThat(targeting.csv(report)).contains("1,03,").contains(",<11,").doesNotContain(",4,0,0");
    }

    @Test
    void districtAndCommuneReportsRollUpByCodeAndCountWhatTheyCannotPlace() {
        Targeting.Report districts = targeting.report(Level.DISTRICT, "01", FROM, TO);
        assertThat(districts.areas().stream().collect(Collectors.toMap(Targeting.Area::code,
                a -> a.recruitedShown() + "|" + a.activities() + "|" + a.reached()))).isEqualTo(independent(4, "01"));
        assertThat(districts.gaps()).extracting(Targeting.Area::code).containsExactly("0103", "0102");
        assertThat(districts.unlocatedShown()).isEqualTo("0");

        Targeting.Report communes = targeting.report(Level.COMMUNE, "0102", FROM, TO);
        assertThat(communes.areas().stream().collect(Collectors.toMap(Targeting.Area::code,
                a -> a.recruitedShown() + "|" + a.activities() + "|" + a.reached()))).isEqualTo(independent(6, "0102"));
        assertThat(communes.areas()).filteredOn(a -> a.code().equals("010201")).singleElement()
                .satisfies(a -> assertThat(a.recruitedShown()).isEqualTo("15"));
        assertThat(communes.areas()).filteredOn(a -> a.code().equals(village0102b.substring(0, 6))).singleElement()
                .satisfies(a -> assertThat(a.recruitedShown()).isEqualTo("<11"));
    }

    @Test
    void pagesAndExportForReadersOnlyWithCaseDataFromTheCasesModule() throws Exception {
        SecurityFixtures.signOut(); // MockMvc would otherwise inherit the service-level sign-in of this thread
        mvc.perform(get("/outreach/targeting").param("from", "2003-01-01").param("to", "2003-12-31")
                        .with(as(fixtures.preventionOfficer())).header("Accept-Language", "km"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ការកំណត់គោលដៅ")))
                // The application reads recruitment from the cases module: no "data unavailable" warning.
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("មិនទាន់មាននៅក្នុងប្រព័ន្ធនេះ"))))
                .andExpect(content().string(containsString("targeting-gaps")));
        mvc.perform(get("/outreach/targeting.csv").param("from", "2003-01-01").param("to", "2003-12-31")
                        .with(as(fixtures.analyst())))
                .andExpect(status().isOk()).andExpect(content().string(containsString("rank,code,name")));
        CurrentUser donor = new SecurityFixtures(jdbc).user(new SecurityFixtures(jdbc).organisation(OrganisationType.DONOR),
                Role.DONOR_VIEWER);
        mvc.perform(get("/outreach/targeting").with(as(donor))).andExpect(status().isForbidden());
        mvc.perform(get("/outreach/targeting")).andExpect(status().is3xxRedirection());
    }

    /** The same report by plain SQL over the recruitment values and the outreach table, suppression applied. */
    private Map<String, String> independent(int len, String within) {
        String values = recruitment.entrySet().stream()
                .map(e -> "('" + e.getKey() + "', " + e.getValue() + ")").collect(Collectors.joining(", "));
        List<Object[]> rows = jdbc.sql("""
                with r(code, n) as (values %s),
                rp as (select substr(code, 1, :len) as area, sum(n) as n from r
                       where code ~ '^[0-9]+$' and length(code) >= :len and code like :within group by 1),
                o as (select substr(place_code, 1, :len) as area, count(*) as a, sum(audience_total) as reached
                      from outreach_activity where activity_date between :from and :to and place_code ~ '^[0-9]+$'
                      and length(place_code) >= :len and place_code like :within group by 1)
                select coalesce(rp.area, o.area), coalesce(rp.n, 0), coalesce(o.a, 0), coalesce(o.reached, 0)
                from rp full join o on o.area = rp.area""".formatted(values))
                .param("len", len).param("within", within + "%").param("from", FROM).param("to", TO)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).list();
        Map<String, String> out = new HashMap<>();
        for (Object[] r : rows) {
            long n = (Long) r[1];
            out.put((String) r[0], (n > 0 && n < 11 ? "<11" : Long.toString(n)) + "|" + r[2] + "|" + r[3]);
        }
        return out;
    }

    private String firstVillage(String province) {
        return jdbc.sql("select min(code) from place where level = 'VILLAGE' and code like ?").param(province + "%")
                .query(String.class).single();
    }

    private void activity(CurrentUser officer, String place, int females18to24) {
        jdbc.sql("insert into outreach_activity (id, organisation_id, method, activity_date, place_code, f_18_24,"
                + " created_by) values (?, ?, 'ART', ?, ?, ?, ?)")
                .params(UUID.randomUUID(), officer.organisationId(), LocalDate.of(2003, 6, 1), place, females18to24,
                        officer.userId()).update();
    }
}
