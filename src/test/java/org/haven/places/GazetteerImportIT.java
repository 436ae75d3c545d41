package org.haven.places;

import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.haven.HavenIntegrationTest;
import org.haven.places.internal.GazetteerImporter;
import org.haven.shared.web.Conflict;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports the 2024 edition, then the 2025 edition, and checks the result against an independent SQL diff of the two
 * CSV files (loaded verbatim with COPY). Runs in a transaction that is rolled back, so other tests keep their data.
 */
@HavenIntegrationTest
class GazetteerImportIT {

    @Autowired
    GazetteerImporter importer;
    @Autowired
    Gazetteer gazetteer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate template;
    @Autowired
    TransactionTemplate tx;

    @Test
    void importsTwoEditionsInPlaceAndRecordsTheChangesOnce() {
        tx.executeWithoutResult(status -> {
            try {
                run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            } finally {
                status.setRollbackOnly();
            }
        });
    }

    private void run() throws Exception {
        resetCambodia();
        Path f2024 = GazetteerFiles.file(GazetteerFiles.EDITION_2024);
        Path f2025 = GazetteerFiles.file(GazetteerFiles.EDITION_2025);
        loadRaw("raw_2024", f2024);
        loadRaw("raw_2025", f2025);

        GazetteerImporter.Report first = importEdition(f2024, LocalDate.of(2024, 10, 14));
        assertThat(first.added()).isEqualTo(count("select count(*) from raw_2024")).isEqualTo(16_457);
        assertThat(count("select count(*) from place where country_code = 'KH' and level = 'VILLAGE' and valid_to is null"))
                .isEqualTo(count("select count(*) from raw_2024 where level = '4'"));

        GazetteerImporter.Report second = importEdition(f2025, LocalDate.of(2025, 9, 14));

        // Independent diff of the two files: names compared after removing zero-width characters and extra spaces.
        String norm = "regexp_replace(regexp_replace(normalize(coalesce(%s, ''), NFC), '[\\u200b\\u200c\\u200d\\ufeff]', '', 'g'), '\\s+', ' ', 'g')";
        int expectedNew = count("select count(*) from raw_2025 n where not exists (select 1 from raw_2024 o where o.code = n.code)");
        int expectedGone = count("select count(*) from raw_2024 o where not exists (select 1 from raw_2025 n where n.code = o.code)");
        int expectedRenamed = count("select count(*) from raw_2025 n join raw_2024 o using (code) where "
                + "trim(" + norm.formatted("n.name_km") + ") <> trim(" + norm.formatted("o.name_km") + ") or "
                + "trim(" + norm.formatted("n.name_latin") + ") <> trim(" + norm.formatted("o.name_latin") + ")");
        int expectedReclassified = count("select count(*) from raw_2025 n join raw_2024 o using (code)"
                + " where n.admin_type_latin <> o.admin_type_latin or n.level <> o.level");
        assertThat(second.added()).isEqualTo(expectedNew).isEqualTo(6);
        assertThat(second.retired()).isEqualTo(expectedGone).isZero();
        assertThat(second.renamed()).isEqualTo(expectedRenamed).isEqualTo(27);
        assertThat(second.reclassified()).isEqualTo(expectedReclassified).isEqualTo(5);
        assertThat(second.added() + second.unchanged() + countChangedUnits(LocalDate.of(2025, 9, 14)))
                .isEqualTo(16_463);

        // The new villages are there with their 2025 validity, found by the independent query.
        List<String> newCodes = jdbc.sql("select code from raw_2025 n where not exists"
                + " (select 1 from raw_2024 o where o.code = n.code) order by code").query(String.class).list();
        assertThat(newCodes).contains("01070116", "01090513");
        assertThat(jdbc.sql("select count(*) from place_change where kind = 'ADDED' and edition = date '2025-09-14'"
                + " and code in (:codes)").param("codes", newCodes).query(Integer.class).single()).isEqualTo(6);
        assertThat(gazetteer.find("01070116")).get().satisfies(p -> {
            assertThat(p.level()).isEqualTo(Level.VILLAGE);
            assertThat(p.parentCode()).isEqualTo("010701");
            assertThat(p.pathLatin()).startsWith("Cambodia › Banteay Meanchey");
        });

        // The real renames and the khum -> sangkat reclassification, with their date and old value.
        assertThat(jdbc.sql("select old_value || ' -> ' || new_value from place_change where code = '031310'"
                + " and kind = 'RENAMED'").query(String.class).single()).contains("សូរ្យសែន").contains("សូរសែន្យ");
        assertThat(gazetteer.find("10050607")).get().extracting(Place::nameLatin).isEqualTo("Muoy Roy Buon");
        assertThat(jdbc.sql("select count(*) from place_change where kind = 'RECLASSIFIED' and edition = date '2025-09-14'"
                + " and code between '050901' and '050905' and new_value like '%Sangkat'").query(Integer.class).single())
                .isEqualTo(5);
        assertThat(gazetteer.find("050901")).get().extracting(Place::adminType).isEqualTo("Sangkat");

        // Idempotence: the same file again changes nothing.
        int changesBefore = count("select count(*) from place_change");
        String snapshot = snapshot();
        GazetteerImporter.Report again = importEdition(f2025, LocalDate.of(2025, 9, 14));
        assertThat(again.added() + again.renamed() + again.reclassified() + again.reparented() + again.retired()
                + again.reinstated()).isZero();
        assertThat(again.unchanged()).isEqualTo(16_463);
        assertThat(count("select count(*) from place_change")).isEqualTo(changesBefore);
        assertThat(snapshot()).isEqualTo(snapshot);

        // An older edition after a newer one is refused.
        assertThatThrownBy(() -> importEdition(f2024, LocalDate.of(2024, 10, 14))).isInstanceOf(Conflict.class);
    }

