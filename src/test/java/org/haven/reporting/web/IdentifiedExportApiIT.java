package org.haven.reporting.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.jayway.jsonpath.JsonPath;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.model.LocalFileHeader;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.RegisterSurvivor;
import org.haven.cases.CaseCommands.SurvivorProfile;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.reporting.IdentifiedExports;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Identified exports by case code, through the API and the command line: unknown codes and codes of cases out of
 * reach get the same field error (existence never revealed); the API refuses self-approval and another
 * organisation; the password travels in the request body only and appears in no log line (DEBUG captured), audit
 * event or table. The command line: {@link org.haven.reporting.export.IdentifiedExportCommandIT}.
 */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentifiedExportApiIT {

    static final String PASSWORD = "Correct-Horse-Battery-Api-4421";

    @Autowired
    IdentifiedExports exports;
    @Autowired
    CaseManagement cases;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    CurrentUser caseworker;
    CurrentUser supervisor;
    CurrentUser otherSupervisor;
    CurrentUser otherCaseworker;
    UUID first;
    UUID second;
    UUID foreign;

    @BeforeAll
    void casesOfTwoShelters() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        UUID shelter = fixtures.organisation(OrganisationType.SHELTER);
        UUID otherShelter = fixtures.organisation(OrganisationType.SHELTER);
        caseworker = fixtures.user(shelter, Role.CASEWORKER);
        supervisor = fixtures.user(shelter, Role.CASE_SUPERVISOR);
        otherSupervisor = fixtures.user(otherShelter, Role.CASE_SUPERVISOR);
        otherCaseworker = fixtures.user(otherShelter, Role.CASEWORKER);
        first = register(caseworker, "Api Export One");
        second = register(caseworker, "Api Export Two");
        foreign = register(otherCaseworker, "Api Export Foreign");
    }

    private UUID register(CurrentUser user, String given) {
        SecurityFixtures.signIn(user);
        try {
            return cases.registerSurvivor(new RegisterSurvivor(CaseFixtures.identity("Test Survivor", given),
                    new SurvivorProfile("FEMALE", "WOMAN", 1993, null, "KHM", List.of("km"), "NONE", "0102"),
                    java.time.LocalDate.of(2025, 5, 1), "HOTLINE", "MEDIUM", null, true)).caseId();
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private String code(UUID caseId) {
        return jdbc.sql("select case_code from survivor_case where id = ?").param(caseId).query(String.class).single();
    }

    private long requests() {
        return jdbc.sql("select count(*) from identified_export").query(Long.class).single();
    }

    private String json(String caseCodes, String reference) {
        return "{\"caseCodes\":[" + caseCodes + "],\"proceedingReference\":\"" + reference
                + "\",\"purpose\":\"Testimony in the trial\"}";
    }

    private String apiRequest(CurrentUser user, String body, int expected) throws Exception {
        return mvc.perform(post("/api/v1/reports/identified-exports").contentType(MediaType.APPLICATION_JSON)
                .content(body).with(as(user)).with(csrf())).andExpect(status().is(expected)).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void unknownCodesAndCodesOutOfReachGetTheSameFieldErrorOnThePageAndTheApi() throws Exception {
        long before = requests();
        String unknown = "HVN-0000-0000";
        String outOfReach = code(foreign);
        String unknownAnswer = apiRequest(caseworker, json("\"" + code(first) + "\",\"" + unknown + "\"", "Case A"), 400);
        String foreignAnswer = apiRequest(caseworker, json("\"" + code(first) + "\",\"" + outOfReach + "\"", "Case A"),
                400);
        assertThat(unknownAnswer).contains("caseCodes", "No case you can open has this code: " + unknown)
                .doesNotContain(code(first));
        assertThat(foreignAnswer).contains("caseCodes", "No case you can open has this code: " + outOfReach);
        assertThat(foreignAnswer.replace(outOfReach, unknown)).as("the same answer: existence not revealed")
                .isEqualTo(unknownAnswer);
        assertThat(apiRequest(caseworker, json("", "Case A"), 400)).contains("caseCodes");
        // The page: the same error beside the field, in English and Khmer, and what was typed is kept.
        String page = mvc.perform(post("/reports/identified-exports").param("caseCodes", outOfReach)
                .param("proceedingReference", "Case A").param("purpose", "Trial").with(as(caseworker)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"caseCodes-error\"", "No case you can open has this code: " + outOfReach,
                "aria-invalid=\"true\"");
        String km = mvc.perform(post("/reports/identified-exports").param("lang", "km").param("caseCodes", unknown)
                .param("proceedingReference", "").param("purpose", "Trial").with(as(caseworker)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(km).contains("គ្មានករណីណាដែលអ្នកអាចបើកមានលេខកូដនេះទេ៖ " + unknown,
                "id=\"proceedingReference\"");
        assertThat(requests()).as("nothing filed").isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'export.identified.request' "
                + "and outcome = 'DENIED' and ? = any(subject_ids)").param(foreign.toString()).query(Long.class)
                .single()).as("the attempt on another organisation's case is audited").isPositive();
        // Codes are taken in any case and without hyphens.
        String created = apiRequest(caseworker, json("\"" + code(first).toLowerCase() + "\",\""
                + code(second).replace("-", "") + "\"", "Case B"), 201);
        assertThat((Integer) JsonPath.read(created, "$.cases")).isEqualTo(2);
        assertThat((String) JsonPath.read(created, "$.status")).isEqualTo("REQUESTED");
    }

    @Test
    void theApiRefusesSelfApprovalAndOtherOrganisationsAndDownloadsOnceWithThePasswordInTheBody() throws Exception {
        String created = apiRequest(caseworker, json("\"" + code(first) + "\",\"" + code(second) + "\"",
                "Synthetic Court Case API/2025"), 201);
        UUID id = UUID.fromString(JsonPath.read(created, "$.id"));
        String decision = "{\"id\":\"" + id + "\",\"version\":0}";
        // Not the requester themselves (a caseworker who also supervises), not another organisation.
        CurrentUser supervisingCaseworker = new SecurityFixtures(jdbc).user(caseworker.organisationId(),
                Role.CASEWORKER, Role.CASE_SUPERVISOR);
        String own = apiRequest(supervisingCaseworker, json("\"" + code(first) + "\"", "Own request"), 201);
        UUID ownId = UUID.fromString(JsonPath.read(own, "$.id"));
        mvc.perform(post("/api/v1/reports/identified-exports/approve").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"" + ownId + "\",\"version\":0}").with(as(supervisingCaseworker)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select status from identified_export where id = ?").param(ownId).query(String.class)
                .single()).isEqualTo("REQUESTED");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'export.identified.approve' "
                + "and outcome = 'DENIED' and ? = any(subject_ids)").param(ownId.toString()).query(Long.class)
                .single()).isEqualTo(1);
        mvc.perform(post("/api/v1/reports/identified-exports/approve").contentType(MediaType.APPLICATION_JSON)
                .content(decision).with(as(otherSupervisor)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/reports/identified-exports/approve").contentType(MediaType.APPLICATION_JSON)
                .content(decision).with(as(caseworker)).with(csrf())).andExpect(status().isForbidden());
        String list = mvc.perform(get("/api/v1/reports/identified-exports").with(as(otherSupervisor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain(id.toString());
        // Download before approval: 409; approval by the supervisor; a stale version: 409.
        String download = "{\"id\":\"" + id + "\",\"password\":\"" + PASSWORD + "\"}";
        mvc.perform(post("/api/v1/reports/identified-exports/download").contentType(MediaType.APPLICATION_JSON)
                .content(download).with(as(caseworker)).with(csrf())).andExpect(status().isConflict());
        String approved = mvc.perform(post("/api/v1/reports/identified-exports/approve")
                .contentType(MediaType.APPLICATION_JSON).content(decision).with(as(supervisor)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(approved, "$.status")).isEqualTo("APPROVED");
        mvc.perform(post("/api/v1/reports/identified-exports/refuse").contentType(MediaType.APPLICATION_JSON)
                .content(decision).with(as(supervisor)).with(csrf())).andExpect(status().isConflict());
        // The password never in the URL: without a body the download is refused, whatever the query says.
        mvc.perform(post("/api/v1/reports/identified-exports/download").param("id", id.toString())
                .param("password", PASSWORD).with(as(caseworker)).with(csrf())).andExpect(status().is4xxClientError());
        mvc.perform(post("/api/v1/reports/identified-exports/download").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"" + id + "\",\"password\":\"short\"}").with(as(caseworker)).with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/reports/identified-exports/download").contentType(MediaType.APPLICATION_JSON)
                .content(download).with(as(supervisor)).with(csrf())).andExpect(status().isNotFound());

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        byte[] zip;
        try {
            zip = mvc.perform(post("/api/v1/reports/identified-exports/download").contentType(MediaType.APPLICATION_JSON)
                    .content(download).with(as(caseworker)).with(csrf()))
                    .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/zip"))
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andReturn().getResponse().getContentAsByteArray();
        } finally {
            root.setLevel(level);
            root.detachAppender(captured);
        }
        assertThat(captured.list).as("DEBUG logging was captured").isNotEmpty();
        for (ILoggingEvent e : captured.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(PASSWORD).doesNotContain("Test Survivor");
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(PASSWORD);
            }
        }
        assertThat(unzip(zip, PASSWORD)).contains("Api Export One", "Api Export Two", code(first));
        assertThatThrownBy(() -> unzip(zip, "Wrong-password-000000")).isInstanceOf(Exception.class);
        mvc.perform(post("/api/v1/reports/identified-exports/download").contentType(MediaType.APPLICATION_JSON)
                .content(download).with(as(caseworker)).with(csrf())).andExpect(status().isConflict());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'export.identified.download' "
                + "and outcome = 'SUCCESS' and ? = any(subject_ids) and cast(details as text) like '%api%'")
                .param(id.toString()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event a where cast(a as text) like ?")
                .param("%" + PASSWORD + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from identified_export e where cast(e as text) like ?")
                .param("%" + PASSWORD + "%").query(Long.class).single()).isZero();
    }

    private <T> T signedIn(CurrentUser user, java.util.function.Supplier<T> action) {
        SecurityFixtures.signIn(user);
        try {
            return action.get();
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private static String unzip(byte[] zip, String password) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), password.toCharArray())) {
            LocalFileHeader entry = in.getNextEntry();
            assertThat(entry).isNotNull();
            assertThat(entry.isEncrypted()).isTrue();
            assertThat(entry.getAesExtraDataRecord().getAesKeyStrength().getKeyLength()).isEqualTo(32);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
