package org.haven.reporting.export;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

import org.haven.reporting.ReportingSettings;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;

/**
 * {@code export ctdc|htcds [--k N] [--l N] [--source NAME] [--purpose TEXT] --out FILE}: a de-identified export.
 * The file is written owner-readable only, through a temporary file, so a failed export leaves no partial file;
 * the gate's statement (records suppressed, generalisations) is printed and written to {@code FILE.about.txt}.
 */
class ExportCommand implements HavenCommand {

    private final ExportLayout layout;
    private final DeidentifiedExporter exporter;
    private final ReportingSettings settings;

    ExportCommand(ExportLayout layout, DeidentifiedExporter exporter, ReportingSettings settings) {
        this.layout = layout;
        this.exporter = exporter;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "export " + layout.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String summary() {
        return "de-identified " + layout + " export through the k-anonymity gate";
    }

    private String usage() {
        return "usage: " + name() + " [--k N] [--l N] [--source NAME] [--purpose TEXT] --out FILE";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        int k = settings.k();
        int l = settings.l();
        String source = "cases";
        String purpose = null;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                throw new CommandLineUsageException(usage());
            }
            String v = args.get(++i);
            switch (a) {
                case "--k" -> k = number(v);
                case "--l" -> l = number(v);
                case "--source" -> source = v;
                case "--purpose" -> purpose = v;
                case "--out" -> file = Path.of(v);
                default -> throw new CommandLineUsageException(usage());
            }
        }
        if (file == null) {
            throw new CommandLineUsageException(usage());
        }
        if (k < 2 || l < 1) {
            throw new CommandLineUsageException("--k must be at least 2 and --l at least 1");
        }
        if (!exporter.sourceNames().contains(source)) {
            err.println("No victim source '" + source + "'; available: " + String.join(", ", exporter.sourceNames()));
            return 1;
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, ".haven-export", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            DeidentifiedExporter.Summary summary;
            long started = System.nanoTime();
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                summary = exporter.export(layout, source, k, l, purpose, w);
            } catch (RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(file.resolveSibling(file.getFileName() + ".about.txt"), summary.describe());
            out.print(summary.describe());
            out.printf("written in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int number(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CommandLineUsageException("not a number: " + v + "; " + usage());
        }
    }
}
