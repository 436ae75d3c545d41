package org.haven.linkage.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import org.haven.linkage.engine.Attribute;
import org.haven.linkage.engine.ComparisonSpace;
import org.haven.linkage.engine.DateParser;
import org.haven.linkage.engine.InputRecord;
import org.haven.linkage.engine.Linker;
import org.haven.linkage.engine.PlainSpace;
import org.haven.linkage.engine.PreparedRecord;
import org.haven.linkage.engine.RecordPreparer;
import org.haven.linkage.names.NameNormaliser;
import org.haven.linkage.privacy.BloomEncoder;
import org.haven.linkage.privacy.BloomSpace;
import org.haven.linkage.privacy.EncodedRecord;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.StandaloneCommand;

/**
 * {@code linkage run --input A.csv [--input B.csv] --id COLUMN --map ATTRIBUTE=COLUMN[:FORMAT] … [--one-to-one]
 * [--privacy] --out links.csv}: batch record linkage without Spring or a database. Writes {@code id_a,id_b,score}
 * for every pair of records judged the same person (after clustering, every pair within a cluster) and prints one
 * summary line. Extra options: {@code --threshold P} (match probability, default 0.5), {@code --explain FILE}
 * (matches and possible matches with the weight of each field), {@code --key-file FILE} (secret shared by the
 * organisations for {@code --privacy}; a random one per run otherwise).
 *
 * <p>Memory: the JVM's default heap (a quarter of the RAM) suffices up to a few hundred thousand records; for
 * 1,000,000 records give {@code java -Xmx5g -jar haven.jar linkage run …} (peak RSS 5.1 GB measured, see
 * docs/benchmarks.md). {@code HAVEN_LINKAGE_TIMING=1} prints the time of each phase and the fitted model to stderr.
 */
public final class LinkageRunCommand implements StandaloneCommand {

    @Override
    public String name() {
        return "linkage run";
    }

