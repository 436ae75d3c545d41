package org.haven;

import java.util.List;

/**
 * The Spring-backed commands, listed for {@code help} without starting Spring (which would start the database).
 * Keep in step with the {@link org.haven.shared.command.HavenCommand} beans; {@code CommandLineTests} checks that
 * every bean is listed here.
 */
final class CommandCatalogue {

    private CommandCatalogue() {
    }

    static List<String[]> springCommands() {
        return List.of(
                new String[] {"audit verify", "check the audit hash chain; exit 0 with the count or 1 naming the first broken entry"},
                new String[] {"export ctdc", "de-identified CTDC-layout export through the k-anonymity gate: --k 11 --out FILE"},
                new String[] {"export htcds", "de-identified HTCDS v2.0 export through the k-anonymity gate: --k 11 --out FILE"},
                new String[] {"import ctdc", "load a CTDC CSV into the analysis tables: import ctdc FILE [--on-error skip|stop]"},
                new String[] {"users create", "create a user (the first system administrator of a new installation)"});
    }
}
