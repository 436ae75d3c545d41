package org.haven.linkage;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.linkage.internal.SurvivorEncodings;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * The in-application flow against real PostgreSQL: registration → encoding → candidate → review → de-duplicated
 * count; what the tables hold; bad input.
 */
@HavenIntegrationTest
class LinkageInAppIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;
    @Autowired
    SurvivorEncodings encodings;
    @Autowired
    RecordLinkage recordLinkage;

    LinkageTestSupport support;
    UUID orgA;
    UUID orgB;
    CurrentUser workerA;
    CurrentUser workerB;
    CurrentUser supervisorA;
    CurrentUser supervisorB;
    CurrentUser analyst;

    @BeforeEach
    void setUp() {
        support = new LinkageTestSupport(jdbc, caseManagement);
        SecurityFixtures f = new SecurityFixtures(jdbc);
        orgA = f.organisation(OrganisationType.SHELTER);
        orgB = f.organisation(OrganisationType.SHELTER);
        workerA = f.user(orgA, Role.CASEWORKER);
        workerB = f.user(orgB, Role.CASEWORKER);
        supervisorA = f.user(orgA, Role.CASE_SUPERVISOR);
        supervisorB = f.user(orgB, Role.CASE_SUPERVISOR);
        analyst = f.user(f.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    @Test
    void samePersonAtTwoOrganisationsBecomesACandidateAndADifferentPersonDoesNot() {
        String t = LinkageTestSupport.token();
        SurvivorIdentity same = LinkageTestSupport.person("Sokha " + t, null);
        OpenedCase a = support.register(workerA, same);
        OpenedCase b = support.register(workerB, same);
        OpenedCase other = support.register(workerB, LinkageTestSupport.person("Vannak " + LinkageTestSupport.token(), null));
        UUID sa = support.awaitEncoded(a.caseId());
        UUID sb = support.awaitEncoded(b.caseId());
        UUID so = support.awaitEncoded(other.caseId());

        assertThat(support.candidatesBetween(sa, sb)).hasSize(1);
        assertThat(support.candidatesBetween(sa, so)).isEmpty();
        assertThat(support.candidatesBetween(sb, so)).isEmpty();
        String status = jdbc.sql("select status || ' ' || score from linkage_candidate where id = ?")
                .param(support.candidatesBetween(sa, sb).get(0)).query(String.class).single();
        assertThat(status).startsWith("PENDING ");
    }

    @Test
    void samePersonTwiceInOneOrganisationIsACandidateShownWithBothCases() throws Exception {
        String t = LinkageTestSupport.token();
        SurvivorIdentity same = LinkageTestSupport.person("Sreymom " + t, null);
        OpenedCase a = support.register(workerA, same);
        OpenedCase b = support.register(workerA, same);
        UUID sa = support.awaitEncoded(a.caseId());
        UUID sb = support.awaitEncoded(b.caseId());
        UUID id = support.candidatesBetween(sa, sb).get(0);

        String body = mvc.perform(get("/api/v1/linkage/candidates/" + id).with(SecurityFixtures.as(supervisorA)))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("\"sameOrganisation\":true").contains(a.caseCode()).contains(b.caseCode());
    }

    @Test
    void noPlaintextNameOrIdentifierReachesTheLinkageTables() {
        String given = LinkageTestSupport.token();
        String second = LinkageTestSupport.token();
        SurvivorIdentity identity = LinkageTestSupport.person(given + " " + second, "+855 12 987 654");
        OpenedCase a = support.register(workerA, identity);
        OpenedCase b = support.register(workerB, identity);
        UUID sa = support.awaitEncoded(a.caseId());
        UUID sb = support.awaitEncoded(b.caseId());
        assertThat(support.candidatesBetween(sa, sb)).hasSize(1);

        String tables = String.join("\n", jdbc.sql(
                "select e::text from linkage_encoding e where survivor_id in (:ids)").param("ids", List.of(sa, sb))
                .query(String.class).list())
                + "\n" + String.join("\n", jdbc.sql("""
                select c::text from linkage_candidate c where survivor_a in (:ids) or survivor_b in (:ids)""")
                .param("ids", List.of(sa, sb)).query(String.class).list());
        String lower = tables.toLowerCase(Locale.ROOT);
        assertThat(lower).contains(sa.toString()).contains(sb.toString());
        String document = identity.documents().get(0).number().toLowerCase(Locale.ROOT);
        for (String plain : List.of(given, second, "survivor", "test", "987654", "98765", document,
                document.substring(5))) {
            assertThat(lower).as("linkage tables must not contain %s", plain).doesNotContain(plain);
        }
    }

    @Test
    void supervisorSeesOnlyTheOtherOrganisationsNameScoreAndFieldsThenDecisionIsAuditedAndCounted()
            throws Exception {
        String t = LinkageTestSupport.token();
        SurvivorIdentity same = LinkageTestSupport.person("Chanthou " + t, null);
        OpenedCase a = support.register(workerA, same);
        OpenedCase b = support.register(workerB, same);
        UUID id = support.candidatesBetween(support.awaitEncoded(a.caseId()), support.awaitEncoded(b.caseId()))
                .get(0);
        String orgBName = jdbc.sql("select name from organisation where id = ?").param(orgB).query(String.class)
                .single();

        String list = mvc.perform(get("/api/v1/linkage/candidates").with(SecurityFixtures.as(supervisorA)))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains(id.toString()).contains(orgBName).contains(a.caseCode())
                .doesNotContain(b.caseCode()).doesNotContain(b.caseId().toString()).contains("given_name")
                .doesNotContain(t).doesNotContain("Chanthou");
        assertThat(audits(supervisorA, "linkage_candidate.read", id)).isEqualTo(1);

        String page = mvc.perform(get("/linkage/candidates/" + id).with(SecurityFixtures.as(supervisorB)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(b.caseCode()).doesNotContain(a.caseCode()).doesNotContain(t);

        for (int i = 0; i < 6; i++) {
            // enough people that no count falls under the small-cell threshold, even in a fresh database
            support.register(workerA, LinkageTestSupport.person("Rachana " + LinkageTestSupport.token(), null));
        }
        String before = counts();
        mvc.perform(post("/api/v1/linkage/candidates/" + id + "/decision").with(SecurityFixtures.as(supervisorB))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"CONFIRMED\",\"reason\":\"Same date of arrival and shelter history, checked by phone\"}"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        assertThat(audits(supervisorB, "linkage.decide", id)).isEqualTo(1);
        assertThat(jdbc.sql("select status from linkage_candidate where id = ?").param(id).query(String.class)
                .single()).isEqualTo("CONFIRMED");
        String after = counts();
        long registeredBefore = number(before, "survivorsRegistered");
        assertThat(number(after, "survivorsRegistered")).isEqualTo(registeredBefore);
        assertThat(number(after, "distinctPeople")).isEqualTo(number(before, "distinctPeople") - 1);
        assertThat(number(after, "distinctPeople")).isLessThan(registeredBefore);
        // the public API reporting can use for de-duplicated counts
        UUID sa = support.survivorOf(a.caseId());
        UUID sb = support.survivorOf(b.caseId());
        UUID lone = UUID.randomUUID();
        assertThat(recordLinkage.distinctPeople(List.of(sa, sb, lone))).isEqualTo(2);
        assertThat(recordLinkage.personKeys(List.of(sa, sb)).get(sa)).isEqualTo(
                recordLinkage.personKeys(List.of(sa, sb)).get(sb));

        mvc.perform(post("/api/v1/linkage/candidates/" + id + "/decision").with(SecurityFixtures.as(supervisorA))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"NOT_SAME\",\"reason\":\"again\"}"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(409));
    }

    @Test
    void badDecisionsAreClearErrorsAndChangeNothing() throws Exception {
        String t = LinkageTestSupport.token();
        SurvivorIdentity same = LinkageTestSupport.person("Dara " + t, null);
        OpenedCase a = support.register(workerA, same);
        OpenedCase b = support.register(workerB, same);
        UUID id = support.candidatesBetween(support.awaitEncoded(a.caseId()), support.awaitEncoded(b.caseId()))
                .get(0);

        MvcResult unknown = mvc.perform(post("/api/v1/linkage/candidates/" + id + "/decision")
                .with(SecurityFixtures.as(supervisorA)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"MAYBE\",\"reason\":\"x\"}")).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
        assertThat(unknown.getResponse().getContentType()).contains("problem+json");
        assertThat(unknown.getResponse().getContentAsString()).contains("\"field\":\"decision\"")
                .contains("linkage.error.decisionUnknown");

        MvcResult noReason = mvc.perform(post("/api/v1/linkage/candidates/" + id + "/decision")
                .with(SecurityFixtures.as(supervisorA)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"NOT_SAME\",\"reason\":\"  \"}")).andReturn();
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        assertThat(noReason.getResponse().getContentAsString()).contains("\"field\":\"reason\"")
                .contains("linkage.error.reasonRequired");

        MvcResult tooLong = mvc.perform(post("/api/v1/linkage/candidates/" + id + "/decision")
                .with(SecurityFixtures.as(supervisorA)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"CONFIRMED\",\"reason\":\"" + "r".repeat(501) + "\"}")).andReturn();
        assertThat(tooLong.getResponse().getStatus()).isEqualTo(400);

        MvcResult badStatus = mvc.perform(get("/api/v1/linkage/candidates?status=SOMETIMES")
                .with(SecurityFixtures.as(supervisorA))).andReturn();
        assertThat(badStatus.getResponse().getStatus()).isEqualTo(400);

        MvcResult page = mvc.perform(post("/linkage/candidates/" + id + "/decision")
                .with(SecurityFixtures.as(supervisorA)).with(csrf()).param("decision", "CONFIRMED").param("reason", ""))
                .andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString()).contains("Give the reason for this decision.");

        assertThat(jdbc.sql("select status from linkage_candidate where id = ?").param(id).query(String.class)
                .single()).isEqualTo("PENDING");
        assertThat(audits(supervisorA, "linkage.decide", id)).isZero();

        mvc.perform(post("/api/v1/linkage/candidates/" + id + "/decision").with(SecurityFixtures.as(supervisorA))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"unsure\"}"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        assertThat(jdbc.sql("select status from linkage_candidate where id = ?").param(id).query(String.class)
                .single()).isEqualTo("UNSURE");
    }

    @Test
    void backfillEncodesSurvivorsWithoutEncodingAndPagesWorkInKhmer() throws Exception {
        String t = LinkageTestSupport.token();
        OpenedCase a = support.register(workerA, LinkageTestSupport.person("Bopha " + t, null));
        UUID sa = support.awaitEncoded(a.caseId());
        jdbc.sql("delete from linkage_encoding where survivor_id = ?").param(sa).update();
        assertThat(encodings.reconcile()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from linkage_encoding where survivor_id = ?").param(sa)
                .query(Integer.class).single()).isEqualTo(1);

        String km = mvc.perform(get("/linkage/candidates").header("Accept-Language", "km")
                .with(SecurityFixtures.as(supervisorA))).andReturn().getResponse().getContentAsString();
        assertThat(km).contains("អាចជាកំណត់ត្រាស្ទួន");
        String counts = mvc.perform(get("/linkage/counts").with(SecurityFixtures.as(analyst))).andReturn()
                .getResponse().getContentAsString();
        assertThat(counts).contains("Distinct people after confirmed links");
    }

    private String counts() throws Exception {
        return mvc.perform(get("/api/v1/linkage/counts").with(SecurityFixtures.as(analyst))).andReturn()
                .getResponse().getContentAsString();
    }

    private static long number(String json, String figure) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"" + figure + "\":\\{[^}]*\"value\":(\\d+)").matcher(json);
        assertThat(m.find()).as("figure %s in %s", figure, json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private long audits(CurrentUser actor, String action, UUID id) {
        return jdbc.sql("select count(*) from audit_event where actor_user_id = ? and action = ? "
                + "and subject_ids @> array[?]::text[] and outcome = 'SUCCESS'")
                .params(actor.userId(), action, id.toString()).query(Long.class).single();
    }
}
