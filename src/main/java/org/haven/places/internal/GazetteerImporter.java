package org.haven.places.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.places.Level;
import org.haven.shared.web.Conflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports an edition of Cambodia's NCDD gazetteer (the flat CSV layout of {@code shared/data/gazetteer}) and updates
 * the {@code place} table in place: new units added, renames, reclassifications and re-parentings recorded in
 * {@code place_change} with the edition date, units missing from the edition retired ({@code valid_to}), never
 * deleted. Importing the same edition again changes nothing. One transaction: a failing file changes nothing.
 *
 * <p>Names are compared after normalisation (NFC, zero-width characters removed, whitespace collapsed), because the
 * NCDD exports carry stray U+200B that are not renames.
 */
@Component
public class GazetteerImporter {

    private static final Logger log = LoggerFactory.getLogger(GazetteerImporter.class);
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    public static final String COUNTRY = "KH";

    /** What an import did. */
    public record Report(LocalDate edition, int added, int renamed, int reclassified, int reparented, int retired,
            int reinstated, int unchanged) {

        public String summary() {
            return "edition " + edition + ": added " + added + ", renamed " + renamed + ", reclassified "
                    + reclassified + ", reparented " + reparented + ", retired " + retired + ", reinstated "
                    + reinstated + ", unchanged " + unchanged;
        }
    }

    record Unit(String code, Level level, String adminType, String adminTypeKm, String parentCode, String nameKm,
            String nameLatin) {
    }

    private record Existing(Unit unit, LocalDate validTo) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    GazetteerImporter(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Normalises a name for storage and comparison; {@code null} for blank. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String s = INVISIBLE.matcher(Normalizer.normalize(value, Normalizer.Form.NFC)).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }

