package org.haven.prosecution;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.haven.security.CurrentUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Every proceeding endpoint × role × relation of the user's organisation to the proceeding × consent state. Relations:
 * owner (the investigating police unit), involved agency (prosecutor's office, legal-aid NGO), owner of a linked
 * survivor's case (shelter), unrelated organisation of the same kind (other police, other shelter), aggregate-only
 * (ministry analyst, donor). Consent: the survivor's consent for legal proceedings covers the police only, or the
 * police and the prosecutor's office.
 */
@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class ProceedingAuthorizationIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    VictimWitnessSupport victims;
    @Autowired
    Adjudication adjudication;
    @Autowired
    ProsecutionTestBeans.TestCases cases;

    World w;
    LocalDate today = LocalDate.now();

    record Fixture(UUID proceeding, UUID caseId, UUID victim, UUID suspect) {
    }

    @BeforeEach
    void setUp() {
        w = ProsecutionFixtures.world(jdbc);
    }

    @AfterEach
    void tearDown() {
        signOut();
    }

    /** A proceeding at the charge stage with a linked victim (consent covers police only) and a defendant. */
    Fixture fixture() {
        signIn(w.investigator());
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police());
        UUID id = tracking.open(ProsecutionFixtures.aComplaint(w, today.minusDays(30)));
        UUID victim = victims.link(id, caseId, VictimLink.Role.VICTIM);
        tracking.move(id, 0, Stage.INVESTIGATION, today.minusDays(20), null);
        UUID suspect = adjudication.recordSuspect(id, ProsecutionFixtures.aSuspect("012 999 000", null),
                Suspect.SchemeRole.BROKER);
        tracking.move(id, 1, Stage.CHARGE, today.minusDays(10), null);
        signOut();
        return new Fixture(id, caseId, victim, suspect);
    }

    Map<String, CurrentUser> users() {
        Map<String, CurrentUser> m = new LinkedHashMap<>();
        m.put("owner police investigator", w.investigator());
        m.put("involved prosecutor", w.prosecutor());
        m.put("involved legal officer", w.legalOfficer());
        m.put("case-owning shelter caseworker", w.caseworker());
        m.put("unrelated shelter caseworker", w.otherCaseworker());
        m.put("unrelated police investigator", w.otherInvestigator());
        m.put("aggregate-only analyst", w.analyst());
        m.put("aggregate-only donor", w.donor());
        return m;
    }

    int status(MockHttpServletRequestBuilder request, CurrentUser user) throws Exception {
        return mvc.perform(request.with(as(user)).with(csrf()).contentType(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getStatus();
    }

    String body(MockHttpServletRequestBuilder request, CurrentUser user) throws Exception {
        return mvc.perform(request.with(as(user))).andReturn().getResponse().getContentAsString();
    }

    @Test
    void readEndpoints() throws Exception {
        Fixture f = fixture();
        List<String> paths = List.of("", "/defendants", "/hearings", "/victims", "/compensation");
        Map<String, Integer> expected = Map.of("owner police investigator", 200, "involved prosecutor", 200,
                "involved legal officer", 200, "case-owning shelter caseworker", 200,
                "unrelated shelter caseworker", 404, "unrelated police investigator", 404,
                "aggregate-only analyst", 404, "aggregate-only donor", 404);
        for (String path : paths) {
            for (var u : users().entrySet()) {
                assertThat(status(get("/api/v1/proceedings/" + f.proceeding() + path), u.getValue()))
                        .as("GET %s as %s", path, u.getKey()).isEqualTo(expected.get(u.getKey()));
            }
        }
        // the list shows the proceeding to exactly the same users
        for (var u : users().entrySet()) {
            assertThat(body(get("/api/v1/proceedings").param("limit", "200"), u.getValue()).contains(f.proceeding().toString()))
                    .as("list as %s", u.getKey()).isEqualTo(expected.get(u.getKey()) == 200);
        }
    }

    @Test
    void writeEndpoints() throws Exception {
        Map<String, Function<Fixture, MockHttpServletRequestBuilder>> writes = new LinkedHashMap<>();
        writes.put("edit", f -> put("/api/v1/proceedings/" + f.proceeding())
                .content("{\"version\":2,\"provinceCode\":\"12\",\"exploitationForm\":\"FORCED_LABOUR\"}"));
        writes.put("stage", f -> post("/api/v1/proceedings/" + f.proceeding() + "/stage")
                .content("{\"version\":2,\"to\":\"TRIAL\",\"on\":\"" + today + "\"}"));
        writes.put("reopen", f -> post("/api/v1/proceedings/" + f.proceeding() + "/reopen")
                .content("{\"version\":2,\"on\":\"" + today + "\",\"reason\":\"OTHER\"}"));
        writes.put("hearing", f -> post("/api/v1/proceedings/" + f.proceeding() + "/hearings")
                .content("{\"scheduledAt\":\"" + java.time.Instant.now().plusSeconds(86400)
                        + "\",\"court\":\"Test Court\",\"type\":\"TRIAL\"}"));
        writes.put("defendant", f -> post("/api/v1/proceedings/" + f.proceeding() + "/defendants")
                .content("{\"role\":\"RECRUITER\",\"suspect\":{\"name\":\"Test Suspect Demo\"}}"));
        writes.put("charge", f -> post("/api/v1/proceedings/" + f.proceeding() + "/defendants/" + f.suspect()
                + "/charges").content("{\"statuteCode\":\"KH2008-ART10\",\"filedOn\":\"" + today + "\"}"));
        writes.put("support", f -> post("/api/v1/proceedings/" + f.proceeding() + "/victims/" + f.victim()
                + "/support").content("{\"kind\":\"TRANSPORT\",\"givenOn\":\"" + today + "\"}"));
        writes.put("agency", f -> post("/api/v1/proceedings/" + f.proceeding() + "/agencies")
                .content("{\"organisationId\":\"" + w.otherPolice() + "\",\"role\":\"OTHER\"}"));
        // status class expected: 2 = success, 4xx exact otherwise; reopen of an open proceeding is a 409 for writers
        Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
        for (String op : writes.keySet()) {
            int ok = op.equals("reopen") ? 409 : 2;
            expected.put(op, new LinkedHashMap<>(Map.of("owner police investigator", ok, "involved prosecutor", ok,
                    "involved legal officer", op.equals("support") ? 403 : 403,
                    "case-owning shelter caseworker", op.equals("support") ? 2 : 403,
                    "unrelated shelter caseworker", 404, "unrelated police investigator", 404,
                    "aggregate-only analyst", 404, "aggregate-only donor", 404)));
        }
        for (var op : writes.entrySet()) {
            for (var u : users().entrySet()) {
                Fixture f = fixture();
                int status = status(op.getValue().apply(f), u.getValue());
                int want = expected.get(op.getKey()).get(u.getKey());
                if (want == 2) {
                    assertThat(status / 100).as("%s as %s (%s)", op.getKey(), u.getKey(), status).isEqualTo(2);
                } else {
                    assertThat(status).as("%s as %s", op.getKey(), u.getKey()).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void shelterSeesTheCourseButNotTheInvestigation() throws Exception {
        Fixture f = fixture();
        String defendants = body(get("/api/v1/proceedings/" + f.proceeding() + "/defendants"), w.caseworker());
        assertThat(defendants).contains("BROKER").doesNotContain("Test Suspect").doesNotContain("012");
        String proceeding = body(get("/api/v1/proceedings/" + f.proceeding()), w.caseworker());
        assertThat(proceeding).contains("\"reach\":\"CASE_OWNER\"").doesNotContain("PR-TEST-1");
        assertThat(body(get("/api/v1/proceedings/" + f.proceeding() + "/defendants"), w.investigator()))
                .contains("Test Suspect Dara Demo");
        // the other shelter's survivors are not listed to this shelter
        signIn(w.investigator());
        UUID otherCase = cases.aCase(w.otherShelter(), w.otherCaseworker().userId(), w.police());
        victims.link(f.proceeding(), otherCase, VictimLink.Role.WITNESS);
        signOut();
        String list = body(get("/api/v1/proceedings/" + f.proceeding() + "/victims"), w.caseworker());
        assertThat(list).contains(f.caseId().toString()).doesNotContain(otherCase.toString());
    }

    @Test
    void policeAndProsecutorsSeeASurvivorOnlyWhileConsentCoversThem() throws Exception {
        Fixture f = fixture();
        String path = "/api/v1/proceedings/" + f.proceeding() + "/victims";
        assertThat(body(get(path), w.investigator())).contains(f.caseId().toString()).contains("\"consentCovers\":true");
        String withheld = body(get(path), w.prosecutor());
        assertThat(withheld).doesNotContain(f.caseId().toString()).contains("\"consentCovers\":false");

        cases.grant(f.caseId(), w.prosecution());
        assertThat(body(get(path), w.prosecutor())).contains(f.caseId().toString());
        int reads = jdbc.sql("select count(*) from audit_event where action = 'case.read' and purpose = 'LEGAL_PROCEEDINGS' "
                + "and subject_ids::text like ?").param("%" + f.caseId() + "%").query(Integer.class).single();
        assertThat(reads).isGreaterThanOrEqualTo(2);

        cases.revoke(f.caseId(), w.police());
        assertThat(body(get(path), w.investigator())).doesNotContain(f.caseId().toString());
    }

    @Test
    void aggregateOnlyRolesSeeStatisticsWithSmallCellsSuppressed() throws Exception {
        fixture();
        String analyst = body(get("/api/v1/proceedings/attrition").param("year", String.valueOf(today.minusDays(30).getYear())),
                w.analyst());
        assertThat(analyst).contains("\"suppressed\":true").contains("\"threshold\":11");
        String police = body(get("/api/v1/proceedings/attrition").param("year", String.valueOf(today.minusDays(30).getYear())),
                w.investigator());
        assertThat(police).contains("\"suppressed\":false");
    }
}
