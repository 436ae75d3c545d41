package org.haven.linkage.engine;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses birth dates leniently with a {@link DateTimeFormatter}-style pattern (default {@code yyyy-MM-dd}): digits
 * are read by position or by separator-delimited groups, so impossible dates with typos (month 13) still keep their
 * digits for comparison; partial values ("1990", "1990-05") and estimates ("~1990", "1990?", "c. 1990") are kept
 * as such. Textual months (MMM) go through {@link DateTimeFormatter}.
 */
public final class DateParser {

    private final String pattern;
    private final List<Character> groups = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private final boolean separated;
    private final DateTimeFormatter formatter;

    /** @throws IllegalArgumentException when the pattern is not a date pattern with a year */
    public DateParser(String pattern) {
        this.pattern = pattern;
        DateTimeFormatter f = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
        this.formatter = f;
        boolean sep = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isLetter(c)) {
                if (c != 'y' && c != 'u' && c != 'M' && c != 'd' && c != 'L') {
                    if (c != 'E' && c != 'a') {
                        throw new IllegalArgumentException("unsupported letter '" + c + "' in date format " + pattern);
                    }
                }
                char g = c == 'u' ? 'y' : c == 'L' ? 'M' : c;
                if (!groups.isEmpty() && groups.get(groups.size() - 1) == g && i > 0 && pattern.charAt(i - 1) == c) {
                    widths.set(widths.size() - 1, widths.get(widths.size() - 1) + 1);
                } else {
                    groups.add(g);
                    widths.add(1);
                }
            } else {
                sep = true;
            }
        }
        if (!groups.contains('y')) {
            throw new IllegalArgumentException("date format " + pattern + " has no year (y)");
        }
        this.separated = sep;
    }

    public String pattern() {
        return pattern;
    }

    /** Parses a value; {@link PartialDate#UNKNOWN} when nothing usable is found (never throws). */
    public PartialDate parse(String raw) {
        if (raw == null) {
            return PartialDate.UNKNOWN;
        }
        String v = raw.trim();
        if (v.isEmpty()) {
            return PartialDate.UNKNOWN;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        boolean estimated = lower.contains("~") || lower.contains("?") || lower.startsWith("c.") || lower.startsWith("ca")
                || lower.contains("approx") || lower.startsWith("abt") || lower.startsWith("about")
                || lower.contains("est");
        boolean textual = false;
        for (int i = 0; i < v.length(); i++) {
            if (Character.isLetter(v.charAt(i))) {
                textual = true;
                break;
            }
        }
        if (textual && widths.stream().anyMatch(w -> w >= 3) && groups.contains('M')) {
            try {
                TemporalAccessor t = formatter.parse(v);
                LocalDate d = LocalDate.of(t.get(ChronoField.YEAR_OF_ERA), t.get(ChronoField.MONTH_OF_YEAR),
                        t.get(ChronoField.DAY_OF_MONTH));
                return new PartialDate(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), estimated);
            } catch (RuntimeException e) {
                // fall through to digits
            }
        }
        List<String> parts = new ArrayList<>(3);
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                cur.append(c);
            } else if (cur.length() > 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) {
            parts.add(cur.toString());
        }
        if (parts.isEmpty()) {
            return PartialDate.UNKNOWN;
        }
        int y = 0;
        int m = 0;
        int d = 0;
        if (parts.size() == 1 && parts.get(0).length() == 4) {
            y = Integer.parseInt(parts.get(0));
        } else if (!separated && parts.size() == 1) {
            String digits = parts.get(0);
            int total = widths.stream().mapToInt(Integer::intValue).sum();
            if (digits.length() != total) {
                return digits.length() >= 4 && groups.get(0) == 'y'
                        ? new PartialDate(Integer.parseInt(digits.substring(0, 4)), 0, 0, estimated)
                        : PartialDate.UNKNOWN;
            }
            int pos = 0;
            for (int g = 0; g < groups.size(); g++) {
                int val = Integer.parseInt(digits.substring(pos, pos + widths.get(g)));
                pos += widths.get(g);
                switch (groups.get(g)) {
                    case 'y' -> y = fullYear(val, widths.get(g));
                    case 'M' -> m = val;
                    case 'd' -> d = val;
                    default -> { }
                }
            }
        } else {
            List<Character> order = new ArrayList<>();
            for (char g : groups) {
                if (g == 'y' || g == 'M' || g == 'd') {
                    order.add(g);
                }
            }
            if (parts.size() < order.size()) {
                // "1990-05": leading groups only when the pattern starts with the year
                if (order.get(0) != 'y') {
                    for (String p : parts) {
                        if (p.length() == 4) {
                            return new PartialDate(Integer.parseInt(p), 0, 0, estimated);
                        }
                    }
                    return PartialDate.UNKNOWN;
                }
            }
            for (int g = 0; g < Math.min(order.size(), parts.size()); g++) {
                String p = parts.get(g);
                if (p.length() > 4 || order.get(g) == 'y' && widthOf('y') == 4 && p.length() != 4
                        || order.get(g) != 'y' && p.length() > 2) {
                    return PartialDate.UNKNOWN;
                }
                int val = Integer.parseInt(p);
                switch (order.get(g)) {
                    case 'y' -> y = fullYear(val, p.length());
                    case 'M' -> m = val;
                    case 'd' -> d = val;
                    default -> { }
                }
            }
        }
        if (y <= 0) {
            return PartialDate.UNKNOWN;
        }
        return new PartialDate(y, m, d, estimated);
    }

    private int widthOf(char group) {
        int i = groups.indexOf(group);
        return i < 0 ? 0 : widths.get(i);
    }

    private static int fullYear(int val, int width) {
        if (width <= 2 && val < 100) {
            int now = org.haven.shared.HavenClock.today().getYear() % 100;
            return val <= now ? 2000 + val : 1900 + val;
        }
        return val;
    }

    /** A birth year or an age (≤ 130, relative to this year); always treated as an estimate. */
    public static PartialDate parseYear(String raw) {
        if (raw == null || raw.isBlank()) {
            return PartialDate.UNKNOWN;
        }
        String digits = raw.replaceAll("[^0-9]", "");
        if (digits.isEmpty() || digits.length() > 4) {
            return PartialDate.UNKNOWN;
        }
        int v = Integer.parseInt(digits);
        if (v <= 130) {
            return new PartialDate(org.haven.shared.HavenClock.today().getYear() - v, 0, 0, true);
        }
        if (v < 1800) {
            return PartialDate.UNKNOWN;
        }
        return new PartialDate(v, 0, 0, true);
    }
}
