package org.haven.reporting.export;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.HavenIntegrationTest;
import org.haven.audit.AccessReport;
import org.haven.audit.AuditEvent;
import org.haven.audit.AuditLog;
import org.haven.reporting.ReportingSettings;
import org.haven.shared.command.HavenCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.PageRequest;

import static org.assertj.core.api.Assertions.assertThat;

@HavenIntegrationTest
class DeidentifiedExportIT {

    /** Direct identifiers seeded into every field a source could carry them in. */
    static final List<String> CANARIES = List.of("Test Survivor Sokha Demo", "+85512345678", "012 345 678",
            "canary.sokha@example.org", "CANARY-ID");

    @Autowired
    AuditLog auditLog;

    @Autowired
    AccessReport accessReport;

    @Autowired
    ReportingSettings settings;

    @Autowired
    ApplicationContext context;

    static VictimRecordSource canarySource() {
        List<VictimRecord> records = new ArrayList<>();
        String[] countries = {"KHM", "THA", "VNM"};
        for (int i = 0; i < 90; i++) {
            boolean poisoned = i % 3 == 0;
            records.add(new VictimRecord("CANARY-ID-" + i + " Test Survivor Sokha Demo", "2021",
                    poisoned && i % 2 == 0 ? "+85512345678" : "Woman", "18--20",
                    poisoned ? "Test Survivor Sokha Demo" : countries[i % 3], "THA",
                    poisoned ? "012 345 678" : "0--12 (0-1 yr)",
                    Set.of(i % 2 == 0 ? "isForcedLabour" : "isSexualExploit", "canary.sokha@example.org",
                            "meansThreats", "typeOfLabourConstruction", "recruiterRelationFriend"),
                    poisoned ? "canary.sokha@example.org" : "ActualVictimOfTrafficking"));
        }
        return new VictimRecordSource() {
            @Override
            public String name() {
                return "canary";
            }

            @Override
            public List<VictimRecord> victims() {
                return records;
            }
        };
    }

    @Test
    void noDirectIdentifierSeededInTheSourceAppearsInEitherLayoutAndEachExportIsAudited() throws Exception {
        DeidentifiedExporter exporter = new DeidentifiedExporter(List.of(canarySource()), auditLog, settings);
        for (ExportLayout layout : ExportLayout.values()) {
            StringWriter out = new StringWriter();
            DeidentifiedExporter.Summary summary = exporter.export(layout, "canary", 11, 2, "test", out);
            String csv = out.toString();
            for (String canary : CANARIES) {
                assertThat(csv).as(layout + " output").doesNotContainIgnoringCase(canary);
                assertThat(summary.describe()).doesNotContainIgnoringCase(canary);
            }
            assertThat(summary.released()).isGreaterThan(0);
            assertThat(summary.released() + summary.suppressed()).isEqualTo(90);
            List<CSVRecord> rows = parse(csv);
            assertThat(rows).hasSize(summary.released());
            assertThat(rows.get(0).toMap().keySet()).containsExactlyInAnyOrderElementsOf(layout.header());

            List<AuditEvent> events = accessReport.eventsFor("export", summary.exportId(), PageRequest.of(0, 10))
                    .getContent();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).action()).isEqualTo("export.deidentified");
            assertThat(events.get(0).toString()).contains("suppressed").doesNotContain("Sokha");
        }
    }

    @Test
    void htcdsRowsUseHtcdsCodes() throws Exception {
        DeidentifiedExporter exporter = new DeidentifiedExporter(List.of(canarySource()), auditLog, settings);
        StringWriter out = new StringWriter();
        exporter.export(ExportLayout.HTCDS, "canary", 11, 2, null, out);
        CSVRecord row = parse(out.toString()).get(0);
        assertThat(row.get("prs_Gender")).isIn("Feminine", "");
        assertThat(row.get("vic_ForcedLabourIndustry")).isEqualTo("F_Construction");
        assertThat(row.get("vic_RelationshipToTrafficker")).isEqualTo("Acquainted");
        assertThat(row.get("vic_MethodsOfControl")).isEqualTo("Other");
        assertThat(row.get("ext_CtdcMergedMeans")).isEqualTo("meansThreats");
        assertThat(row.get("hte_Type")).isEqualTo("Exploitation");
    }

    @Test
    void exportCommandWritesAKAnonymousCtdcFileFromTheImportedAnalysisDataAndStatesWhatWasSuppressed(
            @TempDir Path dir) throws Exception {
        // make sure the analysis tables hold the CTDC victim-perpetrator file
        HavenCommand importer = command("import ctdc");
        importer.run(List.of(org.haven.reporting.analysis.CtdcFiles.victimPerpetrator().toString()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));

        Path file = dir.resolve("ctdc.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command("export ctdc").run(List.of("--k", "11", "--source", "ctdc-analysis", "--out",
                file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String statement = out.toString(StandardCharsets.UTF_8);
        assertThat(statement).contains("records suppressed:").contains("k: 11");
        assertThat(statement).startsWith(Files.readString(dir.resolve("ctdc.csv.about.txt")));
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);

        Map<List<String>, Integer> classes = new HashMap<>();
        Map<List<String>, Set<String>> types = new HashMap<>();
        int rows = 0;
        try (Reader reader = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                List<String> key = List.of(r.get("yearOfRegistration"), r.get("gender"), r.get("ageBroad"),
                        r.get("citizenship"), r.get("CountryOfExploitation"));
                classes.merge(key, 1, Integer::sum);
                types.computeIfAbsent(key, x -> new java.util.HashSet<>())
                        .add(r.get("isForcedLabour") + r.get("isSexualExploit") + r.get("isOtherExploit"));
                rows++;
            }
        }
        assertThat(rows).isGreaterThan(0);
        assertThat(classes.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(11));
        assertThat(types.values()).allSatisfy(t -> assertThat(t.size()).isGreaterThanOrEqualTo(2));
        assertThat(statement).contains("records released: " + rows);
    }

    @Test
    void exportFromCaseDataIsTheDefaultSourceAndNamesWhatConsentLeftOut(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command("export htcds").run(List.of("--out", dir.resolve("x.csv").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("source: cases")
                .contains("cases left out: no effective consent to use in statistics");
        assertThat(dir.resolve("x.csv")).exists();
        assertThat(Files.readString(dir.resolve("x.csv.about.txt"))).contains("source: cases");
        int bad = command("export ctdc").run(List.of("--source", "nowhere", "--out", dir.resolve("y.csv").toString()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(bad).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No victim source 'nowhere'");
        assertThat(dir.resolve("y.csv")).doesNotExist();
    }

    private HavenCommand command(String name) {
        return context.getBeansOfType(HavenCommand.class).values().stream().filter(c -> c.name().equals(name))
                .findFirst().orElseThrow();
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords();
    }
}
