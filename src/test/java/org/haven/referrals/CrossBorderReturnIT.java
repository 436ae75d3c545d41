package org.haven.referrals;

import java.time.LocalDate;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;

/**
 * A Thai shelter refers a Cambodian survivor to Cambodia's ministry for repatriation: the return steps appear for
 * both sides, each side updates only its own steps, in order, completion waits for every step, and the ministry's
 * access ends with completion.
 */
@HavenIntegrationTest
class CrossBorderReturnIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;
    @Autowired
    ServiceDirectory directory;
    @Autowired
    ReferralManagement referrals;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    int step(CurrentUser user, UUID id, String step, String status) throws Exception {
        String done = "DONE".equals(status) ? ",\"doneOn\":\"" + LocalDate.now(CaseManagement.ZONE) + "\"" : "";
        return mvc.perform(put("/api/v1/referrals/{id}/return-steps/{s}", id, step).with(as(user)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"" + status + "\"" + done + "}"))
                .andReturn().getResponse().getStatus();
    }

    int post(CurrentUser user, String path) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).with(as(user))
                .with(csrf())).andReturn().getResponse().getStatus();
    }

    @Test
    void thaiShelterReturnsASurvivorThroughCambodiasMinistry() throws Exception {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        Scene s = fx.scene(OrganisationType.MINISTRY, "KH", "REPATRIATION", "TH");
        fx.consent(s);
        UUID id = fx.send(s, "REPATRIATION");

        String seen = mvc.perform(get("/api/v1/referrals/{id}", id).with(as(s.officer()))).andReturn().getResponse()
                .getContentAsString();
        assertThat((Boolean) JsonPath.read(seen, "$.summary.crossBorder")).isTrue();
        assertThat((java.util.List<String>) JsonPath.read(seen, "$.returnSteps[*].step")).containsExactly("VERIFICATION",
                "FAMILY_ASSESSMENT", "TRAVEL_DOCUMENTS", "ESCORT_RECEPTION", "FOLLOW_UP");
        assertThat(seen).doesNotContain("Test Survivor");
        // steps are worked on only once accepted
        assertThat(step(s.officer(), id, "VERIFICATION", "IN_PROGRESS")).isEqualTo(409);
        assertThat(post(s.officer(), "/api/v1/referrals/" + id + "/acceptance")).isEqualTo(200);
        assertThat(mvc.perform(get("/api/v1/cases/{c}", s.caseId()).with(as(s.officer()))).andReturn().getResponse()
                .getStatus()).isEqualTo(200);

        // the shelter cannot tick the ministry's verification; nothing may be done out of order
        assertThat(step(s.caseworker(), id, "VERIFICATION", "DONE")).isEqualTo(403);
        assertThat(step(s.officer(), id, "FAMILY_ASSESSMENT", "DONE")).isEqualTo(409);
        assertThat(step(s.officer(), id, "VERIFICATION", "DONE")).isEqualTo(200);
        assertThat(step(s.officer(), id, "FAMILY_ASSESSMENT", "DONE")).isEqualTo(200);
        assertThat(step(s.officer(), id, "TRAVEL_DOCUMENTS", "DONE")).isEqualTo(200);
        assertThat(post(s.officer(), "/api/v1/referrals/" + id + "/completion")).isEqualTo(409);
        assertThat(step(s.officer(), id, "ESCORT_RECEPTION", "DONE")).isEqualTo(403);
        assertThat(step(s.caseworker(), id, "ESCORT_RECEPTION", "DONE")).isEqualTo(200);
        assertThat(step(s.officer(), id, "FOLLOW_UP", "DONE")).isEqualTo(200);

        String shelterView = mvc.perform(get("/api/v1/referrals/{id}", id).with(as(s.caseworker()))).andReturn()
                .getResponse().getContentAsString();
        assertThat((java.util.List<String>) JsonPath.read(shelterView, "$.returnSteps[*].status")).containsOnly("DONE");
        assertThat(jdbc.sql("select count(*) from referral_notification where organisation_id = ? and referral_id = ? "
                + "and event = 'STEP_DONE'").params(s.shelter(), id).query(Integer.class).single()).isEqualTo(4);

        assertThat(post(s.officer(), "/api/v1/referrals/" + id + "/completion")).isEqualTo(200);
        assertThat(mvc.perform(get("/api/v1/cases/{c}", s.caseId()).with(as(s.officer()))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }
}
