package org.haven.reporting.export;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code export identified --request ID --out FILE}: the password comes from the environment when there is no
 * console, never from the arguments (refused in any form, and never repeated in the error); the file is an
 * owner-only AES-256 ZIP made as the requester, once, audited with the channel and without the password.
 */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentifiedExportCommandIT {

    static final String CLI_PASSWORD = "Correct-Horse-Battery-Cli-8830";

    @Autowired
    IdentifiedExports exports;
    @Autowired
    CaseManagement cases;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Map<String, HavenCommand> commands;

    CurrentUser caseworker;
    CurrentUser supervisor;
    UUID first;

    @BeforeAll
    void aCaseOfAShelter() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        UUID shelter = fixtures.organisation(OrganisationType.SHELTER);
        caseworker = fixtures.user(shelter, Role.CASEWORKER);
        supervisor = fixtures.user(shelter, Role.CASE_SUPERVISOR);
        first = register(caseworker, "Api Export One");
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

    @Test
    void theCommandReadsThePasswordFromTheEnvironmentAndRefusesItAsAnArgument(@TempDir Path dir) throws Exception {
        HavenCommand declared = commands.values().stream().filter(c -> c.name().equals("export identified"))
                .findFirst().orElseThrow();
        assertThat(declared.summary()).contains("HAVEN_EXPORT_PASSWORD");
        UUID id = signedIn(caseworker, () -> exports.request(List.of(first), "Synthetic Court Case CLI/2025",
                "Testimony"));
        Path out = dir.resolve("court.zip");
        IdentifiedExportCommand refusing = new IdentifiedExportCommand(exports, jdbc, () -> null, name -> null);
        // A password as an argument, in any form, is refused before anything else, and never repeated.
        for (List<String> args : List.of(
                List.of("--request", id.toString(), "--out", out.toString(), "--password", CLI_PASSWORD),
                List.of("--request", id.toString(), "--password=" + CLI_PASSWORD, "--out", out.toString()),
                List.of("--request", id.toString(), "--out", out.toString(), CLI_PASSWORD))) {
            assertThatThrownBy(() -> refusing.run(args, System.out, System.err))
                    .isInstanceOf(CommandLineUsageException.class)
                    .hasMessageContaining("never taken from the command line")
                    .hasMessageNotContaining(CLI_PASSWORD);
        }
        // No console and no variable: refused, nothing written.
        assertThatThrownBy(() -> refusing.run(List.of("--request", id.toString(), "--out", out.toString()),
                System.out, System.err)).isInstanceOf(CommandLineUsageException.class)
                .hasMessageContaining("HAVEN_EXPORT_PASSWORD");
        // Not approved yet: a one-line failure, nothing written.
        IdentifiedExportCommand command = new IdentifiedExportCommand(exports, jdbc, () -> null,
                name -> "HAVEN_EXPORT_PASSWORD".equals(name) ? CLI_PASSWORD : null);
        assertThatThrownBy(() -> command.run(List.of("--request", id.toString(), "--out", out.toString()),
                System.out, System.err)).hasMessageContaining("not been approved");
        assertThat(out).doesNotExist();
        signedIn(supervisor, () -> {
            exports.approve(id, 0);
            return null;
        });
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = command.run(List.of("--request", id.toString(), "--out", out.toString()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("AES-256").doesNotContain(CLI_PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        assertThat(unzip(Files.readAllBytes(out), CLI_PASSWORD)).contains("Api Export One", code(first));
        assertThat(jdbc.sql("select actor_user_id from audit_event where action = 'export.identified.download' "
                + "and outcome = 'SUCCESS' and ? = any(subject_ids) and cast(details as text) like '%command-line%'")
                .param(id.toString()).query(UUID.class).single()).as("made as the requester").isEqualTo(caseworker.userId());
        assertThat(jdbc.sql("select count(*) from audit_event a where cast(a as text) like ?")
                .param("%" + CLI_PASSWORD + "%").query(Long.class).single()).isZero();
        // Once only.
        assertThatThrownBy(() -> command.run(List.of("--request", id.toString(), "--out", out.toString()),
                System.out, System.err)).hasMessageContaining("already been downloaded");
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
