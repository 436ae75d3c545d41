package org.haven.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.prevention.OutreachMethod;
import org.haven.prosecution.ExploitationForm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reporting pages speak English and Khmer: both bundles have the same keys, Khmer values with letters are in
 * Khmer script (codes such as "CTDC" aside), every code the law-enforcement and outreach figures show has a label, and
 * every literal message key in the reporting templates exists.
 */
class ReportingMessagesTests {

    @Test
    void bothBundlesHaveTheSameKeysAndKhmerIsInKhmerScript() throws IOException {
        Properties en = load("i18n/reporting.properties");
        Properties km = load("i18n/reporting_km.properties");
        assertThat(km.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : km.stringPropertyNames()) {
            String value = km.getProperty(key);
            if (value.matches(".*\\p{L}{4,}.*") && !key.startsWith("reporting.value.")) {
                assertThat(value).as(key).containsPattern("[\\u1780-\\u17FF]");
            }
        }
    }

    @Test
    void everyCodeOfTheNewFiguresHasALabelInBothLanguages() throws IOException {
        List<String> codes = new ArrayList<>();
        codes.addAll(LawEnforcementStatistics.VERDICTS);
        codes.addAll(LawEnforcementStatistics.OFFENCES);
        codes.addAll(LawEnforcementStatistics.SENTENCE_BANDS);
        codes.addAll(LawEnforcementStatistics.FINED);
        codes.addAll(LawEnforcementStatistics.PAYMENT);
        codes.addAll(List.of("FINES", "ORDERS", "FINED_AMOUNT", "ORDERED_AMOUNT", "PAID_AMOUNT", "PEOPLE"));
        codes.addAll(Reports.PEOPLE);
        codes.add("CASES");
        for (ExploitationForm f : ExploitationForm.values()) {
            codes.add(f.name());
        }
        for (OutreachMethod m : OutreachMethod.values()) {
            codes.add(m.name());
        }
        for (String bundle : List.of("i18n/reporting.properties", "i18n/reporting_km.properties")) {
            Properties p = load(bundle);
            for (String code : codes) {
                assertThat(p.getProperty("reporting.value." + code)).as(bundle + " " + code).isNotBlank();
            }
            for (IdentifiedExports.Status s : IdentifiedExports.Status.values()) {
                assertThat(p.getProperty("reporting.identified.status." + s)).as(bundle + " " + s).isNotBlank();
            }
        }
    }

    @Test
    void everyLiteralKeyInTheReportingTemplatesExists() throws IOException {
        Properties en = load("i18n/reporting.properties");
        Pattern key = Pattern.compile("#\\{(reporting\\.[A-Za-z0-9_.]+)");
        try (var files = Files.list(Path.of("src/main/resources/templates/reporting"))) {
            for (Path file : files.toList()) {
                String html = Files.readString(file);
                assertThat(html).as(file + " has no inline style").doesNotContain("style=");
                Matcher m = key.matcher(html);
                while (m.find()) {
                    assertThat(en.getProperty(m.group(1))).as(file + " " + m.group(1)).isNotNull();
                }
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ReportingMessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
