package org.haven.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.linkage.names.NameNormaliser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameNormaliserTests {

    private final NameNormaliser names = NameNormaliser.standard();

    /** Different names that a variant table or a typo-tolerant matcher tends to merge. */
    private static final Set<Set<String>> TRAPS = Set.of(Set.of("Sovann", "Sovanna"), Set.of("Vanna", "Vannak"),
            Set.of("Sophea", "Sopheap"));

    @Test
    void everyVariantOfTheSharedTableMapsToItsCommonRomanisationAndKhmerSpelling() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (var reader = Files.newBufferedReader(SharedData.path("names/khmer_name_romanisation_variants.csv"),
                StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                if (r.get("part").equals("honorific")) {
                    continue;
                }
                String common = r.get("common_romanisation");
                String khmer = r.get("khmer");
                if (!names.key(khmer).equals(names.key(common))) {
                    failures.add(khmer + " / " + common);
                }
                for (String v : r.get("variants").split("\\|")) {
                    if (v.isBlank() || v.equals(common) || TRAPS.contains(Set.of(common, v))) {
                        continue;
                    }
                    checked++;
                    if (!names.key(v).equals(names.key(common))) {
                        failures.add(v + " / " + common + " (" + names.key(v) + " vs " + names.key(common) + ")");
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"Sovann,Sovanna", "Vanna,Vannak", "Sophea,Sopheap", "Sok,Sak", "Chan,Chen", "Hoang,Huynh",
        "Kyaw Kyaw,Kyaw", "Sen,Saen"})
    void knownTrapsStayApart(String a, String b) {
        assertThat(names.key(a)).isNotEqualTo(names.key(b));
        assertThat(names.sameName(a, b)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"Sok,Sokh", "Chan,Chann", "Srey,Sray", "Chhun,Chun", "Sreymom,Srey Mom", "Sreymom,Srey-Mom",
        "Phally,Phalli", "Sokha,Sokhar", "Nguyễn,Nguyen", "Đặng Văn Lâm,Dang Van Lam", "Chhay,Chai", "Thida,Tida"})
    void romanisationVariantsFold(String a, String b) {
        assertThat(names.key(a)).isEqualTo(names.key(b));
    }

    @Test
    void khmerScriptGivesTheKeyOfItsRomanisation() {
        assertThat(names.key("សុខ")).isEqualTo(names.key("Sokh"));
        assertThat(names.key("ស្រីមុំ")).isEqualTo(names.key("Srey Mom"));
        assertThat(names.sameName("សុខ ដារា", "Dara Sok")).isTrue();
        // not in the dictionary: the rule-based transliteration still yields a usable Latin key
        assertThat(names.key("សុភាព")).isEqualTo(names.key("Sopheap"));
        assertThat(names.key("កុសល")).isEqualTo(names.key("Kosal"));
    }

    @Test
    void honorificsAndTitlesAreStripped() {
        assertThat(names.key("Lok Srey Chan Dara")).isEqualTo(names.key("Chan Dara"));
        assertThat(names.key("Neak Neang Sophea")).isEqualTo(names.key("Sophea"));
        assertThat(names.key("លោកសុខ")).isEqualTo(names.key("Sok"));
        assertThat(names.key("Mr. Sok")).isEqualTo(names.key("Sok"));
        assertThat(names.key("Daw Aung")).isEqualTo(names.key("Aung"));
        assertThat(names.key("Lok")).isNotEmpty(); // a title alone is kept: it may be the name
    }

    @Test
    void nameOrderIsIgnored() {
        assertThat(names.sameName("Sok Chantha", "Chantha SOK")).isTrue();
        assertThat(names.sameName("Sok Chantha", "Chantha Chea")).isFalse();
    }

    @Test
    void thaiAndBurmeseScriptsAreTransliteratedToLatinKeys() {
        assertThat(names.key("สมชาย")).matches("[a-z]+");
        assertThat(names.key("ဇော်ဝင်း")).matches("[a-z]+");
        assertThat(names.key("สมชาย")).isEqualTo(names.key("สมชาย "));
    }
}
