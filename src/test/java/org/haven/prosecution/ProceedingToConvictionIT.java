package org.haven.prosecution;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.haven.security.CurrentUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * "Done when" of the prosecution issue: a demo-like proceeding goes from complaint to conviction through the pages
 * (and the API where a page does not exist: opening), with a hearing, a survivor victim-witness testifying with
 * protective measures, compensation ordered and partly paid; then the investigator, the prosecutor, the legal officer
 * and the shelter caseworker each see exactly what they should, on the pages and in the API, and the attrition report
 * counts the conviction.
 *
 * <p>Consent for legal proceedings of the survivor covers the police unit and the prosecutor's office, not the
 * legal-aid NGO: the legal officer sees the proceeding (an involved agency) but not the survivor.
 */
@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class ProceedingToConvictionIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTestBeans.TestCases cases;
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void tearDown() {
        signOut();
    }

    MvcResult page(MockHttpServletRequestBuilder request, CurrentUser user) throws Exception {
        MvcResult r = mvc.perform(request.with(as(user)).with(csrf())).andReturn();
        assertThat(r.getResponse().getStatus()).as("%s", r.getRequest().getRequestURI()).isEqualTo(302);
        assertThat(r.getFlashMap().get("errors")).as("%s", r.getRequest().getRequestURI()).isNull();
        return r;
    }

    String html(String path, CurrentUser user) throws Exception {
        var r = mvc.perform(get(path).with(as(user))).andReturn().getResponse();
        assertThat(r.getStatus()).as("GET %s", path).isEqualTo(200);
        return r.getContentAsString();
    }

    JsonNode api(String path, CurrentUser user) throws Exception {
        var r = mvc.perform(get(path).with(as(user))).andReturn().getResponse();
        assertThat(r.getStatus()).as("GET %s", path).isEqualTo(200);
        return json.readTree(r.getContentAsString());
    }

    int convictions(CurrentUser user, int year) throws Exception {
        return api("/api/v1/proceedings/attrition?year=" + year + "&province=09", user).path("total")
                .path("convictions").asInt();
    }

    @Test
    void fromComplaintToConvictionEachRoleSeesWhatItShould() throws Exception {
        World w = ProsecutionFixtures.world(jdbc);
        LocalDate today = LocalDate.now();
        LocalDate complaint = today.minusDays(60);
        int before = convictions(w.investigator(), complaint.getYear());
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police(), w.prosecution());

        // the investigator opens the proceeding (API) and links the survivor as a victim (page)
        String opened = mvc.perform(post("/api/v1/proceedings").with(as(w.investigator())).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"countryCode":"KH","provinceCode":"09","court":"Test Koh Kong Provincial Court",
                         "policeReportNo":"PR-DEMO-0099","courtCaseNo":"CC-DEMO-0099","exploitationForm":"FORCED_LABOUR",
                         "complaintOn":"%s","agencies":[{"organisationId":"%s","role":"PROSECUTION"},
                         {"organisationId":"%s","role":"LEGAL_AID"}]}""".formatted(complaint, w.prosecution(), w.legalAid())))
                .andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(json.readTree(opened).path("id").asText());
        String p = "/proceedings/" + id;
        page(post(p + "/victims").param("caseId", caseId.toString()).param("role", "VICTIM"), w.investigator());
        UUID victim = jdbc.sql("select id from proceeding_victim where proceeding_id = ?").param(id).query(UUID.class)
                .single();

        // investigation, a suspect, arrest, charge
        page(post(p + "/stage").param("version", "0").param("to", "INVESTIGATION").param("on", complaint.plusDays(5).toString()),
                w.investigator());
        page(post(p + "/suspects").param("name", "Test Suspect Vannak Demo").param("role", "RECRUITER")
                .param("aliases", "Test Alias Boss").param("nationality", "kh").param("identifierKind1", "PHONE")
                .param("identifierValue1", "012 777 888"), w.investigator());
        UUID suspect = jdbc.sql("select suspect_id from proceeding_defendant where proceeding_id = ?").param(id)
                .query(UUID.class).single();
        page(post(p + "/stage").param("version", "1").param("to", "ARREST").param("on", complaint.plusDays(12).toString()),
                w.investigator());
        page(post(p + "/stage").param("version", "2").param("to", "CHARGE").param("on", complaint.plusDays(20).toString()),
                w.prosecutor());
        page(post(p + "/charges").param("suspectId", suspect.toString()).param("statuteCode", "KH2008-ART10")
                .param("filedOn", complaint.plusDays(20).toString()), w.prosecutor());

        // trial with a hearing at which the survivor testifies behind a screen, accompanied; support given
        page(post(p + "/stage").param("version", "3").param("to", "TRIAL").param("on", complaint.plusDays(30).toString()),
                w.prosecutor());
        page(post(p + "/hearings").param("scheduledAt", LocalDateTime.now().minusDays(25).withSecond(0).withNano(0).toString())
                .param("court", "Test Koh Kong Provincial Court").param("type", "TRIAL").param("survivorTestifies", "true")
                .param("measures", "SCREEN", "ACCOMPANIMENT", "CLOSED_HEARING"), w.prosecutor());
        UUID hearing = jdbc.sql("select id from hearing where proceeding_id = ?").param(id).query(UUID.class).single();
        page(post(p + "/hearings/" + hearing + "/outcome").param("version", "0").param("outcome", "HELD"), w.prosecutor());
        page(post(p + "/victims/" + victim + "/support").param("kind", "ACCOMPANIMENT")
                .param("givenOn", today.minusDays(25).toString()), w.caseworker());
        page(post(p + "/victims/" + victim + "/cooperation").param("version", "0")
                .param("safetyConcerns", "NO_CONTACT_WITH_DEFENDANT").param("cooperation", "COOPERATING")
                .param("cooperationOn", complaint.plusDays(2).toString()), w.caseworker());

        // verdict: convicted, 10 years; compensation 1,500 USD ordered, 600 paid
        page(post(p + "/stage").param("version", "4").param("to", "VERDICT").param("on", today.minusDays(20).toString()),
                w.prosecutor());
        UUID charge = jdbc.sql("select id from charge where proceeding_id = ?").param(id).query(UUID.class).single();
        page(post(p + "/charges/" + charge + "/outcome").param("version", "0").param("outcome", "CONVICTED"), w.prosecutor());
        page(post(p + "/verdicts/" + suspect).param("version", "0").param("verdict", "CONVICTED")
                .param("on", today.minusDays(20).toString()).param("prisonMonths", "120"), w.prosecutor());
        page(post(p + "/compensation").param("victimId", victim.toString()).param("suspectId", suspect.toString())
                .param("amount", "1500").param("currency", "USD").param("orderedOn", today.minusDays(20).toString()),
                w.prosecutor());
        UUID compensation = jdbc.sql("select id from compensation where proceeding_id = ?").param(id).query(UUID.class)
                .single();
        page(post(p + "/compensation/" + compensation + "/payments").param("amount", "600")
                .param("paidOn", today.minusDays(5).toString()), w.investigator());

        // --- the investigator and the prosecutor: everything, the survivor included (consent covers them)
        for (CurrentUser u : new CurrentUser[] {w.investigator(), w.prosecutor()}) {
            assertThat(html(p, u)).contains("PR-DEMO-0099").contains("Convicted");
            assertThat(html(p + "/suspects", u)).contains("Test Suspect Vannak Demo").contains("Test Alias Boss")
                    .contains("012 777 888");
            assertThat(html(p + "/hearings", u)).contains("Screen").contains("Accompaniment").contains("Closed hearing")
                    .contains("Survivor testifies").contains("Held");
            assertThat(api("/api/v1/proceedings/" + id + "/hearings", u).get(0).path("measures").toString())
                    .contains("SCREEN").contains("ACCOMPANIMENT").contains("CLOSED_HEARING");
            assertThat(html(p + "/victims", u)).contains(caseId.toString()).contains("No contact with defendant")
                    .contains("Cooperating");
            assertThat(html(p + "/verdicts", u)).contains("1,500.00 USD").contains("600.00 USD").contains("900.00 USD")
                    .contains("120 months in prison");
            JsonNode comp = api("/api/v1/proceedings/" + id + "/compensation", u);
            assertThat(comp.get(0).path("ordered").decimalValue()).isEqualByComparingTo("1500");
            assertThat(comp.get(0).path("paid").decimalValue()).isEqualByComparingTo("600");
            assertThat(api("/api/v1/proceedings/" + id + "/victims", u).get(0).path("caseId").asText())
                    .isEqualTo(caseId.toString());
            assertThat(api("/api/v1/proceedings/" + id + "/defendants", u).get(0).path("suspect").path("name").asText())
                    .isEqualTo("Test Suspect Vannak Demo");
        }

        // --- the legal officer (legal-aid NGO, an involved agency): the proceeding and its defendants, not the survivor
        assertThat(html(p, w.legalOfficer())).contains("PR-DEMO-0099");
        assertThat(html(p + "/suspects", w.legalOfficer())).contains("Test Suspect Vannak Demo");
        String legalVictims = html(p + "/victims", w.legalOfficer());
        assertThat(legalVictims).doesNotContain(caseId.toString()).doesNotContain("No contact with defendant")
                .contains("consent does not cover your organisation");
        assertThat(html(p + "/verdicts", w.legalOfficer())).contains("120 months in prison").doesNotContain("1,500.00");
        assertThat(api("/api/v1/proceedings/" + id + "/victims", w.legalOfficer()).get(0).path("consentCovers")
                .asBoolean()).isFalse();
        assertThat(api("/api/v1/proceedings/" + id + "/compensation", w.legalOfficer())).isEmpty();

        // --- the shelter caseworker: the course, hearings, their survivor and compensation; no investigation details
        String shelter = html(p, w.caseworker());
        assertThat(shelter).doesNotContain("PR-DEMO-0099").contains("Convicted");
        assertThat(html(p + "/suspects", w.caseworker())).doesNotContain("Test Suspect Vannak Demo")
                .doesNotContain("012 777 888").doesNotContain("Test Alias Boss").contains("Recruiter");
        assertThat(html(p + "/hearings", w.caseworker())).contains("Screen").contains("Survivor testifies");
        assertThat(html(p + "/victims", w.caseworker())).contains(caseId.toString()).contains("Accompaniment");
        assertThat(html(p + "/verdicts", w.caseworker())).contains("1,500.00 USD").contains("600.00 USD");
        JsonNode defendants = api("/api/v1/proceedings/" + id + "/defendants", w.caseworker());
        assertThat(defendants.get(0).path("suspect").isNull()).isTrue();
        assertThat(defendants.get(0).path("verdict").asText()).isEqualTo("CONVICTED");
        assertThat(api("/api/v1/proceedings/" + id, w.caseworker()).path("policeReportNo").isNull()).isTrue();
        assertThat(html("/", w.caseworker())).contains("A hearing involving your survivor has been scheduled");

        // --- and nobody else
        for (CurrentUser u : new CurrentUser[] {w.otherCaseworker(), w.otherInvestigator(), w.analyst()}) {
            assertThat(mvc.perform(get(p).with(as(u))).andReturn().getResponse().getStatus()).isEqualTo(404);
            assertThat(mvc.perform(get("/api/v1/proceedings/" + id + "/victims").with(as(u))).andReturn().getResponse()
                    .getStatus()).isEqualTo(404);
        }

        // the attrition report counts the conviction
        assertThat(convictions(w.investigator(), complaint.getYear())).isEqualTo(before + 1);
        assertThat(html("/proceedings/attrition?year=" + complaint.getYear() + "&province=09", w.investigator()))
                .contains("<svg");
    }
}
