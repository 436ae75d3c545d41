package org.haven.security;

import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.OpenedCase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Finding F4: a write to a record the user cannot see answers 404 before its body is read, so an incomplete body
 * from an unrelated organisation no longer gets 400 (which told it the record's endpoint parsed its input).
 */
@HavenIntegrationTest
@AutoConfigureMockMvc
class ObjectReachGuardIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;

    CurrentUser owner;
    CurrentUser stranger;
    CurrentUser police;
    OpenedCase opened;

    @BeforeEach
    void setUp() {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        owner = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        stranger = security.user(security.organisation(OrganisationType.SHELTER), Role.CASE_SUPERVISOR);
        police = security.user(security.organisation(OrganisationType.POLICE), Role.POLICE_INVESTIGATOR);
        opened = new CaseFixtures(cases).anOpenCase(owner);
    }

    @Test
    void anIncompleteApiBodyFromAnotherOrganisationIsNotFoundNotBadInput() throws Exception {
        for (String path : new String[] {"/notes", "/shares", "/services", "/consents"}) {
            String url = "/api/v1/cases/" + opened.caseId() + path;
            mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content("{}").with(SecurityFixtures.as(stranger)).with(csrf()))
                    .andExpect(status().isNotFound());
            mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content("{}").with(SecurityFixtures.as(owner)).with(csrf()))
                    .andExpect(status().isBadRequest());
        }
        // A malformed body as well: the JSON reader never sees it.
        mvc.perform(post("/api/v1/cases/" + opened.caseId() + "/notes").contentType(MediaType.APPLICATION_JSON)
                .content("{not json").with(SecurityFixtures.as(stranger)).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void anIncompleteFormFromAnotherOrganisationIsNotFound() throws Exception {
        mvc.perform(post("/cases/" + opened.caseId() + "/needs").with(SecurityFixtures.as(stranger)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/cases/" + opened.caseId() + "/shares").with(SecurityFixtures.as(stranger)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aProceedingOutOfReachIsNotFoundWhateverTheBody() throws Exception {
        mvc.perform(post("/api/v1/proceedings/" + UUID.randomUUID() + "/defendants").contentType(MediaType.APPLICATION_JSON)
                .content("{}").with(SecurityFixtures.as(police)).with(csrf())).andExpect(status().isNotFound());
    }
}
