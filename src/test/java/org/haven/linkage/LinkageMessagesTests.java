package org.haven.linkage;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.haven.linkage.internal.PairScorer;
import org.haven.linkage.internal.SuspectMatcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linkage messages: English and Khmer have the same keys, Khmer values are Khmer script with the same
 * placeholders, and every message code the module's code and templates use exists (levels, decisions, bands,
 * statuses, merge reasons, error codes).
 */
class LinkageMessagesTests {

    @Test
    void everyEnglishMessageHasAKhmerTranslationWithTheSamePlaceholders() throws Exception {
        Properties en = load("i18n/linkage.properties");
        Properties km = load("i18n/linkage_km.properties");
        assertThat(km.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        Pattern placeholder = Pattern.compile("\\{\\d+}");
        for (String k : km.stringPropertyNames()) {
            // Khmer values are Khmer script (U+1780–U+17FF), not English copies
            assertThat(km.getProperty(k)).as(k).containsPattern("[\\u1780-\\u17FF]");
            assertThat(placeholders(placeholder, km.getProperty(k))).as(k)
                    .isEqualTo(placeholders(placeholder, en.getProperty(k)));
        }
    }

    @Test
    void everyLabelTheViewsComposeExists() throws Exception {
        Properties en = load("i18n/linkage.properties");
        for (PairScorer.Level l : PairScorer.Level.values()) {
            assertThat(en).containsKey("linkage.level." + l.name());
        }
        for (RecordLinkage.Decision d : RecordLinkage.Decision.values()) {
            assertThat(en).containsKey("linkage.decision." + d.name()).containsKey("linkage.status." + d.name());
        }
        for (SuspectMatcher.Band b : SuspectMatcher.Band.values()) {
            assertThat(en).containsKey("linkage.band." + b.name());
        }
        assertThat(en).containsKey("linkage.status.PENDING");
        for (String reason : new String[] {"SAME_DOCUMENT", "SCORED_MATCH", "CONFIRMED"}) {
            assertThat(en).containsKey("linkage.network.reason." + reason);
        }
        for (String field : new String[] {"given_name", "family_name", "birth", "sex", "phone", "id_number"}) {
            assertThat(en).containsKey("linkage.fieldName." + field);
        }
    }

    @Test
    void everyLinkageMessageCodeInTheSourcesAndTemplatesExists() throws Exception {
        Properties en = load("i18n/linkage.properties");
        Set<String> used = new TreeSet<>();
        Pattern code = Pattern.compile("[\"{]((linkage)\\.[a-zA-Z]+(\\.[a-zA-Z_]+)*)[\"}(]");
        for (Path root : new Path[] {Path.of("src/main/java/org/haven/linkage"),
                Path.of("src/main/resources/templates/linkage")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = code.matcher(Files.readString(f));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        // composed keys end with a dot followed by an expression: only whole keys are checked
        used.removeIf(k -> k.endsWith(".") || k.equals("linkage.registration-check") || k.equals("linkage.encode")
                || k.equals("linkage.decide") || k.equals("linkage.suspect-decide"));
        assertThat(used).hasSizeGreaterThan(50);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(en.stringPropertyNames());
        assertThat(missing).as("message codes without a message").isEmpty();
    }

    private static Set<String> placeholders(Pattern p, String s) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = LinkageMessagesTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
