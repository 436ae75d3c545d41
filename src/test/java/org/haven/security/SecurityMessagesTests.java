package org.haven.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The security module's pages speak English and Khmer: every key in both bundles, every template key defined. */
class SecurityMessagesTests {

    @Test
    void everyEnglishMessageHasAKhmerTranslationInKhmerScript() throws IOException {
        Properties en = load("i18n/security.properties");
        Properties km = load("i18n/security_km.properties");
        assertThat(km.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : km.stringPropertyNames()) {
            assertThat(km.getProperty(key)).as(key).containsPattern("[\\u1780-\\u17FF]");
        }
    }

    @Test
    void everyLiteralMessageKeyInTheTemplatesExists() throws IOException {
        Set<String> keys = new HashSet<>(load("i18n/security.properties").stringPropertyNames());
        keys.addAll(load("i18n/web.properties").stringPropertyNames());
        Pattern literal = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates/security"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    assertThat(keys).as(f + " uses " + m.group(1)).contains(m.group(1));
                }
            }
        }
    }

    @Test
    void templatesHaveNoInlineScriptOrStyle() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates/security"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(f);
                assertThat(html).as(f.toString()).doesNotContain("<script").doesNotContain("style=").doesNotContain("onclick");
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = SecurityMessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
