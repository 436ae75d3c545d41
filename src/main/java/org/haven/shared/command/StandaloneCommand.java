package org.haven.shared.command;

import java.io.PrintStream;
import java.util.List;

/**
 * A command that runs without Spring and without a database (for example batch record linkage over CSV files), so
 * it starts in milliseconds. Registered through {@code META-INF/services/org.haven.shared.command.StandaloneCommand}.
 * Same exit-status contract as {@link HavenCommand}.
 */
public interface StandaloneCommand {

    String name();

    String summary();

    int run(List<String> args, PrintStream out, PrintStream err);
}
