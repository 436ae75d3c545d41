package org.haven.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs after the whole test suite ({@code mvn verify}, phase verify): the tests' application logs, PostgreSQL
 * server logs (both end up in Surefire's per-class output files) and any log file under {@code target/} must contain
 * none of the canary names, phone numbers and notes that the suite stores through the application
 * ({@code src/test/resources/canaries.txt}). It also insists that the tests which seed the canaries ran, so the scan
 * cannot pass vacuously. Exit status 1 names the file and canary found.
 */
public final class LogCanaryScan {

    private LogCanaryScan() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        Path reports = target.resolve("surefire-reports");
        List<String> canaries = Files.readAllLines(Path.of("src/test/resources/canaries.txt"), StandardCharsets.UTF_8)
                .stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String seeder : List.of("TEST-org.haven.cases.EncryptionCanaryIT.xml")) {
            if (!Files.exists(reports.resolve(seeder))) {
                System.err.println("Log canary scan: " + seeder + " did not run, so the canaries were never seeded");
                System.exit(1);
            }
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(target)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith("-output.txt") || p.toString().endsWith(".log"))
                    .forEach(files::add);
        }
        int hits = 0;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            String utf8 = new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            for (String canary : canaries) {
                if (utf8.contains(canary)) {
                    System.err.println("Log canary scan: '" + canary + "' found in " + file);
                    hits++;
                }
            }
        }
        System.out.println("Log canary scan: " + canaries.size() + " canaries, " + files.size() + " log files, "
                + hits + " found");
        if (hits > 0) {
            System.exit(1);
        }
    }
}
