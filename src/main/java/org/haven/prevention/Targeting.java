package org.haven.prevention;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.places.Gazetteer;
import org.haven.places.Level;
import org.haven.places.Place;
import org.haven.security.Permission;
import org.haven.shared.web.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "In which villages should the paintings hang?": where survivors were recruited (from {@link RecruitmentSource})
 * against where outreach reached, by Cambodian province, district or commune, over a period.
 *
 * <p>Recruitment counts from 1 to threshold − 1 are suppressed ("&lt;11") in everything this returns, including the
 * ranking (suppressed areas rank together, after every area with a shown count, so their order reveals nothing) and
 * the count of recruitment not locatable at the chosen level. Codes are rolled up by NCDD code prefix; a survivor
 * recruited in two villages of one district is counted in both village counts and so twice in the district (the
 * source counts distinct survivors per code, not per area): a known overcount.
 */
@Service
@Transactional // not read-only: the audit entry of the aggregate read is written in the same transaction
public class Targeting {

    /** One area: recruitment (as shown, after suppression), outreach activities and people reached. */
    public record Area(String code, String name, String path, String recruitedShown, boolean suppressed,
            long recruitedForRanking, int activities, long reached) {

        public boolean hasRecruitment() {
            return !"0".equals(recruitedShown);
        }
    }

    /** The report. {@code gaps}: areas with recruitment ranked by lack of outreach (no outreach first). */
    public record Report(Level level, String within, LocalDate from, LocalDate to, int threshold, List<Area> areas,
            List<Area> gaps, String unlocatedShown, boolean recruitmentAvailable) {
    }

    private final JdbcClient jdbc;
    private final Gazetteer gazetteer;
    private final ObjectProvider<RecruitmentSource> recruitment;
    private final PreventionSettings settings;
    private final AuditLog audit;

    public Targeting(JdbcClient jdbc, Gazetteer gazetteer, ObjectProvider<RecruitmentSource> recruitment,
            PreventionSettings settings, AuditLog audit) {
        this.jdbc = jdbc;
        this.gazetteer = gazetteer;
        this.recruitment = recruitment;
        this.settings = settings;
        this.audit = audit;
    }

    /**
     * @param level  PROVINCE, DISTRICT or COMMUNE
     * @param within optional NCDD code of a larger unit to restrict to (e.g. a province to see its districts)
     */
    public Report report(Level level, String within, LocalDate from, LocalDate to) {
        OutreachManagement.require(Permission.OUTREACH_READ);
        int len = switch (level == null ? Level.PROVINCE : level) {
            case PROVINCE -> 2;
            case DISTRICT -> 4;
            case COMMUNE -> 6;
            default -> throw InvalidInput.of("level", "targeting.error.level", "province, district or commune");
        };
        Level lvl = level == null ? Level.PROVINCE : level;
        if (from == null || to == null || to.isBefore(from)) {
            throw InvalidInput.of("to", "targeting.error.period", "give a period: from before to");
        }
        String prefix = within == null || within.isBlank() ? "" : within.strip();
        if (!prefix.matches("|\\d{2}|\\d{4}") || prefix.length() >= len) {
            throw InvalidInput.of("within", "targeting.error.within", "a province or district code above the level");
        }
        int threshold = Math.max(1, settings.suppressionThreshold());

        Map<String, Long> recruited = new HashMap<>();
        long unlocated = 0;
        RecruitmentSource source = recruitment.getIfAvailable();
        if (source != null) {
            for (Map.Entry<String, Long> e : source.recruitmentCountsByPlace(from, to).entrySet()) {
                String code = e.getKey();
                long n = e.getValue() == null ? 0 : e.getValue();
                boolean cambodian = code != null && code.matches("\\d{2,8}");
                if (cambodian && code.length() >= len) {
                    if (code.startsWith(prefix)) {
                        recruited.merge(code.substring(0, len), n, Long::sum);
                    }
                } else if (cambodian) {
                    // Known only above the chosen level: inside the restriction, or containing it.
                    if (code.startsWith(prefix) || prefix.startsWith(code)) {
                        unlocated += n;
                    }
                } else if (prefix.isEmpty()) {
                    unlocated += n; // abroad or not a gazetteer code
                }
            }
        }
        Map<String, long[]> outreach = new HashMap<>();
        jdbc.sql("select substr(place_code, 1, :len) as area, count(*) as n, coalesce(sum(audience_total), 0) as reached"
                + " from outreach_activity where activity_date between :from and :to and place_code ~ '^[0-9]+$'"
                + " and length(place_code) >= :len and place_code like :prefix group by 1")
                .param("len", len).param("from", from).param("to", to).param("prefix", prefix + "%")
                .query(rs -> {
                    outreach.put(rs.getString("area"), new long[] {rs.getLong("n"), rs.getLong("reached")});
                });

        Locale locale = LocaleContextHolder.getLocale();
        TreeSet<String> codes = new TreeSet<>(recruited.keySet());
        codes.addAll(outreach.keySet());
        List<Area> areas = new ArrayList<>();
        for (String code : codes) {
            long r = recruited.getOrDefault(code, 0L);
            long[] o = outreach.getOrDefault(code, new long[] {0, 0});
            Optional<Place> place = gazetteer.find(code);
            boolean suppressed = r > 0 && r < threshold;
            areas.add(new Area(code, place.map(p -> p.name(locale)).orElse(code),
                    place.map(p -> p.path(locale)).orElse(""), shown(r, threshold), suppressed,
                    suppressed ? 0 : r, (int) o[0], o[1]));
        }
        List<Area> gaps = areas.stream().filter(Area::hasRecruitment)
                .sorted(Comparator.comparing((Area a) -> a.activities() > 0)
                        .thenComparing(Area::suppressed)
                        .thenComparing(Comparator.comparingLong(Area::recruitedForRanking).reversed())
                        .thenComparingLong(Area::reached)
                        .thenComparingInt(Area::activities)
                        .thenComparing(Area::code))
                .toList();
        audit.record(AuditEntry.read("recruitment_aggregate", List.of()).withDetail("level", lvl.name())
                .withDetail("from", from.toString()).withDetail("to", to.toString()));
        return new Report(lvl, prefix, from, to, threshold, areas, gaps, shown(unlocated, threshold), source != null);
    }

    static String shown(long count, int threshold) {
        return count > 0 && count < threshold ? "<" + threshold : Long.toString(count);
    }

    /** The report as CSV (suppressed values as shown). */
    public String csv(Report report) {
        StringBuilder sb = new StringBuilder("rank,code,name,recruited,activities,people_reached\n");
        int rank = 1;
        java.util.Set<String> ranked = new java.util.HashSet<>();
        for (Area a : report.gaps()) {
            ranked.add(a.code());
            sb.append(rank++).append(',').append(a.code()).append(',').append(csvCell(a.name())).append(',')
                    .append(a.recruitedShown()).append(',').append(a.activities()).append(',').append(a.reached())
                    .append('\n');
        }
        for (Area a : report.areas()) {
            if (!ranked.contains(a.code())) {
                sb.append(',').append(a.code()).append(',').append(csvCell(a.name())).append(',')
                        .append(a.recruitedShown()).append(',').append(a.activities()).append(',')
                        .append(a.reached()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        String v = s == null ? "" : s;
        // Quote always; neutralise spreadsheet formulas.
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
