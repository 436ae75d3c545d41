package org.haven.linkage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The batch engine's shortcuts give the same answers as the plain computations they replace. */
class EngineShortcutsTests {

    @Test
    void ancestorsScannedFromTheIndexBytesAreThoseOfTheLoadedGazetteer() {
        Gazetteer g = Gazetteer.get();
        String province = g.keyOfKhmer("បន្ទាយមានជ័យ");
        String district = g.keyOfKhmer("មង្គលបូរី");
        List<String> keys = List.of(province, district, "kingston", "hei", "notaplaceanywhere");
        Map<String, String[]> scanned = Gazetteer.scanIndex(keys);
        for (String k : keys) {
            assertThat(scanned.get(k)).as(k).isEqualTo(g.ancestorsOf(k));
        }
        assertThat(scanned.get(district)).contains(province);
        assertThat(scanned).doesNotContainKey("notaplaceanywhere");
    }

    @Test
    void damerauWithTheHistogramBoundEqualsTheFullComputation() {
        SplittableRandom r = new SplittableRandom(3);
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[] {"1234567", "1234576"});
        pairs.add(new String[] {"12345678", "23456789"});
        pairs.add(new String[] {"0972166556", "0972166565"});
        for (int i = 0; i < 20_000; i++) {
            String a = digits(r, 3 + r.nextInt(10));
            String b = r.nextBoolean() ? mutate(r, a) : digits(r, 3 + r.nextInt(10));
            pairs.add(new String[] {a, b});
        }
        for (String[] p : pairs) {
            String pad = "xxxxxxxxxxxxxxxx"; // longer than 15 characters: computed without the bound
            int full = Math.min(3, Similarity.damerau(p[0] + pad, p[1] + pad, 20));
            // above the bound only "more than 2" matters (the comparators test 1 and 2)
            assertThat(Math.min(3, Similarity.damerau(p[0], p[1], 2))).as(p[0] + " " + p[1]).isEqualTo(full);
        }
    }

    @Test
    void datesOneDigitOffOrTransposedAreLevelThree() {
        assertThat(Comparators.birth(new PartialDate(1990, 5, 12, false), new PartialDate(1909, 5, 12, false)))
                .isEqualTo(3);
        assertThat(Comparators.birth(new PartialDate(1990, 5, 12, false), new PartialDate(1990, 5, 13, false)))
                .isEqualTo(3);
        assertThat(Comparators.birth(new PartialDate(1990, 5, 12, false), new PartialDate(1990, 12, 5, false)))
                .isEqualTo(3);
        assertThat(Comparators.birth(new PartialDate(1990, 5, 12, false), new PartialDate(1990, 7, 28, false)))
                .isEqualTo(2);
        assertThat(Comparators.birth(new PartialDate(1990, 5, 12, false), new PartialDate(1987, 8, 21, false)))
                .isEqualTo(0);
    }

    @Test
    void addressesComparedWithPreparedBigramsAsWithout() {
        String[][] cases = {{"12 main street", "12 main st"}, {"12 main street", "12mainstreet"},
            {"4 banksia avenue", "9 acacia road"}, {"kulinda place", "kulinda pl"}};
        for (String[] c : cases) {
            String x = c[0].replace(" ", "");
            String y = c[1].replace(" ", "");
            assertThat(Comparators.text(x, Similarity.bigrams(x), y, Similarity.bigrams(y)))
                    .as(c[0] + " / " + c[1]).isEqualTo(Comparators.text(c[0], c[1]));
        }
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    private static String mutate(SplittableRandom r, String s) {
        StringBuilder b = new StringBuilder(s);
        for (int k = r.nextInt(4); k > 0 && b.length() > 1; k--) {
            int i = r.nextInt(b.length() - 1);
            switch (r.nextInt(4)) {
                case 0 -> b.setCharAt(i, (char) ('0' + r.nextInt(10)));
                case 1 -> b.deleteCharAt(i);
                case 2 -> b.insert(i, (char) ('0' + r.nextInt(10)));
                default -> {
                    char t = b.charAt(i);
                    b.setCharAt(i, b.charAt(i + 1));
                    b.setCharAt(i + 1, t);
                }
            }
        }
        return b.toString();
    }
}
