package org.haven.cases;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.RecordIdentification;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Every correction of an identification decision is kept — reason (sealed), who, when, and the decision as it read
 * before — not only the latest: in the case API ({@code identifications[].corrections}) and on the case page. A
 * refused correction (stale version, bad input, voided decision) adds nothing to the history.
 */
@HavenIntegrationTest
class IdentificationCorrectionHistoryIT {

    static final String FIRST_REASON = "Test reason one: wrong authority recorded";
    static final String SECOND_REASON = "Test reason two: outcome confirmed by MoSAVY letter";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;

    CurrentUser caseworker;
    CurrentUser stranger;
    UUID caseId;
    UUID decision;

    @BeforeEach
    void setUp() {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        caseworker = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        stranger = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        caseId = new CaseFixtures(cases).anOpenCase(caseworker).caseId();
        SecurityFixtures.signIn(caseworker);
        try {
            decision = cases.recordIdentification(caseId, new RecordIdentification("Test Officer Demo", "NGO",
                    "Test form A", LocalDate.of(2024, 3, 1), "POSSIBLE_VICTIM"));
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private MvcResult correct(int version, String authority, String outcome, String reason) throws Exception {
        String body = "{\"version\":" + version + ",\"decidedBy\":\"Test Officer Demo\",\"authority\":\"" + authority
                + "\",\"form\":\"Test form B\",\"decidedOn\":\"2024-03-02\",\"outcome\":\"" + outcome + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
        return mvc.perform(put("/api/v1/cases/{id}/identifications/{d}", caseId, decision)
                .contentType(MediaType.APPLICATION_JSON).content(body).with(SecurityFixtures.as(caseworker))
                .with(csrf())).andReturn();
    }

    private int history() {
        return jdbc.sql("select count(*) from case_identification_correction where identification_id = ?")
                .param(decision).query(Integer.class).single();
    }

    private String page(CurrentUser user, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request.with(SecurityFixtures.as(user))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCorrectionIsKeptWithTheDecisionAsItReadBefore() throws Exception {
        assertThat(correct(0, "MOSAVY", "POSSIBLE_VICTIM", FIRST_REASON).getResponse().getStatus()).isEqualTo(204);
        assertThat(correct(1, "MOSAVY", "IDENTIFIED_VICTIM", SECOND_REASON).getResponse().getStatus()).isEqualTo(204);
        assertThat(history()).isEqualTo(2);

        String json = mvc.perform(get("/api/v1/cases/{id}", caseId).with(SecurityFixtures.as(caseworker)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Map<String, Object>> corrections = JsonPath.read(json, "$.identifications[0].corrections");
        assertThat(corrections).hasSize(2);
        assertThat(corrections.get(0)).containsEntry("reason", FIRST_REASON).containsEntry("previousAuthority", "NGO")
                .containsEntry("previousOutcome", "POSSIBLE_VICTIM").containsEntry("previousForm", "Test form A")
                .containsEntry("previousDecidedOn", "2024-03-01").containsEntry("previousDecidedBy", "Test Officer Demo")
                .containsEntry("correctedBy", caseworker.userId().toString());
        assertThat(corrections.get(1)).containsEntry("reason", SECOND_REASON).containsEntry("previousAuthority", "MOSAVY")
                .containsEntry("previousOutcome", "POSSIBLE_VICTIM").containsEntry("previousForm", "Test form B");
        assertThat((String) JsonPath.read(json, "$.identifications[0].correctionReason")).isEqualTo(SECOND_REASON);
        assertThat((String) JsonPath.read(json, "$.identifications[0].outcome")).isEqualTo("IDENTIFIED_VICTIM");

        // The reasons are sealed at rest like the rest of the decision.
        assertThat(jdbc.sql("""
                select count(*) from case_identification_correction
                where position(convert_to(?, 'UTF8') in reason_sealed) > 0 or position(convert_to(?, 'UTF8') in reason_sealed) > 0
                   or position(convert_to('Test Officer Demo', 'UTF8') in previous_decided_by_sealed) > 0""")
                .params(FIRST_REASON, SECOND_REASON).query(Integer.class).single()).isZero();

        // The case page lists both corrections, in English and in Khmer.
        String english = page(caseworker, get("/cases/{id}", caseId).param("lang", "en"));
        assertThat(english).contains("id=\"identification-history-" + decision + "\"").contains("Corrections (2)")
                .contains(FIRST_REASON).contains(SECOND_REASON).contains("Before: Possible victim");
        String khmer = page(caseworker, get("/cases/{id}", caseId).param("lang", "km"));
        assertThat(khmer).contains("ការកែតម្រូវ (").contains("មុនការកែតម្រូវ៖").contains(FIRST_REASON).contains(SECOND_REASON);
        // Another organisation sees nothing of it.
        assertThat(mvc.perform(get("/api/v1/cases/{id}", caseId).with(SecurityFixtures.as(stranger))).andReturn()
                .getResponse().getContentAsString()).doesNotContain(FIRST_REASON).doesNotContain("corrections");
    }

    @Test
    void aRefusedCorrectionAddsNothingToTheHistory() throws Exception {
        assertThat(correct(0, "MOSAVY", "POSSIBLE_VICTIM", FIRST_REASON).getResponse().getStatus()).isEqualTo(204);
        assertThat(correct(0, "DOSAVY", "NOT_A_VICTIM", SECOND_REASON).getResponse().getStatus()).as("stale").isEqualTo(409);
        assertThat(correct(1, "DOSAVY", "NOT_A_VICTIM", null).getResponse().getStatus()).as("no reason").isEqualTo(400);
        assertThat(correct(1, "DOSAVY", "MAYBE", SECOND_REASON).getResponse().getStatus()).as("bad code").isEqualTo(400);
        assertThat(history()).isEqualTo(1);
        assertThat(mvc.perform(post("/api/v1/cases/{id}/identifications/{d}/voiding", caseId, decision)
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":1,\"reason\":\"Test void reason\"}")
                .with(SecurityFixtures.as(caseworker)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(correct(2, "DOSAVY", "NOT_A_VICTIM", SECOND_REASON).getResponse().getStatus()).as("void").isEqualTo(409);
        assertThat(history()).isEqualTo(1);
        assertThat(page(caseworker, get("/cases/{id}", caseId).param("lang", "en"))).contains("Corrections (1)")
                .contains(FIRST_REASON).doesNotContain(SECOND_REASON);
    }
}
