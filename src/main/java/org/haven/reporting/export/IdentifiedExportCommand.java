package org.haven.reporting.export;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.haven.reporting.IdentifiedExports;
import org.haven.security.Authorities;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code export identified --request ID --out FILE}: the encrypted file of an approved identified export, written
 * owner-readable only. The password is read from the console ({@link Console#readPassword}, asked twice) or, when
 * there is no console, from the environment variable {@value #PASSWORD_VARIABLE}; never from the arguments, where it
 * would stay in the shell history and the process list: a password given as an argument is refused, and no argument
 * value is ever repeated in an error message. The export is made as its requester (the only person who may download
 * it: access to every case is checked again and every case read audited as theirs), once, like on the page; the
 * audit event notes the command line.
 */
class IdentifiedExportCommand implements HavenCommand {

    static final String PASSWORD_VARIABLE = "HAVEN_EXPORT_PASSWORD";
    static final String USAGE = "usage: export identified --request ID --out FILE (password: typed when asked, or "
            + "the environment variable " + PASSWORD_VARIABLE + " when there is no console)";
    static final String NO_PASSWORD_ARGUMENT = "Refused: a password is never taken from the command line (it would "
            + "stay in the shell history and the process list). Type it when asked, or set " + PASSWORD_VARIABLE
            + ".";

    private final IdentifiedExports exports;
    private final JdbcClient jdbc;
    private final Supplier<Console> console;
    private final Function<String, String> environment;

    IdentifiedExportCommand(IdentifiedExports exports, JdbcClient jdbc) {
        this(exports, jdbc, System::console, System::getenv);
    }

    IdentifiedExportCommand(IdentifiedExports exports, JdbcClient jdbc, Supplier<Console> console,
            Function<String, String> environment) {
        this.exports = exports;
        this.jdbc = jdbc;
        this.console = console;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "export identified";
    }

    @Override
    public String summary() {
        return "encrypted file of an approved identified export (password from the console or "
                + PASSWORD_VARIABLE + ", never an argument)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        UUID request = null;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.toLowerCase(java.util.Locale.ROOT).contains("password") || a.equals("-p")) {
                throw new CommandLineUsageException(NO_PASSWORD_ARGUMENT);
            }
            if (!a.equals("--request") && !a.equals("--out")) {
                // Possibly a password typed as an argument: say so, without repeating it.
                throw new CommandLineUsageException("Unexpected argument (not repeated here). " + NO_PASSWORD_ARGUMENT
                        + " " + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new CommandLineUsageException(USAGE);
            }
            String v = args.get(++i);
            if (a.equals("--request")) {
                try {
                    request = UUID.fromString(v.strip());
                } catch (IllegalArgumentException e) {
                    throw new CommandLineUsageException("--request takes the id of the export request. " + USAGE);
                }
            } else {
                file = Path.of(v);
            }
        }
        if (request == null || file == null) {
            throw new CommandLineUsageException(USAGE);
        }
        char[] password = password();
        try {
            CurrentUser requester = requester(request);
            if (requester == null) {
                err.println("No approved export request " + request + " of an enabled user.");
                return 1;
            }
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(requester, null, Authorities.of(requester)));
            IdentifiedExports.ExportFile export;
            try {
                export = exports.download(request, password, "command-line");
            } finally {
                SecurityContextHolder.clearContext();
            }
            write(file, export.content());
            out.println("Written " + file + " (" + export.content().length + " bytes): a ZIP encrypted with AES-256. "
                    + "Give the password to the recipient by another channel.");
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** From the console (twice), or the environment variable when there is no console. */
    private char[] password() {
        Console c = console.get();
        if (c != null) {
            char[] first = c.readPassword("Password for the export file (at least %d characters): ",
                    IdentifiedExports.MIN_PASSWORD);
            char[] second = c.readPassword("Repeat the password: ");
            try {
                if (first == null || second == null || !Arrays.equals(first, second)) {
                    if (first != null) {
                        Arrays.fill(first, '\0');
                    }
                    throw new CommandLineUsageException("The two passwords differ.");
                }
                return first;
            } finally {
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
            }
        }
        String fromEnvironment = environment.apply(PASSWORD_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            throw new CommandLineUsageException("No console to ask for the password, and " + PASSWORD_VARIABLE
                    + " is not set. " + USAGE);
        }
        if (fromEnvironment.length() < IdentifiedExports.MIN_PASSWORD) {
            throw new CommandLineUsageException("Choose a password of at least " + IdentifiedExports.MIN_PASSWORD
                    + " characters.");
        }
        return fromEnvironment.toCharArray();
    }

    /** The requester of the request, as the user the export is made for (null if unknown or disabled). */
    private CurrentUser requester(UUID request) {
        return jdbc.sql("""
                select u.id, u.username, u.display_name, o.id, o.type, o.country_code,
                       array(select r.role from user_role r where r.user_id = u.id)
                from identified_export e join app_user u on u.id = e.requested_by
                join organisation o on o.id = u.organisation_id
                where e.id = ? and u.enabled and o.enabled""").param(request)
                .query((rs, n) -> {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    for (String r : (String[]) rs.getArray(7).getArray()) {
                        roles.add(Role.valueOf(r));
                    }
                    return new CurrentUser(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), OrganisationType.valueOf(rs.getString(5)), rs.getString(6),
                            roles);
                }).optional().orElse(null);
    }

    /** Through an owner-only temporary file in the same directory, moved into place: no partial file. */
    private static void write(Path file, byte[] content) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, ".haven-identified", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, content);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
