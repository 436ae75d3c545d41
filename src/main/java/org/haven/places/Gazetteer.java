package org.haven.places;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to places for every module: lookup by code, spelling-tolerant search, children and ancestors.
 *
 * <p>Search matches Latin names through a folded key (case, diacritics, aspirates kh/k, ph/p, th/t, ch/j, vowel
 * variants and spaces are ignored: "Kompong Chnang" finds "Kampong Chhnang", "Siem Reap" finds "Siemreap") ranked by
 * trigram similarity ({@code pg_trgm}), and Khmer names by substring after removing invisible characters. Search
 * returns current units only; {@link #find(String)} also returns retired ones so old records still resolve.
 * Gazetteer data is public: nothing here is audited.
 */
@Service
@Transactional(readOnly = true)
public class Gazetteer {

    static final String COLUMNS = "code, country_code, level, admin_type, name_km, name_latin, parent_code, "
            + "path_latin, path_km, valid_to";

    private static final String LEVEL_RANK =
            " array_position(array['COUNTRY','PROVINCE','DISTRICT','COMMUNE','VILLAGE']::varchar[], level)";

    private final JdbcClient jdbc;

    public Gazetteer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The unit with this code, current or retired. */
    public Optional<Place> find(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from place where code = ?").param(code.trim())
                .query(Gazetteer::map).optional();
    }

    /** Up to {@code limit} current units whose Khmer or Latin name matches, best first; {@code level} null = any. */
    public List<Place> search(String query, Level level, int limit) {
        return search(query, level, 0, limit);
    }

    /** As {@link #search(String, Level, int)}, skipping the first {@code offset} results (for paging). */
    public List<Place> search(String query, Level level, int offset, int limit) {
        String q = query == null ? "" : Normalizer.normalize(query, Normalizer.Form.NFC).strip();
        if (q.isEmpty() || limit <= 0) {
            return List.of();
        }
        int cappedLimit = Math.min(limit, 200);
        boolean khmer = q.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.KHMER);
        String levelClause = level == null ? "" : " and level = :level";
        String sql;
        if (khmer) {
            // pg_trgm ignores non-ASCII letters in a C-locale database, so Khmer is matched by substring on the
            // invisible-free key; exact and prefix matches first, shorter names next.
            sql = "select " + COLUMNS + " from place, places_fold_khmer(:q) as k(key)"
                    + " where valid_to is null and k.key <> '' and strpos(khmer_key, k.key) > 0" + levelClause
                    + " order by (khmer_key = k.key) desc, (left(khmer_key, length(k.key)) = k.key) desc,"
                    + LEVEL_RANK + ", length(khmer_key), code offset :offset limit :limit";
        } else {
            sql = "select " + COLUMNS + " from place,"
                    + " places_fold_latin(:q) as f(key), places_fold_light(:q) as l(light)"
                    + " where valid_to is null and f.key <> ''"
                    + " and (latin_key % f.key or latin_light % l.light or latin_key like f.key || '%'"
                    + "      or latin_light like '%' || l.light || '%')" + levelClause
                    // Same key = same name up to spelling; among those, larger units first (a province
                    // before the villages named after it).
                    + " order by (latin_key = f.key) desc, (latin_light = l.light) desc," + LEVEL_RANK + ","
                    + " greatest(similarity(latin_key, f.key), similarity(latin_light, l.light)) desc,"
                    + " code offset :offset limit :limit";
        }
        var spec = jdbc.sql(sql).param("q", q).param("offset", Math.max(offset, 0)).param("limit", cappedLimit);
        if (level != null) {
            spec = spec.param("level", level.name());
        }
        return spec.query(Gazetteer::map).list();
    }

    /** The current units directly below this one, by Latin name. */
    public List<Place> children(String code) {
        return jdbc.sql("select " + COLUMNS + " from place where parent_code = ? and valid_to is null"
                + " order by name_latin, code").param(code).query(Gazetteer::map).list();
    }

    /** The units above this one, from the country down to its parent; empty for an unknown code. */
    public List<Place> ancestors(String code) {
        List<Place> chain = new ArrayList<>();
        Optional<Place> current = find(code);
        // Bounded walk: the hierarchy is at most five levels deep; the bound guards against a corrupt cycle.
        for (int i = 0; i < 8 && current.isPresent() && current.get().parentCode() != null; i++) {
            current = find(current.get().parentCode());
            current.ifPresent(chain::add);
        }
        Collections.reverse(chain);
        return chain;
    }

    /**
     * The codes of this unit and all units below it (current and retired), e.g. to count records in a district.
     */
    public List<String> descendantsAndSelf(String code) {
        return jdbc.sql("with recursive d(code) as (select code from place where code = ?"
                + " union all select p.code from place p join d on p.parent_code = d.code) select code from d")
                .param(code).query(String.class).list();
    }

    static Place map(ResultSet rs, int row) throws SQLException {
        var validTo = rs.getDate("valid_to");
        return new Place(rs.getString("code"), rs.getString("country_code"), Level.valueOf(rs.getString("level")),
                rs.getString("admin_type"), rs.getString("name_km"), rs.getString("name_latin"),
                rs.getString("parent_code"), rs.getString("path_latin"), rs.getString("path_km"),
                validTo == null ? null : validTo.toLocalDate());
    }
}