    @Override
    public String summary() {
        return "batch record linkage of CSV files (--input A.csv [--input B.csv] --id COL --map ATTR=COL[:FORMAT] --out FILE)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        long started = System.nanoTime();
        List<Path> inputs = new ArrayList<>();
        String idColumn = null;
        List<CsvInput.Mapping> mappings = new ArrayList<>();
        boolean oneToOne = false;
        boolean privacy = false;
        Path outFile = null;
        Path explainFile = null;
        Path keyFile = null;
        Double threshold = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0 && !a.startsWith("--map")) {
                inline = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--input" -> inputs.add(Path.of(inline != null ? inline : next(args, ++i, a)));
                case "--id" -> idColumn = inline != null ? inline : next(args, ++i, a);
                case "--map" -> mappings.add(mapping(next(args, ++i, a)));
                case "--one-to-one" -> oneToOne = true;
                case "--privacy" -> privacy = true;
                case "--out" -> outFile = Path.of(inline != null ? inline : next(args, ++i, a));
                case "--explain" -> explainFile = Path.of(inline != null ? inline : next(args, ++i, a));
                case "--key-file" -> keyFile = Path.of(inline != null ? inline : next(args, ++i, a));
                case "--threshold" -> threshold = probability(inline != null ? inline : next(args, ++i, a));
                default -> {
                    if (a.startsWith("--map=")) {
                        mappings.add(mapping(a.substring(6)));
                    } else {
                        throw new CommandLineUsageException("Unknown option: " + a + " (usage: linkage run --input A.csv"
                                + " [--input B.csv] --id COLUMN --map ATTRIBUTE=COLUMN[:FORMAT] ... [--one-to-one]"
                                + " [--privacy] --out links.csv)");
                    }
                }
            }
        }
        if (inputs.isEmpty() || inputs.size() > 2) {
            throw new CommandLineUsageException("Give one --input (find duplicates) or two (link the first to the second)");
        }
        if (idColumn == null) {
            throw new CommandLineUsageException("Missing option: --id COLUMN");
        }
        if (mappings.isEmpty()) {
            throw new CommandLineUsageException("Missing option: at least one --map ATTRIBUTE=COLUMN");
        }
        if (outFile == null) {
            throw new CommandLineUsageException("Missing option: --out FILE");
        }
        byte[] key = privacy ? BloomEncoder.readKey(keyFile) : null;

        List<InputRecord> records = new ArrayList<>();
        for (int s = 0; s < inputs.size(); s++) {
            records.addAll(CsvInput.read(inputs.get(s), s, idColumn, mappings));
        }
        Set<Attribute> mapped = EnumSet.noneOf(Attribute.class);
        mappings.forEach(m -> mapped.add(m.attribute()));
        boolean fullOnly = !mapped.contains(Attribute.GIVEN_NAME) && !mapped.contains(Attribute.FAMILY_NAME);
        RecordPreparer preparer = new RecordPreparer(NameNormaliser.standard(), fullOnly);
        PreparedRecord[] prepared = new PreparedRecord[records.size()];
        IntStream.range(0, prepared.length).parallel().forEach(i -> prepared[i] = preparer.prepare(records.get(i)));
        records.clear();

        if (System.getenv("HAVEN_LINKAGE_TIMING") != null) {
            System.err.printf("linkage timing: read+prepare %.3f s%n", (System.nanoTime() - started) / 1e9);
        }
        ComparisonSpace space;
        if (privacy) {
            // each organisation would run this step on its own data; only the encodings go further
            BloomEncoder encoder = new BloomEncoder(key);
            EncodedRecord[] encoded = new EncodedRecord[prepared.length];
            IntStream.range(0, prepared.length).parallel().forEach(i -> encoded[i] = encoder.encode(prepared[i]));
            java.util.Arrays.fill(prepared, null);
            space = new BloomSpace(encoded, mapped);
        } else {
            space = new PlainSpace(prepared, mapped);
        }
        Linker.Options options = Linker.Options.defaults().withOneToOne(oneToOne).withPossible(explainFile != null);
        if (threshold != null) {
            options = options.withThreshold(threshold);
        }
        Linker linker = new Linker(space, options);
        Linker.Result result = linker.run();
        write(outFile, space, result.links());
        if (explainFile != null) {
            writeExplanations(explainFile, space, linker, result);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // no Formatter: on a cold JVM its first use costs tens of milliseconds
        long centis = Math.round(seconds * 100);
        out.println("records " + space.size() + ", candidate pairs " + result.candidatePairs() + ", matches "
                + result.links().size() + ", seconds " + centis / 100 + "." + (centis % 100 < 10 ? "0" : "")
                + centis % 100);
        return 0;
    }

    private static String next(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new CommandLineUsageException("Option " + option + " needs a value");
        }
        return args.get(i);
    }

    private static double probability(String v) {
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && d < 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new CommandLineUsageException("Bad --threshold: " + v + " (a probability between 0 and 1)");
    }

    static CsvInput.Mapping mapping(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new CommandLineUsageException("Bad --map: '" + spec + "' (expected ATTRIBUTE=COLUMN[:FORMAT])");
        }
        String attr = spec.substring(0, eq).trim();
        Attribute attribute = Attribute.fromLabel(attr).orElseThrow(() -> new CommandLineUsageException(
                "Unknown attribute: '" + attr + "' in --map (one of " + String.join(", ",
                        java.util.Arrays.stream(Attribute.values()).map(Attribute::label).toList()) + ")"));
        String rest = spec.substring(eq + 1);
        String column = rest;
        String format = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            column = rest.substring(0, colon);
            format = rest.substring(colon + 1);
            if (column.isBlank() || format.isBlank()) {
                throw new CommandLineUsageException("Bad --map: '" + spec + "' (expected ATTRIBUTE=COLUMN[:FORMAT])");
            }
            if (attribute != Attribute.BIRTH_DATE) {
                throw new CommandLineUsageException("Bad format: '" + format + "' for " + attribute.label()
                        + " (a FORMAT is only accepted for birth_date)");
            }
        }
        DateParser parser = null;
        if (attribute == Attribute.BIRTH_DATE) {
            try {
                parser = new DateParser(format == null ? "yyyy-MM-dd" : format);
            } catch (IllegalArgumentException e) {
                throw new CommandLineUsageException("Bad format: '" + format + "' for birth_date is not a date pattern ("
                        + firstLine(e.getMessage()) + "); use e.g. yyyyMMdd or dd/MM/yyyy");
            }
        }
        return new CsvInput.Mapping(attribute, column.trim(), parser);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void write(Path file, ComparisonSpace space, List<Linker.ScoredPair> links) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id_a,id_b,score\n");
            for (Linker.ScoredPair p : links) {
                int a = p.a();
                int b = p.b();
                if (space.source(a) > space.source(b)) {
                    int t = a;
                    a = b;
                    b = t;
                }
                w.write(csv(space.id(a)));
                w.write(',');
                w.write(csv(space.id(b)));
                w.write(',');
                w.write(score(p.score()));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new CommandLineUsageException("Cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void writeExplanations(Path file, ComparisonSpace space, Linker linker, Linker.Result result) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id_a,id_b,score,band,explanation\n");
            for (Linker.ScoredPair p : result.links()) {
                w.write(csv(space.id(p.a())) + "," + csv(space.id(p.b())) + ","
                        + String.format(Locale.ROOT, "%.4f", p.score()) + ",match," + csv(linker.explain(p.a(), p.b()))
                        + "\n");
            }
            for (Linker.ScoredPair p : result.possible()) {
                w.write(csv(space.id(p.a())) + "," + csv(space.id(p.b())) + ","
                        + String.format(Locale.ROOT, "%.4f", p.score()) + ",possible,"
                        + csv(linker.explain(p.a(), p.b())) + "\n");
            }
            w.write("# model " + result.model().describe().replace("\n", "\n# "));
        } catch (IOException e) {
            throw new CommandLineUsageException("Cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The score with four decimals, as {@code %.4f} would write it (without a Formatter per line). */
    static String score(double score) {
        long v = Math.round(score * 10_000);
        if (v < 0) {
            return String.format(Locale.ROOT, "%.4f", score);
        }
        StringBuilder b = new StringBuilder(8).append(v / 10_000).append('.');
        String frac = Long.toString(v % 10_000);
        for (int i = frac.length(); i < 4; i++) {
            b.append('0');
        }
        return b.append(frac).toString();
    }

    private static String csv(String v) {
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
