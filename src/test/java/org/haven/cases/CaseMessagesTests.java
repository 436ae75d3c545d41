package org.haven.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.haven.security.OrganisationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case pages speak English and Khmer: both bundles have the same keys, Khmer values are in Khmer script, every
 * code of every vocabulary the pages show has a display name, every literal key in the templates exists, and the
 * templates carry no inline script or style (CSP).
 */
class CaseMessagesTests {

    static final Path TEMPLATES = Path.of("src/main/resources/templates/cases");

    @Test
    void everyEnglishMessageHasAKhmerTranslationInKhmerScript() throws IOException {
        Properties en = load("i18n/cases.properties");
        Properties km = load("i18n/cases_km.properties");
        assertThat(km.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : km.stringPropertyNames()) {
            String value = km.getProperty(key);
            // Placeholders such as "—" have no letters at all; anything with letters must be Khmer.
            if (value.matches(".*\\p{L}.*")) {
                assertThat(value).as(key).containsPattern("[\\u1780-\\u17FF]");
            }
        }
    }

    @Test
    void everyVocabularyCodeHasADisplayNameInBothLanguages() throws IOException {
        Map<String, Object[]> vocabularies = new LinkedHashMap<>();
        vocabularies.put("cases.status.", Vocabulary.CaseStatus.values());
        vocabularies.put("cases.risk.", Vocabulary.RiskLevel.values());
        vocabularies.put("cases.channel.", Vocabulary.IdentificationChannel.values());
        vocabularies.put("cases.sex.", Vocabulary.Sex.values());
        vocabularies.put("cases.gender.", Vocabulary.Gender.values());
        vocabularies.put("cases.disability.", Vocabulary.Disability.values());
        vocabularies.put("cases.closure.", Vocabulary.ClosureReason.values());
        vocabularies.put("cases.scope.", Vocabulary.ConsentScope.values());
        vocabularies.put("cases.giver.", Vocabulary.ConsentGiver.values());
        vocabularies.put("cases.method.", Vocabulary.ConsentMethod.values());
        vocabularies.put("cases.stage.", Vocabulary.EpisodeStage.values());
        vocabularies.put("cases.form.", Vocabulary.ExploitationForm.values());
        vocabularies.put("cases.sector.", Vocabulary.LabourSector.values());
        vocabularies.put("cases.means.", Vocabulary.MeansOfControl.values());
        vocabularies.put("cases.relation.", Vocabulary.RecruiterRelation.values());
        vocabularies.put("cases.service.", Vocabulary.ServiceType.values());
        vocabularies.put("cases.area.", Vocabulary.CareArea.values());
        vocabularies.put("cases.goalStatus.", Vocabulary.GoalStatus.values());
        vocabularies.put("cases.idOutcome.", Vocabulary.IdentificationOutcome.values());
        vocabularies.put("cases.authority.", Vocabulary.IdentificationAuthority.values());
        vocabularies.put("cases.orgType.", OrganisationType.values());
        vocabularies.put("cases.purpose.", Vocabulary.Purpose.values());
        vocabularies.put("cases.document.", CaseManagement.DOCUMENT_TYPES.toArray());
        for (String bundle : new String[] {"i18n/cases.properties", "i18n/cases_km.properties"}) {
            Properties p = load(bundle);
            vocabularies.forEach((prefix, codes) -> {
                for (Object code : codes) {
                    assertThat(p.getProperty(prefix + code)).as(bundle + " " + prefix + code).isNotBlank();
                }
            });
        }
    }

    @Test
    void everyIndicatorOfTheScreeningFormHasALabelInBothLanguages() throws IOException {
        var instrument = new org.haven.cases.internal.ScreeningInstruments().current();
        Properties en = load("i18n/cases.properties");
        Properties km = load("i18n/cases_km.properties");
        int n = 0;
        for (String element : new String[] {"act", "means", "purpose", "ilo"}) {
            for (var indicator : instrument.indicators(element)) {
                n++;
                assertThat(en.getProperty("screening.indicator." + indicator.code())).as(indicator.code())
                        .isEqualTo(indicator.label());
                assertThat(km.getProperty("screening.indicator." + indicator.code())).as(indicator.code())
                        .containsPattern("[\\u1780-\\u17FF]");
            }
        }
        assertThat(n).isGreaterThan(20);
    }

    @Test
    void everyLiteralMessageKeyInTheTemplatesExists() throws IOException {
        Set<String> keys = new HashSet<>(load("i18n/cases.properties").stringPropertyNames());
        keys.addAll(load("i18n/web.properties").stringPropertyNames());
        keys.addAll(load("i18n/places.properties").stringPropertyNames());
        keys.addAll(load("i18n/audit.properties").stringPropertyNames());
        Pattern literal = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");
        int found = 0;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    found++;
                    assertThat(keys).as(f + " uses " + m.group(1)).contains(m.group(1));
                }
            }
        }
        assertThat(found).isGreaterThan(200);
    }

    @Test
    void templatesHaveNoInlineScriptOrStyle() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)");
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(f);
                assertThat(inlineScript.matcher(html).find()).as(f + " has an inline script").isFalse();
                assertThat(html).as(f.toString()).doesNotContain("style=").doesNotContain("onclick")
                        .doesNotContain("onsubmit");
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CaseMessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
