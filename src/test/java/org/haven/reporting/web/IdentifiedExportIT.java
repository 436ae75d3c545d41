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
import org.haven.shared.web.Conflict;
import org.haven.shared.web.NotFound;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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
 * An identified export needs a second person of the same organisation, never the requester; the requester downloads
 * it once as an AES-256 ZIP that opens with the password and holds the survivors' identity; the password appears in
 * no log line (captured at DEBUG) and in no audit event or table; every step is audited.
 */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentifiedExportIT {

    static final String PASSWORD = "Correct-Horse-Battery-7319";

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
    CurrentUser orgAdmin;
    CurrentUser supervisingCaseworker;
    CurrentUser otherSupervisor;
    CurrentUser analyst;
    UUID first;
    UUID second;

    @BeforeAll
    void twoCasesOfOneShelter() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        UUID shelter = fixtures.organisation(OrganisationType.SHELTER);
        caseworker = fixtures.user(shelter, Role.CASEWORKER);
        supervisor = fixtures.user(shelter, Role.CASE_SUPERVISOR);
        orgAdmin = fixtures.user(shelter, Role.ORG_ADMIN);
        supervisingCaseworker = fixtures.user(shelter, Role.CASEWORKER, Role.CASE_SUPERVISOR);
        otherSupervisor = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.CASE_SUPERVISOR);
        analyst = fixtures.user(fixtures.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
        SecurityFixtures.signIn(caseworker);
        try {
            first = register("Export One");
            second = register("Export Two");
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private UUID register(String given) {
        return cases.registerSurvivor(new RegisterSurvivor(CaseFixtures.identity("Test Survivor", given),
                new SurvivorProfile("FEMALE", "WOMAN", 1994, null, "KHM", List.of("km"), "NONE", "0102"),
                java.time.LocalDate.of(2025, 4, 1), "HOTLINE", "MEDIUM", null, true)).caseId();
    }

    private <T> T signedIn(CurrentUser user, java.util.function.Supplier<T> action) {
        SecurityFixtures.signIn(user);
        try {
            return action.get();
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private UUID requestBy(CurrentUser user) {
        return signedIn(user, () -> exports.request(List.of(first, second), "Synthetic Court Case 12/2025",
                "Testimony of the survivors in the trial"));
    }

    private String code(UUID caseId) {
        return jdbc.sql("select case_code from survivor_case where id = ?").param(caseId).query(String.class).single();
    }

    private int version(UUID id) {
        return jdbc.sql("select version from identified_export where id = ?").param(id).query(Integer.class).single();
    }

    @Test
    void downloadNeedsASecondPersonsApprovalAndSelfApprovalIsRefused() throws Exception {
        UUID id = requestBy(caseworker);
        assertThatThrownBy(() -> signedIn(caseworker, () -> exports.download(id, PASSWORD.toCharArray())))
                .isInstanceOf(Conflict.class);
        // A caseworker cannot approve at all; a supervisor who requested cannot approve their own request.
        mvc.perform(post("/reports/identified-exports/approve").param("id", id.toString()).param("version", "0")
                .with(as(caseworker)).with(csrf())).andExpect(status().isForbidden());
        UUID own = requestBy(supervisingCaseworker);
        mvc.perform(post("/reports/identified-exports/approve").param("id", own.toString()).param("version", "0")
                .with(as(supervisingCaseworker)).with(csrf())).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select status from identified_export where id = ?").param(own).query(String.class)
                .single()).isEqualTo("REQUESTED");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'export.identified.approve' "
                + "and outcome = 'DENIED' and ? = any(subject_ids)").param(own.toString()).query(Long.class).single())
                .isEqualTo(1);
        // The table refuses self-approval too, should the service ever be bypassed.
        assertThatThrownBy(() -> jdbc.sql("update identified_export set status = 'APPROVED', decided_by = requested_by, "
                + "decided_at = now() where id = ?").param(own).update()).isInstanceOf(Exception.class);
        // Refused requests cannot be downloaded either.
        signedIn(orgAdmin, () -> {
            exports.refuse(own, version(own));
            return null;
        });
        assertThatThrownBy(() -> signedIn(supervisingCaseworker, () -> exports.download(own, PASSWORD.toCharArray())))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void anotherOrganisationCannotSeeOrApproveTheRequest() throws Exception {
        UUID id = requestBy(caseworker);
        assertThatThrownBy(() -> signedIn(otherSupervisor, () -> {
            exports.approve(id, version(id));
            return null;
        })).isInstanceOf(NotFound.class);
        mvc.perform(post("/reports/identified-exports/approve").param("id", id.toString())
                .param("version", String.valueOf(version(id))).with(as(otherSupervisor)).with(csrf()))
                .andExpect(status().isNotFound());
        String page = mvc.perform(get("/reports/identified-exports").with(as(otherSupervisor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain(id.toString()).doesNotContain("Synthetic Court Case");
        // Nor can it request an export of cases it cannot open, and aggregate-only roles reach none of it.
        CurrentUser otherCaseworker = new SecurityFixtures(jdbc).user(otherSupervisor.organisationId(), Role.CASEWORKER);
        assertThatThrownBy(() -> requestBy(otherCaseworker)).isInstanceOf(NotFound.class);
        mvc.perform(get("/reports/identified-exports").with(as(analyst))).andExpect(status().isForbidden());
        mvc.perform(post("/reports/identified-exports/download").param("id", id.toString())
                .param("password", PASSWORD).param("passwordRepeat", PASSWORD).with(as(analyst)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThatThrownBy(() -> signedIn(otherSupervisor, () -> exports.download(id, PASSWORD.toCharArray())))
                .isInstanceOf(NotFound.class);
        assertThat(jdbc.sql("select status from identified_export where id = ?").param(id).query(String.class)
                .single()).isEqualTo("REQUESTED");
    }

    @Test
    void approvedExportDecryptsWithThePasswordOnceAndThePasswordIsNeitherLoggedNorAudited() throws Exception {
        mvc.perform(post("/reports/identified-exports").param("caseCodes", code(first) + "\n" + code(second).toLowerCase())
                .param("proceedingReference", "Synthetic Court Case 99/2025").param("purpose", "Trial testimony")
                .with(as(caseworker)).with(csrf())).andExpect(status().is3xxRedirection());
        UUID id = jdbc.sql("select id from identified_export where proceeding_reference = 'Synthetic Court Case 99/2025'")
                .query(UUID.class).single();
        String page = mvc.perform(get("/reports/identified-exports").with(as(supervisor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Synthetic Court Case 99/2025").contains("/reports/identified-exports/approve")
                .doesNotContain("Test Survivor");
        mvc.perform(post("/reports/identified-exports/approve").param("id", id.toString())
                .param("version", String.valueOf(version(id))).with(as(supervisor)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        // Mismatched or short passwords are refused without spending the one download.
        String mismatch = mvc.perform(post("/reports/identified-exports/download").param("id", id.toString())
                .param("password", PASSWORD).param("passwordRepeat", PASSWORD + "x").with(as(caseworker)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(mismatch).contains("The two passwords differ");
        mvc.perform(post("/reports/identified-exports/download").param("id", id.toString())
                .param("password", "short").param("passwordRepeat", "short").with(as(caseworker)).with(csrf()))
                .andExpect(status().isOk());
        // The approver is not the requester: to them the file does not exist.
        mvc.perform(post("/reports/identified-exports/download").param("id", id.toString())
                .param("password", PASSWORD).param("passwordRepeat", PASSWORD).with(as(supervisor)).with(csrf()))
                .andExpect(status().isNotFound());

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        byte[] zip;
        try {
            zip = mvc.perform(post("/reports/identified-exports/download").param("id", id.toString())
                    .param("password", PASSWORD).param("passwordRepeat", PASSWORD).with(as(caseworker)).with(csrf()))
                    .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/zip"))
                    .andReturn().getResponse().getContentAsByteArray();
        } finally {
            root.setLevel(before);
            root.detachAppender(captured);
        }
        assertThat(captured.list).as("DEBUG logging was captured").isNotEmpty();
        for (ILoggingEvent e : captured.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(PASSWORD).doesNotContain("Test Survivor");
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(PASSWORD);
            }
        }
        assertThat(new String(zip, StandardCharsets.ISO_8859_1)).doesNotContain("Test Survivor").doesNotContain("Export One");

        String csv = unzip(zip, PASSWORD);
        assertThat(csv).startsWith("caseId,caseCode,familyName,givenName").contains("Test Survivor")
                .contains("Export One").contains("Export Two").contains(first.toString()).contains(second.toString())
                .contains("1994");
        assertThatThrownBy(() -> unzip(zip, "Wrong-password-000000")).isInstanceOf(Exception.class);

        // Once only.
        mvc.perform(post("/reports/identified-exports/download").param("id", id.toString())
                .param("password", PASSWORD).param("passwordRepeat", PASSWORD).with(as(caseworker)).with(csrf()))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select status from identified_export where id = ?").param(id).query(String.class).single())
                .isEqualTo("DOWNLOADED");

        // Every step audited; each case read for the file audited as the requester's read; no password anywhere.
        List<String> actions = jdbc.sql("select action || ':' || outcome from audit_event where ? = any(subject_ids) "
                + "and action like 'export.identified.%' order by id").param(id.toString()).query(String.class).list();
        assertThat(actions).containsSubsequence("export.identified.request:SUCCESS",
                "export.identified.approve:SUCCESS", "export.identified.download:DENIED",
                "export.identified.download:SUCCESS");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'case.read' and actor_user_id = ? "
                + "and ? = any(subject_ids)").params(caseworker.userId(), first.toString()).query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from audit_event a where cast(a as text) like ?")
                .param("%" + PASSWORD + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from identified_export e where cast(e as text) like ?")
                .param("%" + PASSWORD + "%").query(Long.class).single()).isZero();
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
