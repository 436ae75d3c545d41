package org.haven.security.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.haven.shared.web.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * {@code users create}: creates a user, and their organisation if it does not exist yet. This is how the first
 * system administrator of a new, empty installation is made (docs/operations.md, "First administrator and users").
 *
 * <p>The password never appears on the command line (where other users of the machine could read it in the process
 * list and shell history): it comes from {@code HAVEN_NEW_USER_PASSWORD}, else from the console (asked twice,
 * not echoed), else from the first line of standard input.
 */
@Component
class UsersCreateCommand implements HavenCommand {

    static final String PASSWORD_ENV = "HAVEN_NEW_USER_PASSWORD";
    static final String USAGE = "Usage: users create --username U --organisation \"Name\" [--organisation-type SYSTEM] "
            + "[--country KH] [--display-name \"Name\"] [--email name@example.org] --role ROLE [--role ROLE ...] "
            + "(password from " + PASSWORD_ENV + ", the console or standard input)";

    private final AccountSetup setup;
    private Supplier<String> environmentPassword = () -> System.getenv(PASSWORD_ENV);
    private Supplier<String> stdinPassword = UsersCreateCommand::readPassword;

    UsersCreateCommand(AccountSetup setup) {
        this.setup = setup;
    }

    /** Tests: where the password comes from. */
    void passwordSources(Supplier<String> environment, Supplier<String> stdin) {
        this.environmentPassword = environment;
        this.stdinPassword = stdin;
    }

    @Override
    public String name() {
        return "users create";
    }

    @Override
    public String summary() {
        return "create a user (the first system administrator of a new installation)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String username = null;
        String organisation = null;
        String displayName = null;
        String email = null;
        OrganisationType type = OrganisationType.SYSTEM;
        String country = "KH";
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--password") || option.startsWith("--password=")) {
                throw new CommandLineUsageException("Refusing --password: set " + PASSWORD_ENV
                        + " or type the password when asked.");
            }
            if (i + 1 >= args.size()) {
                throw new CommandLineUsageException("Missing value for " + option + ". " + USAGE);
            }
            String value = args.get(++i);
            switch (option) {
                case "--username" -> username = value;
                case "--organisation" -> organisation = value;
                case "--display-name" -> displayName = value;
                case "--email" -> email = value;
                case "--country" -> country = value.toUpperCase(Locale.ROOT);
                case "--organisation-type" -> type = parse(OrganisationType.class, value, option);
                case "--role" -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .forEach(r -> roles.add(parse(Role.class, r, option)));
                default -> throw new CommandLineUsageException("Unknown option " + option + ". " + USAGE);
            }
        }
        if (username == null || organisation == null || roles.isEmpty()) {
            throw new CommandLineUsageException(USAGE);
        }
        String password = environmentPassword.get();
        if (password == null || password.isEmpty()) {
            password = stdinPassword.get();
        }
        if (password == null || password.isEmpty()) {
            err.println("No password given: set " + PASSWORD_ENV + " or type it when asked.");
            return 1;
        }
        try {
            UUID organisationId = setup.ensureOrganisation(organisation, type, country);
            UUID id = setup.createUser(organisationId, username, displayName == null ? username : displayName, roles,
                    password, false, true, email);
            out.println("Created user " + username + " (" + id + ") with roles " + roles + " in organisation "
                    + organisationId + ".");
            return 0;
        } catch (InvalidInput e) {
            err.println("Not created: " + e.getMessage());
            return 1;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLineUsageException("Unknown value for " + option + ": " + value + " (one of "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    private static String readPassword() {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password for the new user: ");
            char[] second = console.readPassword("Repeat the password: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new CommandLineUsageException("The passwords do not match.");
            }
            return new String(first);
        }
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            return line == null ? null : line.stripTrailing();
        } catch (IOException e) {
            return null;
        }
    }

}
