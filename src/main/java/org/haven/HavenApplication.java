package org.haven;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.haven.shared.command.StandaloneCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Haven's entry point. With no leading command word it starts the web application; with one
 * ({@code java -jar haven.jar audit verify}) it runs that command and exits: standalone commands without Spring,
 * the others in a Spring context without the web server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HavenApplication {

    public static void main(String[] args) {
        List<String> words = leadingWords(args);
        if (words.isEmpty()) {
            SpringApplication.run(HavenApplication.class, args);
            return;
        }
        System.exit(runCommand(args, System.out, System.err));
    }

    /** Runs a command line and returns its exit status. Visible for tests. */
    public static int runCommand(String[] args, PrintStream out, PrintStream err) {
        List<String> words = leadingWords(args);
        if (words.isEmpty() || words.get(0).equals("help")) {
            printHelp(out);
            return 0;
        }
        Optional<StandaloneCommand> standalone = ownStandaloneCommands().stream()
                .filter(c -> startsWith(words, c.name()))
                .max(Comparator.comparingInt(c -> c.name().length()));
        if (standalone.isEmpty()) {
            standalone = ServiceLoader.load(StandaloneCommand.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(c -> startsWith(words, c.name()))
                    .max(Comparator.comparingInt(c -> c.name().length()));
        }
        if (standalone.isPresent()) {
            StandaloneCommand command = standalone.get();
            return guarded(err, () -> command.run(rest(args, command.name()), out, err));
        }
        SpringApplication app = new SpringApplication(HavenApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("haven.command-mode", "true", "spring.main.banner-mode", "off",
                "logging.level.root", "WARN"));
        // Spring must not treat the command's own words as option arguments: pass only the --options.
        String[] springArgs = Arrays.stream(args).filter(a -> a.startsWith("--spring.") || a.startsWith("--haven.")
                || a.startsWith("--logging.")).toArray(String[]::new);
        try (ConfigurableApplicationContext context = app.run(springArgs)) {
            Optional<HavenCommand> command = context.getBeansOfType(HavenCommand.class).values().stream()
                    .filter(c -> startsWith(words, c.name()))
                    .max(Comparator.comparingInt(c -> c.name().length()));
            if (command.isEmpty()) {
                err.println("Unknown command: " + String.join(" ", words) + " (try: help)");
                return 2;
            }
            HavenCommand found = command.get();
            List<String> rest = rest(args, found.name()).stream()
                    .filter(a -> !(a.startsWith("--spring.") || a.startsWith("--haven.") || a.startsWith("--logging.")))
                    .toList();
            return guarded(err, () -> found.run(rest, out, err));
        }
    }

    /**
     * The standalone commands declared in Haven's own service file, found with a single resource lookup: a
     * {@link ServiceLoader} would open every nested jar of the fat jar to look for providers (about a second of
     * start-up for {@code linkage run}).
     */
    private static List<StandaloneCommand> ownStandaloneCommands() {
        List<StandaloneCommand> out = new ArrayList<>();
        ClassLoader loader = HavenApplication.class.getClassLoader();
        java.net.URL url = loader.getResource("META-INF/services/" + StandaloneCommand.class.getName());
        if (url == null) {
            return out;
        }
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(url.openStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!name.isEmpty()) {
                    out.add((StandaloneCommand) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
                }
            }
        } catch (java.io.IOException | ReflectiveOperationException | ClassCastException e) {
            return List.of();
        }
        return out;
    }

    private interface Body {
        int run();
    }

    private static int guarded(PrintStream err, Body body) {
        try {
            return body.run();
        } catch (CommandLineUsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("Failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
            return 1;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void printHelp(PrintStream out) {
        out.println("Usage: java -jar haven.jar [command] [options]");
        out.println("Without a command, starts the Haven web application.");
        out.println("Commands:");
        List<String[]> rows = new ArrayList<>();
        ServiceLoader.load(StandaloneCommand.class).forEach(c -> rows.add(new String[] {c.name(), c.summary()}));
        rows.addAll(CommandCatalogue.springCommands());
        rows.add(new String[] {"help", "list the commands"});
        rows.sort(Comparator.comparing(r -> r[0]));
        rows.forEach(r -> out.printf("  %-22s %s%n", r[0], r[1]));
    }

    /** Leading arguments up to the first option: the command words. */
    static List<String> leadingWords(String[] args) {
        List<String> words = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-")) {
                break;
            }
            words.add(a);
        }
        return words;
    }

    private static boolean startsWith(List<String> words, String name) {
        List<String> nameWords = List.of(name.split(" "));
        return words.size() >= nameWords.size() && words.subList(0, nameWords.size()).equals(nameWords);
    }

    private static List<String> rest(String[] args, String name) {
        int n = name.split(" ").length;
        return List.of(args).subList(Math.min(n, args.length), args.length);
    }
}
