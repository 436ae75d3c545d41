package org.haven.reporting.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.reporting.anonymity.GateResult;
import org.haven.reporting.anonymity.KAnonymityGate;
import org.haven.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes de-identified, record-level exports: reads victims from a {@link VictimRecordSource}, passes them through
 * the k-anonymity / l-diversity gate over {@link CtdcQuasiIdentifiers}, and writes the released records in a
 * {@link ExportLayout}. The source id of a record is never written. Every export is audited (action
 * {@code export.deidentified}) in the same transaction, with the layout, source, k, l and counts.
 */
@Service
public class DeidentifiedExporter {

    /** What an export contained and what the gate did; printed by the command and written beside the file. */
    public record Summary(UUID exportId, ExportLayout layout, String source, int records, int released,
            int suppressed, int k, int l, int smallestClass, Map<String, String> generalisations, String sourceNote) {

        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append("export ").append(exportId).append('\n')
                    .append("layout: ").append(layout).append('\n')
                    .append("source: ").append(source).append('\n')
                    .append(sourceNote.isEmpty() ? "" : "source note: " + sourceNote + "\n")
                    .append("records read: ").append(records).append('\n')
                    .append("records released: ").append(released).append('\n')
                    .append("records suppressed: ").append(suppressed).append('\n')
                    .append("k: ").append(k).append(", l (distinct exploitation types): ").append(l).append('\n')
                    .append("smallest equivalence class: ").append(smallestClass).append('\n')
                    .append("quasi-identifiers as published:\n");
            generalisations.forEach((qi, level) -> sb.append("  ").append(qi).append(": ").append(level).append('\n'));
            return sb.toString();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DeidentifiedExporter.class);

    private final List<VictimRecordSource> sources;
    private final AuditLog audit;
    private final org.haven.reporting.ReportingSettings settings;

    DeidentifiedExporter(List<VictimRecordSource> sources, AuditLog audit,
            org.haven.reporting.ReportingSettings settings) {
        this.sources = sources;
        this.audit = audit;
        this.settings = settings;
    }

    /** Names of the sources available ({@code --source}). */
    public List<String> sourceNames() {
        return sources.stream().map(VictimRecordSource::name).sorted().toList();
    }

    /**
     * Runs an export.
     *
     * @param purpose why the export is made (audited); may be null
     * @throws IllegalArgumentException for an unknown source or k/l below 1
     */
    @Transactional
    public Summary export(ExportLayout layout, String sourceName, int k, int l, String purpose, Writer out) {
        VictimRecordSource source = sources.stream().filter(s -> s.name().equals(sourceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no victim source '" + sourceName + "' (available: "
                        + String.join(", ", sourceNames()) + ")"));
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2 for a de-identified export");
        }
        List<VictimRecord> records = source.victims();
        GateResult<VictimRecord> result = new KAnonymityGate(k, l, settings.maxSuppression())
                .apply(records, CtdcQuasiIdentifiers.all(), VictimRecord::exploitationType);
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
            printer.printRecord(layout.header());
            for (GateResult.Released<VictimRecord> r : result.released()) {
                printer.printRecord(layout.row(r.record(), r.quasiIdentifiers()));
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UUID exportId = UUID.randomUUID();
        AuditEntry entry = AuditEntry.change("export", "export.deidentified", exportId).withPurpose(purpose)
                .withDetail("layout", layout).withDetail("source", source.name()).withDetail("k", k)
                .withDetail("l", l).withDetail("records", records.size())
                .withDetail("released", result.released().size()).withDetail("suppressed", result.suppressed())
                .withDetail("generalisation", result.levels().toString());
        if (!source.note().isEmpty()) {
            entry = entry.withDetail("sourceNote", source.note());
        }
        if (CurrentUser.find().isPresent()) {
            audit.record(entry);
        } else {
            audit.record(entry, "command-line");
        }
        log.info("De-identified export {}: layout {}, {} released, {} suppressed", exportId, layout,
                result.released().size(), result.suppressed());
        return new Summary(exportId, layout, source.name(), records.size(), result.released().size(),
                result.suppressed(), k, l, result.smallestClass(), result.generalisations(), source.note());
    }
}
