package org.haven.places.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.haven.shared.web.Conflict;
import org.springframework.stereotype.Component;

/**
 * {@code gazetteer import [FILE] [--edition YYYY-MM-DD]}: imports an NCDD gazetteer edition (CSV, or CSV.gz). Without
 * a file, the edition bundled with Haven ({@value #BUNDLED}) is imported. The edition date comes from
 * {@code --edition} or from a {@code YYYY-MM-DD} in the file name.
 */
@Component
class GazetteerImportCommand implements HavenCommand {

    static final String BUNDLED = "places/khm_gazetteer_ncdd_2025-09-14.csv.gz";
    private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    private final GazetteerImporter importer;

    GazetteerImportCommand(GazetteerImporter importer) {
        this.importer = importer;
    }

    @Override
    public String name() {
        return "gazetteer import";
    }

    @Override
    public String summary() {
        return "import an NCDD gazetteer edition (CSV; default: the bundled 2025-09-14 edition); updates in place";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        LocalDate edition = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--edition") && i + 1 < args.size()) {
                edition = parseDate(args.get(++i));
            } else if (a.startsWith("--edition=")) {
                edition = parseDate(a.substring("--edition=".length()));
            } else if (a.startsWith("--")) {
                throw new CommandLineUsageException("unknown option " + a + "; usage: gazetteer import [FILE] [--edition YYYY-MM-DD]");
            } else {
                files.add(a);
            }
        }
        if (files.size() > 1) {
            throw new CommandLineUsageException("usage: gazetteer import [FILE] [--edition YYYY-MM-DD]");
        }
        String source = files.isEmpty() ? BUNDLED : files.get(0);
        if (edition == null) {
            Matcher m = DATE_IN_NAME.matcher(Path.of(source).getFileName().toString());
            if (!m.find()) {
                throw new CommandLineUsageException("no date in the file name: give --edition YYYY-MM-DD");
            }
            edition = parseDate(m.group(1));
        }
        try (InputStream in = open(source, files.isEmpty())) {
            GazetteerImporter.Report report = importer.importEdition(in, Path.of(source).getFileName().toString(), edition);
            out.println(report.summary());
            return 0;
        } catch (Conflict e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("gazetteer import failed: " + e.getMessage());
            return 1;
        }
    }

    static InputStream open(String source, boolean bundled) throws IOException {
        InputStream raw;
        if (bundled) {
            raw = GazetteerImportCommand.class.getClassLoader().getResourceAsStream(source);
            if (raw == null) {
                throw new IOException("bundled edition missing: " + source);
            }
        } else {
            Path path = Path.of(source);
            if (!Files.isReadable(path)) {
                throw new IOException("cannot read " + source);
            }
            raw = Files.newInputStream(path);
        }
        return source.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    private static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLineUsageException("edition must be YYYY-MM-DD: " + value);
        }
    }
}
