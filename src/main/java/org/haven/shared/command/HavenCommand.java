package org.haven.shared.command;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of the {@code java -jar haven.jar <command> …} command line that needs the application context
 * (database, services). Implementations are Spring beans; {@link org.haven.HavenApplication} starts Spring without
 * the web server, finds the bean whose {@link #name()} matches the leading words of the arguments, runs it and exits
 * with the status it returns.
 *
 * <p>Contract: exit status 0 on success; non-zero with a one-line reason on {@code err} otherwise (2 for bad usage).
 * Output never contains names, contacts or notes of people.
 */
public interface HavenCommand {

    /** The words that select this command, e.g. {@code "audit verify"}. */
    String name();

    /** One line for {@code help}. */
    String summary();

    /** Runs the command with the arguments that follow its name. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