    /** Reads the edition; the input is consumed and the SHA-256 of its bytes computed. */
    static List<Unit> read(InputStream in, byte[][] digestOut) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Unit> units = new ArrayList<>();
        try (Reader reader = new InputStreamReader(new DigestInputStream(in, sha), StandardCharsets.UTF_8)) {
            var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord r : format.parse(reader)) {
                String code = clean(r.get("code"));
                if (code == null || !code.matches("\\d{2}|\\d{4}|\\d{6}|\\d{8}")) {
                    throw new IllegalArgumentException("line " + r.getRecordNumber() + ": bad code");
                }
                Level level = Level.ofNcdd(Integer.parseInt(r.get("level").trim()));
                String parent = clean(r.get("parent_code"));
                units.add(new Unit(code, level, clean(r.get("admin_type_latin")), clean(r.get("admin_type_km")),
                        level == Level.PROVINCE ? COUNTRY : parent, clean(r.get("name_km")),
                        clean(r.get("name_latin"))));
            }
        }
        digestOut[0] = sha.digest();
        return units;
    }

    /** Imports one edition of the whole country. Refuses an edition older than one already imported. */
    @Transactional
    public Report importEdition(InputStream in, String sourceName, LocalDate edition) throws IOException {
        byte[][] digest = new byte[1][];
        List<Unit> units = read(in, digest);
        String sha256 = HexFormat.of().formatHex(digest[0]);
        // Serialise concurrent imports: the diff below reads then writes the whole table.
        jdbc.sql("lock table place in share row exclusive mode").update();
        LocalDate latest = jdbc.sql("select max(edition) from gazetteer_edition where country_code = ?")
                .param(COUNTRY).query(LocalDate.class).optional().orElse(null);
        if (latest != null && edition.isBefore(latest)) {
            throw new Conflict("gazetteer.edition.older", "edition " + edition + " is older than the imported edition " + latest);
        }
        Map<String, Existing> existing = new HashMap<>();
        jdbc.sql("select code, level, admin_type, admin_type_km, parent_code, name_km, name_latin, valid_to"
                + " from place where country_code = ? and level <> 'COUNTRY'").param(COUNTRY).query(rs -> {
                    var validTo = rs.getDate("valid_to");
                    existing.put(rs.getString("code"), new Existing(new Unit(rs.getString("code"),
                            Level.valueOf(rs.getString("level")), rs.getString("admin_type"),
                            rs.getString("admin_type_km"), rs.getString("parent_code"), rs.getString("name_km"),
                            rs.getString("name_latin")), validTo == null ? null : validTo.toLocalDate()));
                });

        Map<String, Unit> incoming = new LinkedHashMap<>();
        for (Unit u : units) {
            if (incoming.put(u.code(), u) != null) {
                throw new IllegalArgumentException("duplicate code " + u.code());
            }
        }
        for (Unit u : units) {
            if (!COUNTRY.equals(u.parentCode()) && !incoming.containsKey(u.parentCode())) {
                throw new IllegalArgumentException("unit " + u.code() + ": parent " + u.parentCode() + " not in file");
            }
        }

        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> confirms = new ArrayList<>();
        List<Object[]> changes = new ArrayList<>();
        Date ed = Date.valueOf(edition);
        int added = 0, renamed = 0, reclassified = 0, reparented = 0, retired = 0, reinstated = 0, unchanged = 0;
        for (Unit u : units) {
            Existing e = existing.get(u.code());
            if (e == null) {
                inserts.add(new Object[] {u.code(), COUNTRY, u.level().name(), u.adminType(), u.adminTypeKm(),
                        u.parentCode(), u.nameKm(), u.nameLatin(), ed, ed});
                changes.add(new Object[] {u.code(), ed, "ADDED", null, label(u)});
                added++;
                continue;
            }
            Unit o = e.unit();
            boolean changed = false;
            if (!Objects.equals(o.nameKm(), u.nameKm()) || !Objects.equals(o.nameLatin(), u.nameLatin())) {
                changes.add(new Object[] {u.code(), ed, "RENAMED", names(o), names(u)});
                renamed++;
                changed = true;
            }
            if (o.level() != u.level() || !Objects.equals(o.adminType(), u.adminType())) {
                changes.add(new Object[] {u.code(), ed, "RECLASSIFIED", o.level() + " " + o.adminType(),
                        u.level() + " " + u.adminType()});
                reclassified++;
                changed = true;
            }
            if (!Objects.equals(o.parentCode(), u.parentCode())) {
                changes.add(new Object[] {u.code(), ed, "REPARENTED", o.parentCode(), u.parentCode()});
                reparented++;
                changed = true;
            }
            if (e.validTo() != null) {
                changes.add(new Object[] {u.code(), ed, "REINSTATED", e.validTo().toString(), null});
                reinstated++;
                changed = true;
            }
            if (changed || !Objects.equals(o.adminTypeKm(), u.adminTypeKm())) {
                updates.add(new Object[] {u.level().name(), u.adminType(), u.adminTypeKm(), u.parentCode(),
                        u.nameKm(), u.nameLatin(), ed, u.code()});
            } else {
                confirms.add(new Object[] {ed, u.code()});
            }
            if (!changed) {
                unchanged++;
            }
        }
        List<Object[]> retirements = new ArrayList<>();
        for (Existing e : existing.values()) {
            if (e.validTo() == null && !incoming.containsKey(e.unit().code())) {
                retirements.add(new Object[] {ed, e.unit().code()});
                changes.add(new Object[] {e.unit().code(), ed, "RETIRED", label(e.unit()), null});
                retired++;
            }
        }
        // Parents before children: the file lists provinces before their districts, and so on.
        inserts.sort(java.util.Comparator.comparingInt(a -> ((String) a[0]).length()));
        template.batchUpdate("insert into place (code, country_code, level, admin_type, admin_type_km, parent_code,"
                + " name_km, name_latin, valid_from, edition) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        template.batchUpdate("update place set level = ?, admin_type = ?, admin_type_km = ?, parent_code = ?,"
                + " name_km = ?, name_latin = ?, edition = ?, valid_to = null where code = ?", updates);
        template.batchUpdate("update place set edition = ? where code = ? and edition < ?",
                confirms.stream().map(c -> new Object[] {c[0], c[1], c[0]}).toList());
        template.batchUpdate("update place set valid_to = ? where code = ?", retirements);
        template.batchUpdate("insert into place_change (code, edition, kind, old_value, new_value)"
                + " values (?, ?, ?, ?, ?)", changes);
        refreshPaths(COUNTRY);
        Report report = new Report(edition, added, renamed, reclassified, reparented, retired, reinstated, unchanged);
        jdbc.sql("insert into gazetteer_edition (country_code, edition, source_name, sha256, added, renamed,"
                + " reclassified, reparented, retired, unchanged) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(COUNTRY, ed, sourceName, sha256, added, renamed, reclassified, reparented, retired, unchanged)
                .update();
        log.info("Gazetteer {} imported: {}", sourceName, report.summary());
        return report;
    }

    /** Recomputes the denormalised ancestor paths of a country's units (only rows whose path changed are written). */
    void refreshPaths(String country) {
        jdbc.sql("""
                with recursive tree(code, path_latin, path_km) as (
                    select code, name_latin::text, coalesce(name_km, name_latin)::text
                      from place where level = 'COUNTRY' and code = :country
                    union all
                    select p.code, t.path_latin || ' › ' || coalesce(p.name_latin, p.name_km),
                           t.path_km || ' › ' || coalesce(p.name_km, p.name_latin)
                      from place p join tree t on p.parent_code = t.code)
                update place p set path_latin = parent.path_latin, path_km = parent.path_km
                  from tree parent
                 where parent.code = p.parent_code
                   and (p.path_latin is distinct from parent.path_latin or p.path_km is distinct from parent.path_km)
                """).param("country", country).update();
    }

    private static String label(Unit u) {
        return u.level() + " " + u.adminType() + " " + names(u);
    }

    private static String names(Unit u) {
        return Objects.toString(u.nameKm(), "") + " / " + Objects.toString(u.nameLatin(), "");
    }
}
