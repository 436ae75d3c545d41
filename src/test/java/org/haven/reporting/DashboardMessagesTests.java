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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards speak English and Khmer: both reporting bundles have the same keys, Khmer values are in Khmer
 * script, every section, row and column code a dashboard shows has a label and an explanation in both, and the
 * dashboard templates carry no inline style or script (CSP).
 */
class DashboardMessagesTests {

    @Test
    void bothBundlesHaveTheSameKeysAndKhmerIsInKhmerScript() throws IOException {
        Properties en = load("i18n/reporting.properties");
        Properties km = load("i18n/reporting_km.properties");
        assertThat(km.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : km.stringPropertyNames()) {
            if (key.startsWith("reporting.dashboard.") || key.startsWith("reporting.panel.")) {
                assertThat(km.getProperty(key)).as(key).containsPattern("[\\u1780-\\u17FF]");
            }
        }
    }

    @Test
    void everyDashboardCodeHasALabelInBothLanguages() throws IOException {
        List<String> keys = new ArrayList<>();
        for (Dashboards.Section s : Dashboards.Section.values()) {
            keys.add("reporting.figure." + Dashboards.figureId(s));
            keys.add("reporting.dashboard.explain." + Dashboards.figureId(s));
        }
        List<String> codes = new ArrayList<>();
        codes.addAll(Dashboards.CASE_STATUSES);
        codes.addAll(Dashboards.SEXES);
        codes.addAll(Dashboards.STAGES);
        codes.addAll(Dashboards.OUTREACH_METHODS);
        codes.addAll(Dashboards.REFERRAL_DIRECTIONS);
        codes.addAll(org.haven.referrals.ReferralCounts.STATUSES);
        codes.addAll(List.of("CASES", "SERVICES", "PROCEEDINGS", "DONE", "NOT_DONE", "FEMALE", "MALE", "OTHER"));
        for (org.haven.cases.Vocabulary.ServiceType t : org.haven.cases.Vocabulary.ServiceType.values()) {
            codes.add(t.name());
        }
        codes.forEach(c -> keys.add("reporting.value." + c));
        for (String bundle : new String[] {"i18n/reporting.properties", "i18n/reporting_km.properties"}) {
            Properties p = load(bundle);
            for (String key : keys) {
                assertThat(p.getProperty(key)).as(bundle + " " + key).isNotBlank();
            }
        }
    }

    @Test
    void dashboardTemplatesHaveNoInlineStyleOrScript() throws IOException {
        for (String t : new String[] {"dashboard.html", "panels.html"}) {
            String html = Files.readString(Path.of("src/main/resources/templates/reporting", t));
            assertThat(html).as(t).doesNotContain("style=", "<script", "<style", "http://www.w3.org/2000/svg\" src");
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = DashboardMessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
