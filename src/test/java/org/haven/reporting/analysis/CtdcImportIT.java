package org.haven.reporting.analysis;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.HavenIntegrationTest;
import org.haven.shared.command.HavenCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@HavenIntegrationTest
class CtdcImportIT {

    static final String VP_HEADER = "yearRegister,gender,majorityStatus,isForcedLabour,isSexualExploit,UN_COO_Region,"
            + "UN_COE_Region,IP_Exploiter,IP_Gender,IP_ageBroad,IP_citizen_UNRegion,IP_Relation,IP_PayMoney,"
            + "IP_RecruiterBroker,IP_TransactionProcess,IP_ControlAbuseKidnap";
    static final String VP_ROW = "2019,Female,Adult,1,,Asia,Asia,1,Male,30--38,Asia,StrangerUnknownOther,No,1,,";

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    static Path vpFile() {
        return CtdcFiles.victimPerpetrator();
    }

    record Run(int status, String out, String err) {
    }

    Run run(String... args) {
        HavenCommand command = context.getBeansOfType(HavenCommand.class).values().stream()
                .filter(c -> c.name().equals("import ctdc")).findFirst().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importsTheVictimPerpetratorFileWithCountsByYearAndSexEqualToTheFileAndNotTwice() throws Exception {
        Path file = vpFile();
        Run first = run(file.toString());
        assertThat(first.status()).as(first.err()).isZero();
        UUID importId = importIdOf(file);

        // independent count straight from the file
        Map<String, Integer> expected = new HashMap<>();
        int rows = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                String sex = switch (r.get("gender")) {
                    case "Female" -> "Woman";
                    case "Male" -> "Man";
                    default -> "";
                };
                expected.merge(r.get("yearRegister") + "|" + sex, 1, Integer::sum);
                rows++;
            }
        }
        assertThat(rows).isEqualTo(21_195);
        Map<String, Integer> actual = new HashMap<>();
        jdbc.sql("select coalesce(year_label, '') y, coalesce(gender, '') g, count(*) n from ctdc_victim "
                + "where import_id = ? group by 1, 2").param(importId)
                .query((rs, i) -> actual.put(rs.getString("y") + "|" + rs.getString("g"), rs.getInt("n"))).list();
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).containsEntry("2014-2018|Woman", expected.get("2014-2018|Woman"));

        Run again = run(file.toString());
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("Already imported as " + importId);
        assertThat(jdbc.sql("select count(*) from ctdc_victim where import_id = ?").param(importId)
                .query(Integer.class).single()).isEqualTo(21_195);
        assertThat(jdbc.sql("select count(*) from ctdc_import where file_sha256 = "
                + "(select file_sha256 from ctdc_import where id = ?)").param(importId).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void skipsMalformedRowsNamingTheirLinesWhenAskedAndOtherwiseStopsWithoutImportingAnything(@TempDir Path dir)
            throws Exception {
        String salt = UUID.randomUUID().toString().substring(0, 4);
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, String.join("\n", VP_HEADER, VP_ROW, VP_ROW,
                "2019,Robot,Adult,1,,Asia,Asia,1,Male,30--38,Asia,StrangerUnknownOther,No,1,,",
                "2019,Female,Adult,1",
                "2019,Female,Adult,2,,Asia,Asia,1,Male,30--38,Asia,StrangerUnknownOther,No,1,,",
                "2020,Male,Minor,,1,Europe,Asia,,Female,,Europe,FriendAcquaintance,Yes,1,1,") + "\n");

        Run stopped = run(file.toString(), "--on-error", "stop");
        assertThat(stopped.status()).isEqualTo(1);
        assertThat(stopped.err()).contains("line 4: gender 'Robot'");
        assertThat(jdbc.sql("select count(*) from ctdc_import where file_name = 'bad.csv' and rows_imported = 3")
                .query(Integer.class).single()).isZero();

        Path unique = dir.resolve("bad-" + salt + ".csv");
        Files.writeString(unique, Files.readString(file) + "2021-2022,,,,,,,,,,,,,,,\n");
        Run skipped = run(unique.toString(), "--on-error", "skip");
        assertThat(skipped.status()).as(skipped.err()).isZero();
        assertThat(skipped.err()).contains("skipped line 4: gender 'Robot' is not Female, Male or empty")
                .contains("skipped line 5: expected 16 fields, found 4")
                .contains("skipped line 6: isForcedLabour '2' is not 1 or empty")
                .contains("rows");
        assertThat(skipped.out()).contains("Imported 4 rows").contains("(3 skipped)");
        UUID id = importIdOf(unique);
        assertThat(jdbc.sql("select line_no from ctdc_victim where import_id = ? order by line_no").param(id)
                .query(Integer.class).list()).containsExactly(2, 3, 7, 8);
        assertThat(jdbc.sql("select age_broad from ctdc_victim where import_id = ? and line_no = 7").param(id)
                .query(String.class).single()).isEqualTo("0--17");
    }

    @Test
    void refusesAFileThatIsNotCtdc(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "name,phone\nTest Survivor Sokha Demo,+85512000000\n");
        Run run = run(file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("not a CTDC file").doesNotContain("Sokha");
    }

    private UUID importIdOf(Path file) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        return jdbc.sql("select id from ctdc_import where file_sha256 = ?")
                .param(java.util.HexFormat.of().formatHex(digest)).query(UUID.class).single();
    }
}
