package org.haven.security.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.haven.HavenApplication;
import org.haven.HavenIntegrationTest;
import org.haven.shared.command.CommandLineUsageException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code users create}: the first administrator of an empty installation, and its refusals. */
@HavenIntegrationTest
class UsersCreateCommandIT {

    @Autowired
    UsersCreateCommand command;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignIn signIn;

    @Test
    void createsTheOrganisationAndAnAdministratorWhoCanSignIn() {
        String org = "Test Installation Synthetic " + suffix();
        String username = "it.admin." + suffix();
        command.passwordSources(() -> "violet tractor monsoon ledger", () -> null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = command.run(List.of("--username", username, "--organisation", org, "--role", "SYSTEM_ADMIN"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(username).doesNotContain("violet");
        assertThat(jdbc.sql("select type || ':' || country_code from organisation where name = ?").param(org)
                .query(String.class).single()).isEqualTo("SYSTEM:KH");
        assertThat(signIn.checkPassword(username, "violet tractor monsoon ledger", "test")).isPresent();
        UUID id = jdbc.sql("select id from app_user where username = ?").param(username).query(UUID.class).single();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'user.create' and ? = any(subject_ids) "
                + "and actor_username = 'system'").param(id.toString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void takesAnEMailAddressAndRefusesABadOne() {
        command.passwordSources(() -> "violet tractor monsoon ledger", () -> null);
        String org = "Test Installation Synthetic " + suffix();
        String username = "it.mail." + suffix();
        assertThat(command.run(List.of("--username", username, "--organisation", org, "--role", "ORG_ADMIN",
                "--email", "admin@ngo.example.org"), System.out, System.err)).isZero();
        assertThat(jdbc.sql("select email from app_user where username = ?").param(username).query(String.class)
                .single()).isEqualTo("admin@ngo.example.org");
        String refused = "it.mail." + suffix();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(command.run(List.of("--username", refused, "--organisation", org, "--role", "ORG_ADMIN",
                "--email", "not-an-address"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("e-mail address");
        assertThat(jdbc.sql("select count(*) from app_user where username = ?").param(refused).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void readsThePasswordFromStandardInputThroughTheRealCommandLine() {
        String username = "it.stdin." + suffix();
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream("violet tractor monsoon ledger\n".getBytes(StandardCharsets.UTF_8)));
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = HavenApplication.runCommand(new String[] {"users", "create", "--username", username,
                    "--organisation", "Test Ministry Synthetic " + suffix(), "--organisation-type", "MINISTRY",
                    "--role", "DATA_ANALYST", "--haven.database.ephemeral=true"},
                    System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setIn(original);
        }
        assertThat(jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void refusesAWeakPasswordAndAPasswordOnTheCommandLine() {
        command.passwordSources(() -> "qwerty123456", () -> null);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String username = "it.weak." + suffix();
        int status = command.run(List.of("--username", username, "--organisation", "Test Org Synthetic " + suffix(),
                "--role", "SYSTEM_ADMIN"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("most commonly used");
        assertThat(jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Integer.class)
                .single()).isZero();

        assertThatThrownBy(() -> command.run(List.of("--username", "x.y.z", "--password", "secret", "--organisation", "O",
                "--role", "SYSTEM_ADMIN"), System.out, System.err)).isInstanceOf(CommandLineUsageException.class);
        assertThatThrownBy(() -> command.run(List.of("--username", "x.y.z", "--organisation", "O", "--role", "KING"),
                System.out, System.err)).isInstanceOf(CommandLineUsageException.class);
        assertThatThrownBy(() -> command.run(List.of("--username", "x.y.z"), System.out, System.err))
                .isInstanceOf(CommandLineUsageException.class);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
