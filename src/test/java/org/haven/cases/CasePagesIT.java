package org.haven.cases;

import java.time.LocalDate;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The case pages over HTTP, in English and Khmer: register (with the duplicate warning), list, case page, note. */
@HavenIntegrationTest
@AutoConfigureMockMvc
class CasePagesIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    CurrentUser caseworker;

    @BeforeEach
    void setUp() {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        caseworker = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
    }

    @Test
    void registersAScreensAndNotesInEnglishAndKhmer() throws Exception {
        String given = "Page Demo " + UUID.randomUUID().toString().substring(0, 5);
        assertThat(page(get("/cases/new"))).contains("Register a survivor");
        assertThat(page(get("/cases/new").param("lang", "km"))).contains("ចុះឈ្មោះជនរងគ្រោះ");

        MvcResult created = mvc.perform(post("/cases").with(SecurityFixtures.as(caseworker)).with(csrf())
                .param("familyName", "Test Survivor").param("givenName", given).param("sex", "FEMALE")
                .param("birthYear", "2002").param("nationality", "KHM").param("identifiedOn", LocalDate.now().minusDays(1).toString())
                .param("identificationChannel", "HOTLINE").param("riskLevel", "HIGH")).andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/cases/");

        // Same name and birth year again: the page warns before saving.
        String again = mvc.perform(post("/cases").with(SecurityFixtures.as(caseworker)).with(csrf())
                .param("familyName", "Test Survivor").param("givenName", given).param("sex", "FEMALE")
                .param("birthYear", "2002").param("identifiedOn", LocalDate.now().toString())
                .param("identificationChannel", "HOTLINE").param("riskLevel", "HIGH"))
                .andReturn().getResponse().getContentAsString();
        assertThat(again).contains("Possible duplicates").contains("Register anyway");

        String casePage = page(get(location));
        assertThat(casePage).contains(given).contains("Screening").contains("Notes");
        assertThat(page(get(location).param("lang", "km"))).contains(given).contains("ការវាយតម្លៃបឋម");

        mvc.perform(post(location + "/screenings").with(SecurityFixtures.as(caseworker)).with(csrf())
                .param("ageAtRecruitment", "15").param("indicators", "ACT.RECRUITMENT", "PURPOSE.SEXUAL_EXPLOITATION"));
        mvc.perform(post(location + "/notes").with(SecurityFixtures.as(caseworker)).with(csrf())
                .param("body", "Test page note"));
        mvc.perform(post(location + "/services").with(SecurityFixtures.as(caseworker)).with(csrf())
                .param("serviceType", "MEDICAL").param("startedOn", LocalDate.now().toString()).param("fundingSource", "Test donor"));
        String after = page(get(location));
        assertThat(after).contains("All required elements are indicated").contains("Under 18 at recruitment")
                .contains("Test page note").contains("Medical").contains("Test donor");

        assertThat(page(get("/cases").param("q", given))).contains(given);
        assertThat(page(get("/cases").param("lang", "km"))).contains("សំណុំរឿង");
    }

    @Test
    void refusesBadInputOnTheRegistrationPageWithAFieldMessage() throws Exception {
        String body = mvc.perform(post("/cases").with(SecurityFixtures.as(caseworker)).with(csrf())
                .param("sex", "FEMALE").param("identifiedOn", LocalDate.now().plusDays(3).toString())
                .param("identificationChannel", "HOTLINE").param("riskLevel", "LOW"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("Give at least one name").contains("The date is out of range");
    }

    private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request.with(SecurityFixtures.as(caseworker))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }
}
