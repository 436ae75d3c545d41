package org.haven.prevention;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Audience counts of an activity by sex and age band: 15 non-negative numbers in the order of {@link #COLUMNS}
 * (female 0-11 … female 60+, male …, other …).
 */
public record Audience(List<Integer> counts) {

    public enum Sex { F, M, O }

    public static final List<String> BANDS = List.of("0_11", "12_17", "18_24", "25_59", "60_plus");

    /** Column names, also the spreadsheet headers: {@code f_0_11 … o_60_plus}. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>();
        for (Sex s : Sex.values()) {
            for (String b : BANDS) {
                c.add(s.name().toLowerCase(java.util.Locale.ROOT) + "_" + b);
            }
        }
        COLUMNS = List.copyOf(c);
    }

    public Audience {
        if (counts == null) {
            counts = Collections.nCopies(COLUMNS.size(), 0);
        }
        if (counts.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("audience needs " + COLUMNS.size() + " counts");
        }
        counts = counts.stream().map(n -> n == null ? 0 : n).toList();
    }

    public static Audience none() {
        return new Audience(null);
    }

    public int count(Sex sex, int band) {
        return counts.get(sex.ordinal() * BANDS.size() + band);
    }

    public int total() {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }

    public int totalOf(Sex sex) {
        int sum = 0;
        for (int b = 0; b < BANDS.size(); b++) {
            sum += count(sex, b);
        }
        return sum;
    }

    public boolean valid() {
        return counts.stream().allMatch(n -> n >= 0 && n <= 1_000_000);
    }
}
