package org.haven.reporting.analysis;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.springframework.stereotype.Component;

/** {@code import ctdc FILE [--on-error skip|stop]}: loads a CTDC CSV into the analysis tables. */
@Component
class ImportCtdcCommand implements HavenCommand {

    private static final String USAGE = "usage: import ctdc FILE [--on-error skip|stop]";
    private static final int MAX_PRINTED_PROBLEMS = 50;

    private final CtdcImporter importer;

    ImportCtdcCommand(CtdcImporter importer) {
        this.importer = importer;
    }

    @Override
    public String name() {
        return "import ctdc";
    }

    @Override
    public String summary() {
        return "load a CTDC CSV (global or victim-perpetrator synthetic data) into the analysis tables";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path file = null;
        CtdcImporter.OnError onError = CtdcImporter.OnError.STOP;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--on-error")) {
                if (i + 1 >= args.size()) {
                    throw new CommandLineUsageException(USAGE);
                }
                onError = switch (args.get(++i)) {
                    case "skip" -> CtdcImporter.OnError.SKIP;
                    case "stop" -> CtdcImporter.OnError.STOP;
                    default -> throw new CommandLineUsageException("--on-error takes skip or stop; " + USAGE);
                };
            } else if (a.startsWith("--on-error=")) {
                onError = CtdcImporter.OnError.valueOf(a.substring(11).toUpperCase(java.util.Locale.ROOT));
            } else if (a.startsWith("-") || file != null) {
                throw new CommandLineUsageException(USAGE);
            } else {
                file = Path.of(a);
            }
        }
        if (file == null) {
            throw new CommandLineUsageException(USAGE);
        }
        if (!Files.isReadable(file)) {
            err.println("Cannot read " + file);
            return 1;
        }
        CtdcImporter.Result result;
        try {
            result = importer.importFile(file, onError, err);
        } catch (CtdcImporter.Stopped e) {
            err.println();
            err.println("Import stopped, nothing imported: " + e.getMessage());
            return 1;
        }
        if (result.alreadyImported()) {
            out.println("Already imported as " + result.importId() + "; nothing added.");
            return 0;
        }
        result.problems().stream().limit(MAX_PRINTED_PROBLEMS).forEach(p -> err.println("skipped " + p));
        if (result.problems().size() > MAX_PRINTED_PROBLEMS) {
            err.println("… and " + (result.problems().size() - MAX_PRINTED_PROBLEMS) + " more skipped rows");
        }
        out.println("Imported " + result.imported() + " rows as " + result.importId() + " (" + result.skipped()
                + " skipped).");
        return 0;
    }
}
