package org.haven;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.haven.shared.command.HavenCommand;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@HavenIntegrationTest
class CommandLineIT {

    @Autowired
    Map<String, HavenCommand> commands;

    @Test
    void helpListsEveryCommandWithoutStartingSpring() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = HavenApplication.runCommand(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(status).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        List<String> names = commands.values().stream().map(HavenCommand::name).toList();
        assertThat(names).isNotEmpty();
        assertThat(help).contains(names.toArray(String[]::new));
        assertThat(help).contains("help");
    }

    @Test
    void anUnknownCommandExitsWithStatusTwoAndAOneLineReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HavenApplication.runCommand(new String[] {"frobnicate", "--haven.database.ephemeral=true"},
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("Unknown command: frobnicate").doesNotContain("\n");
    }
}