    @Test
    void aUnitMissingFromANewerEditionIsRetiredNotDeleted() {
        tx.executeWithoutResult(status -> {
            try {
                resetCambodia();
                String header = "level,admin_type,admin_type_km,admin_type_latin,code,raw_code,parent_code,province_code,"
                        + "district_code,commune_code,name_km,name_latin,reference,official_note,checker_note,source_sheet\n";
                String province = "1,province,ខេត្ត,Khaet,99,99,,99,,,ខេត្តសាកល្បង,Test Province,,,,x\n";
                String district = "2,district,ស្រុក,Srok,9901,9901,99,99,9901,,ស្រុកសាកល្បង,Test Srok,,,,x\n";
                importer.importEdition(stream(header + province + district), "t1", LocalDate.of(2030, 1, 1));
                var report = importer.importEdition(stream(header + province), "t2", LocalDate.of(2030, 6, 1));
                assertThat(report.retired()).isEqualTo(1);
                assertThat(gazetteer.find("9901")).get().extracting(Place::validTo).isEqualTo(LocalDate.of(2030, 6, 1));
                assertThat(gazetteer.search("Test Srok", null, 5)).extracting(Place::code).doesNotContain("9901");
                var back = importer.importEdition(stream(header + province + district), "t3", LocalDate.of(2031, 1, 1));
                assertThat(back.reinstated()).isEqualTo(1);
                assertThat(gazetteer.find("9901")).get().extracting(Place::validTo).isNull();
            } catch (Exception e) {
                throw new RuntimeException(e);
            } finally {
                status.setRollbackOnly();
            }
        });
    }

    private static InputStream stream(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private GazetteerImporter.Report importEdition(Path file, LocalDate edition) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return importer.importEdition(in, file.getFileName().toString(), edition);
        }
    }

    private int countChangedUnits(LocalDate edition) {
        return count("select count(distinct code) from place_change where kind <> 'ADDED' and edition = date '"
                + edition + "'");
    }

    private String snapshot() {
        return String.join("\n", jdbc.sql("select md5(string_agg(code || level || admin_type || coalesce(name_km, '')"
                + " || coalesce(name_latin, '') || coalesce(parent_code, '') || coalesce(path_latin, '')"
                + " || coalesce(valid_to::text, '') || edition::text, '|' order by code)) from place")
                .query(String.class).list());
    }

    private void resetCambodia() {
        jdbc.sql("delete from place_change").update();
        jdbc.sql("delete from gazetteer_edition").update();
        // Children before parents: longest NCDD codes first.
        for (int len : new int[] {8, 6, 4, 2}) {
            jdbc.sql("delete from place where country_code = 'KH' and level <> 'COUNTRY' and length(code) = ?")
                    .param(len).update();
        }
    }

    private void loadRaw(String table, Path file) throws Exception {
        template.execute("create temp table " + table + " (level text, admin_type text, admin_type_km text,"
                + " admin_type_latin text, code text, raw_code text, parent_code text, province_code text,"
                + " district_code text, commune_code text, name_km text, name_latin text, reference text,"
                + " official_note text, checker_note text, source_sheet text) on commit drop");
        template.execute((java.sql.Connection c) -> {
            try (Reader r = Files.newBufferedReader(file)) {
                return c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + table + " from stdin with (format csv, header true)", r);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
