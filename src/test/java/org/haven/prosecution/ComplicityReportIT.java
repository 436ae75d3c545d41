package org.haven.prosecution;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.haven.security.CurrentUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The official-complicity report on a constructed data set (complaints in 2011 and 2012, years no other test uses):
 * figures checked against independent SQL written without the report's grouping sets, and against the counts the
 * data set was built to have (a complicit official in two proceedings counts once in a total). Access by role for
 * the API and the page.
 */
@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class ComplicityReportIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    Adjudication adjudication;
    @Autowired
    ComplicityReport report;

    @AfterEach
    void tearDown() {
        signOut();
    }

    UUID proceeding(String province, ExploitationForm form, LocalDate on) {
        return tracking.open(new OpenProceeding("KH", province, null, null, null, form, on, List.of()));
    }

    UUID suspect(UUID proceeding, Suspect.SchemeRole role, boolean official) {
        return adjudication.recordSuspect(proceeding, new Suspect.RecordSuspect("Test Suspect Demo", List.of(), "KH",
                null, null, official, official ? Suspect.OfficialAgency.POLICE : null, null, List.of()), role);
    }

    void dataSet(World w) {
        signIn(w.investigator());
        LocalDate y2011 = LocalDate.of(2011, 5, 1);
        UUID p1 = proceeding("01", ExploitationForm.FORCED_LABOUR, y2011);
        UUID a = suspect(p1, Suspect.SchemeRole.EXPLOITER, true);
        suspect(p1, Suspect.SchemeRole.RECRUITER, false);
        UUID p2 = proceeding("01", ExploitationForm.FORCED_LABOUR, y2011.plusDays(3));
        suspect(p2, Suspect.SchemeRole.FACILITATING_OFFICIAL, false);
        UUID p3 = proceeding("02", ExploitationForm.SEXUAL_EXPLOITATION, y2011.plusDays(9));
        adjudication.addDefendant(p3, a, Suspect.SchemeRole.BROKER);
        UUID p4 = proceeding("02", ExploitationForm.SEXUAL_EXPLOITATION, y2011.plusDays(10));
        suspect(p4, Suspect.SchemeRole.TRANSPORTER, false);
        UUID p5 = proceeding("01", ExploitationForm.FORCED_LABOUR, LocalDate.of(2012, 2, 2));
        suspect(p5, Suspect.SchemeRole.EMPLOYER, true);
        // outside: 2013, and an official in another country's proceeding in 2011
        UUID p6 = proceeding("01", ExploitationForm.FORCED_LABOUR, LocalDate.of(2013, 1, 5));
        suspect(p6, Suspect.SchemeRole.FACILITATING_OFFICIAL, true);
        UUID p7 = tracking.open(new OpenProceeding("TH", null, null, null, null, ExploitationForm.FORCED_LABOUR, y2011,
                List.of()));
        suspect(p7, Suspect.SchemeRole.FACILITATING_OFFICIAL, true);
        signOut();
    }

    static final String INVOLVED = "(d.role = 'FACILITATING_OFFICIAL' or s.official)";

    @Test
    void figuresMatchAnIndependentCountAndTheConstructedDataSet() {
        World w = ProsecutionFixtures.world(jdbc);
        dataSet(w);
        signIn(w.prosecutor());
        ComplicityReport.Complicity r = report.complicity(2011, 2012, "KH");
        assertThat(r.suppressed()).isFalse();

        // every cell against independent SQL, and no cell missing
        Set<List<Object>> expectedCells = new HashSet<>(jdbc.sql("""
                select distinct extract(year from p.complaint_on)::integer, p.province_code, p.exploitation_form
                from proceeding p where p.country_code = 'KH' and p.complaint_on between '2011-01-01' and '2012-12-31'
                and exists (select 1 from proceeding_defendant d join suspect s on s.id = d.suspect_id
                            where d.proceeding_id = p.id and""" + INVOLVED + ")")
                .query((rs, n) -> List.<Object>of(rs.getInt(1), rs.getString(2), rs.getString(3))).list());
        assertThat(r.cells()).extracting(c -> List.<Object>of(c.year(), c.provinceCode(), c.form().name()))
                .containsExactlyInAnyOrderElementsOf(expectedCells);
        for (ComplicityReport.Row c : r.cells()) {
            String where = "p.country_code = 'KH' and extract(year from p.complaint_on) = " + c.year()
                    + " and p.province_code = '" + c.provinceCode() + "' and p.exploitation_form = '" + c.form() + "'";
            assertThat(c.proceedings()).as("proceedings %s", c).isEqualTo(count("select count(*) from proceeding p where "
                    + where + " and exists (select 1 from proceeding_defendant d join suspect s on s.id = d.suspect_id "
                    + "where d.proceeding_id = p.id and " + INVOLVED + ")"));
            assertThat(c.suspects()).as("officials %s", c).isEqualTo(count("select count(*) from suspect s where exists ("
                    + "select 1 from proceeding_defendant d join proceeding p on p.id = d.proceeding_id "
                    + "where d.suspect_id = s.id and " + INVOLVED + " and " + where + ")"));
        }
        for (ComplicityReport.Row y : r.years()) {
            String where = "p.country_code = 'KH' and extract(year from p.complaint_on) = " + y.year();
            assertThat(y.proceedings()).isEqualTo(count("select count(*) from proceeding p where " + where
                    + " and exists (select 1 from proceeding_defendant d join suspect s on s.id = d.suspect_id "
                    + "where d.proceeding_id = p.id and " + INVOLVED + ")"));
            assertThat(y.suspects()).isEqualTo(count("select count(*) from suspect s where exists (select 1 from "
                    + "proceeding_defendant d join proceeding p on p.id = d.proceeding_id where d.suspect_id = s.id and "
                    + INVOLVED + " and " + where + ")"));
        }

        // and the counts the data set was built to have
        assertThat(r.cells()).containsExactly(
                new ComplicityReport.Row(2011, "01", ExploitationForm.FORCED_LABOUR, 2, 2),
                new ComplicityReport.Row(2011, "02", ExploitationForm.SEXUAL_EXPLOITATION, 1, 1),
                new ComplicityReport.Row(2012, "01", ExploitationForm.FORCED_LABOUR, 1, 1));
        assertThat(r.years()).containsExactly(new ComplicityReport.Row(2011, null, null, 3, 2),
                new ComplicityReport.Row(2012, null, null, 1, 1));
        assertThat(r.proceedings()).isEqualTo(4);
        assertThat(r.suspects()).isEqualTo(3);

        // analysts get the same report with small cells suppressed
        signIn(w.analyst());
        ComplicityReport.Complicity suppressed = report.complicity(2011, 2012, "KH");
        assertThat(suppressed.suppressed()).isTrue();
        assertThat(suppressed.proceedings()).isNull();
        assertThat(suppressed.cells()).extracting(ComplicityReport.Row::proceedings).containsOnlyNulls();
    }

    @Test
    void apiAndPageByRole() throws Exception {
        // no data set of its own (the other test's exact counts must not see twice the data): figures are compared
        // with the service's answer at the same moment
        World w = ProsecutionFixtures.world(jdbc);
        Map<String, CurrentUser> users = new LinkedHashMap<>();
        users.put("investigator", w.investigator());
        users.put("prosecutor", w.prosecutor());
        users.put("legal officer", w.legalOfficer());
        users.put("caseworker", w.caseworker());
        users.put("other investigator", w.otherInvestigator());
        users.put("analyst", w.analyst());
        users.put("donor", w.donor());
        Map<String, Integer> expected = Map.of("investigator", 200, "prosecutor", 200, "legal officer", 200,
                "caseworker", 403, "other investigator", 200, "analyst", 200, "donor", 403);
        for (var u : users.entrySet()) {
            var api = mvc.perform(get("/api/v1/proceedings/complicity").param("fromYear", "2011").param("toYear", "2012")
                    .with(as(u.getValue()))).andReturn().getResponse();
            assertThat(api.getStatus()).as("API as %s", u.getKey()).isEqualTo(expected.get(u.getKey()));
            var page = mvc.perform(get("/proceedings/complicity").param("from", "2011").param("to", "2012")
                    .with(as(u.getValue()))).andReturn().getResponse();
            assertThat(page.getStatus()).as("page as %s", u.getKey()).isEqualTo(expected.get(u.getKey()));
        }
        String api = mvc.perform(get("/api/v1/proceedings/complicity").param("fromYear", "2011").param("toYear", "2012")
                .with(as(w.investigator()))).andReturn().getResponse().getContentAsString();
        signIn(w.investigator());
        ComplicityReport.Complicity r = report.complicity(2011, 2012, "KH");
        signOut();
        assertThat(api).contains("\"proceedings\":" + r.proceedings()).contains("\"suspects\":" + r.suspects())
                .contains("\"suppressed\":false");
        String km = mvc.perform(get("/proceedings/complicity").param("from", "2011").param("to", "2012")
                .param("lang", "km").with(as(w.investigator()))).andReturn().getResponse().getContentAsString();
        assertThat(km).contains("ការសមគំនិតរបស់មន្ត្រី");
        String bad = mvc.perform(get("/api/v1/proceedings/complicity").param("fromYear", "2013").param("toYear", "2011")
                .with(as(w.investigator()))).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("complicity.years.invalid");
    }

    int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
