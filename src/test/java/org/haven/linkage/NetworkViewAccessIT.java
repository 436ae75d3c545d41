package org.haven.linkage;

import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The network view and the review of suspect pairs (API and pages, and the decision) over every role, in the police unit that owns the proceedings: police
 * investigators and prosecutors only; every other role gets 403 and none of the names; anonymous callers 401 or the
 * sign-in page. Nothing is audited for a refused call.
 */
@HavenIntegrationTest
class NetworkViewAccessIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    Adjudication adjudication;

    @Test
    void onlyPoliceInvestigatorsAndProsecutorsSeeTheNetwork() throws Exception {
        SecurityFixtures f = new SecurityFixtures(jdbc);
        UUID police = f.organisation(OrganisationType.POLICE);
        NetworkTestWorld w = new NetworkTestWorld(tracking, adjudication, f.user(police, Role.POLICE_INVESTIGATOR));
        int checked = 0;
        for (Role role : Role.values()) {
            CurrentUser user = f.user(police, role);
            boolean allowed = role == Role.POLICE_INVESTIGATOR || role == Role.PROSECUTOR;
            for (String path : new String[] {"/api/v1/linkage/network", "/linkage/network",
                    "/api/v1/linkage/suspects", "/linkage/suspects"}) {
                MvcResult r = mvc.perform(get(path).with(SecurityFixtures.as(user))).andReturn();
                String body = r.getResponse().getContentAsString();
                assertThat(r.getResponse().getStatus()).as(role + " " + path).isEqualTo(allowed ? 200 : 403);
                if (allowed && role == Role.POLICE_INVESTIGATOR) {
                    assertThat(body).as(role + " " + path).contains(w.token);
                }
                if (!allowed) {
                    assertThat(body).as(role + " " + path).doesNotContain(w.token)
                            .doesNotContain(w.recruiter1.toString());
                }
            }
            // the review decision on a pair of suspects: UNSURE can be given again, so every allowed role gets 200
            MvcResult decided = mvc.perform(post("/api/v1/linkage/suspects/decision").with(SecurityFixtures.as(user)).with(csrf())
                    .contentType(MediaType.APPLICATION_JSON).content("""
                            {"suspectA":"%s","proceedingA":"%s","suspectB":"%s","proceedingB":"%s","decision":"UNSURE"}"""
                            .formatted(w.recruiter1, w.p1, w.recruiter2, w.p2))).andReturn();
            assertThat(decided.getResponse().getStatus()).as(role + " decision").isEqualTo(allowed ? 200 : 403);
            if (!allowed) {
                assertThat(decided.getResponse().getContentAsString()).doesNotContain(w.token);
            }
            if (!allowed) {
                assertThat(jdbc.sql("""
                        select count(*) from audit_event where actor_user_id = ? and action = 'suspect.read'
                          and outcome = 'SUCCESS'""").param(user.userId()).query(Integer.class).single())
                        .as(role.name()).isZero();
            }
            checked++;
        }
        assertThat(checked).isEqualTo(Role.values().length);
        assertThat(mvc.perform(get("/api/v1/linkage/network")).andReturn().getResponse().getStatus())
                .isEqualTo(401);
        MvcResult page = mvc.perform(get("/linkage/network")).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(302);
        assertThat(page.getResponse().getRedirectedUrl()).contains("login");
    }
}
