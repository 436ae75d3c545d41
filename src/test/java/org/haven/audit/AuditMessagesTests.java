package org.haven.audit;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditMessagesTests {

    @Test
    void everyEnglishMessageHasAKhmerTranslationAndEveryOutcomeALabel() throws Exception {
        Properties en = load("i18n/audit.properties");
        Properties km = load("i18n/audit_km.properties");
        assertThat(km.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        for (AuditOutcome outcome : AuditOutcome.values()) {
            assertThat(en).containsKey("audit.outcome." + outcome.name());
        }
        // Khmer values are Khmer script (U+1780–U+17FF), not English copies.
        km.stringPropertyNames().forEach(k -> assertThat(km.getProperty(k)).as(k).containsPattern("[\\u1780-\\u17FF]"));
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = AuditMessagesTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
