package org.haven.linkage;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Permission;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every linkage endpoint × every role × the user's organisation relative to a candidate pair (the organisation of
 * side A, of side B, or unrelated). Reviewers (case supervise + linkage review) of either side see and decide the
 * pair; an unrelated organisation's reviewer gets 404 without data; every other role gets 403 without data. The
 * counts need REPORT_AGGREGATE. Allowed views and decisions leave an audit event by that user.
 */
@HavenIntegrationTest
class LinkageAuthorizationIT {

    enum Relation { SIDE_A, SIDE_B, UNRELATED }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    @Test
    void reviewQueueAnswersOnlySupervisorsOfEitherSide() throws Exception {
        SecurityFixtures f = new SecurityFixtures(jdbc);
        LinkageTestSupport support = new LinkageTestSupport(jdbc, caseManagement);
        UUID orgA = f.organisation(OrganisationType.SHELTER);
        UUID orgB = f.organisation(OrganisationType.LEGAL_AID);
        UUID orgC = f.organisation(OrganisationType.SHELTER);
        SurvivorIdentity same = LinkageTestSupport.person("Kanha " + LinkageTestSupport.token(), null);
        OpenedCase a = support.register(f.user(orgA, Role.CASEWORKER), same);
        OpenedCase b = support.register(f.user(orgB, Role.CASEWORKER), same);
        UUID id = support.candidatesBetween(support.awaitEncoded(a.caseId()), support.awaitEncoded(b.caseId()))
                .get(0);
        Set<String> secrets = Set.of(a.caseCode(), b.caseCode(), a.caseId().toString(), b.caseId().toString(),
                "Kanha", "given_name");

        int checked = 0;
        for (Role role : Role.values()) {
            for (Relation relation : Relation.values()) {
                UUID org = relation == Relation.SIDE_A ? orgA : relation == Relation.SIDE_B ? orgB : orgC;
                CurrentUser user = f.user(org, role);
                boolean reviewer = user.can(Permission.CASE_SUPERVISE) && user.can(Permission.LINKAGE_REVIEW);
                int expected = !reviewer ? 403 : relation == Relation.UNRELATED ? 404 : 200;
                String label = role + " " + relation;

                check(label, get("/api/v1/linkage/candidates/" + id), user, expected, id, secrets);
                check(label, get("/linkage/candidates/" + id), user, expected, id, secrets);
                check(label, post("/api/v1/linkage/candidates/" + id + "/decision").with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"UNSURE\",\"reason\":\"call\"}"),
                        user, expected, id, secrets);
                check(label, post("/linkage/candidates/" + id + "/decision").with(csrf())
                        .param("decision", "UNSURE").param("reason", "call"), user, expected == 200 ? 302 : expected,
                        id, secrets);

                MvcResult list = mvc.perform(get("/api/v1/linkage/candidates").with(SecurityFixtures.as(user)))
                        .andReturn();
                int listExpected = reviewer ? 200 : 403;
                assertThat(list.getResponse().getStatus()).as(label + " list").isEqualTo(listExpected);
                String listBody = list.getResponse().getContentAsString();
                assertThat(listBody.contains(id.toString())).as(label + " list contains pair")
                        .isEqualTo(expected == 200);

                if (expected == 200) {
                    assertThat(audits(user, "linkage_candidate.read", id)).as(label).isGreaterThanOrEqualTo(2);
                    assertThat(audits(user, "linkage.decide", id)).as(label).isEqualTo(2);
                } else {
                    assertThat(audits(user, "linkage.decide", id)).as(label).isZero();
                }

                boolean aggregate = user.can(Permission.REPORT_AGGREGATE);
                assertThat(mvc.perform(get("/api/v1/linkage/counts").with(SecurityFixtures.as(user))).andReturn()
                        .getResponse().getStatus()).as(label + " counts").isEqualTo(aggregate ? 200 : 403);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(Role.values().length * 3);
        assertThat(EnumSet.allOf(Role.class).stream().filter(r -> r.permissions().contains(Permission.CASE_SUPERVISE)))
                .isNotEmpty();
    }

    private void check(String label, MockHttpServletRequestBuilder request, CurrentUser user, int expected, UUID id,
            Set<String> secrets) throws Exception {
        MvcResult r = mvc.perform(request.with(SecurityFixtures.as(user))).andReturn();
        assertThat(r.getResponse().getStatus()).as(label + " " + r.getRequest().getRequestURI())
                .isEqualTo(expected);
        if (expected != 200 && expected != 302) {
            String body = r.getResponse().getContentAsString();
            for (String s : secrets) {
                assertThat(body).as(label + " leaks").doesNotContain(s);
            }
        }
    }

    private long audits(CurrentUser actor, String action, UUID id) {
        return jdbc.sql("select count(*) from audit_event where actor_user_id = ? and action = ? "
                + "and subject_ids @> array[?]::text[] and outcome = 'SUCCESS'")
                .params(actor.userId(), action, id.toString()).query(Long.class).single();
    }
}
