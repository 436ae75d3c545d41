package org.haven.prosecution;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.shared.web.InvalidInput;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The statute catalogue per country, read from {@code classpath:prosecution/statutes.csv} (reference data shipped
 * with the release, with the source of every row). Each article says which Palermo Art 3 element groups (act, means,
 * purpose) it covers and on which ACTIP article that mapping rests, so charges from different countries compare.
 * Only verified articles are listed: charging under an article that is not in the catalogue is refused.
 */
@Component
public class StatuteCatalogue {

    /** One article. {@code chargeable} is false for definitions and objectives. */
    public record Article(String code, String countryCode, String law, String article, String title,
            boolean chargeable, boolean palermoAct, boolean palermoMeans, boolean palermoPurpose, String actip,
            String source) {
    }

    private final Map<String, Article> articles;

    public StatuteCatalogue() {
        this.articles = load();
    }

    public List<Article> forCountry(String countryCode) {
        return articles.values().stream().filter(a -> a.countryCode().equals(countryCode)).toList();
    }

    public Optional<Article> find(String code) {
        return Optional.ofNullable(code == null ? null : articles.get(code.trim()));
    }

    /** The chargeable article with this code in this country; otherwise a clear {@link InvalidInput}. */
    public Article chargeable(String field, String code, String countryCode) {
        Article a = find(code).orElseThrow(() -> InvalidInput.of(field, "charge.statute.unknown",
                "Unknown statute article '" + code + "'; see GET /api/v1/proceedings/statutes for the catalogue."));
        if (!a.countryCode().equals(countryCode)) {
            throw InvalidInput.of(field, "charge.statute.otherCountry",
                    "Article " + a.code() + " is not a law of the proceeding's country (" + countryCode + ").");
        }
        if (!a.chargeable()) {
            throw InvalidInput.of(field, "charge.statute.notAnOffence",
                    "Article " + a.code() + " defines terms or objectives; it is not an offence that can be charged.");
        }
        return a;
    }

    private static Map<String, Article> load() {
        try (Reader in = new InputStreamReader(new ClassPathResource("prosecution/statutes.csv").getInputStream(),
                StandardCharsets.UTF_8)) {
            Map<String, Article> map = new LinkedHashMap<>();
            CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                    .get();
            for (CSVRecord r : format.parse(in)) {
                map.put(r.get("code"), new Article(r.get("code"), r.get("country"), r.get("law"), r.get("article"),
                        r.get("title"), Boolean.parseBoolean(r.get("chargeable")),
                        Boolean.parseBoolean(r.get("palermo_act")), Boolean.parseBoolean(r.get("palermo_means")),
                        Boolean.parseBoolean(r.get("palermo_purpose")), r.get("actip"), r.get("source")));
            }
            return java.util.Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new IllegalStateException("statute catalogue unreadable", e);
        }
    }
}
