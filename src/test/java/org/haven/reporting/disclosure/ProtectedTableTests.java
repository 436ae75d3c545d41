package org.haven.reporting.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import org.haven.reporting.disclosure.CellSuppression.Constraint;
import org.haven.reporting.disclosure.CellSuppression.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class ProtectedTableTests {

    private static final int K = 11;

    @Test
    void aSingleSmallCellIsHiddenTogetherWithEnoughOthersThatTheTotalsDoNotGiveItAway() {
        long[][] counts = {{40, 3, 25}, {30, 22, 18}, {50, 60, 70}};
        ProtectedTable t = ProtectedTable.twoWay(List.of("a", "b", "c"), List.of("x", "y", "z"), counts, K);

        assertThat(t.cell(0, 1).status()).isEqualTo(Status.PRIMARY);
        assertThat(t.cell(0, 1).value()).isNull();
        // row 0 and column 1 each need a second hidden cell, and those need a partner too: at least a 2x2 block
        assertThat(t.suppressedCount()).isGreaterThanOrEqualTo(4);
        assertThat(MarginAttacker.recover(t)).isEmpty();
        assertThat(t.grandTotal().value()).isEqualTo(318L);
    }

    @Test
    void smallMarginsAreSuppressedAndProtectedLikeCells() {
        long[][] counts = {{2, 3}, {40, 50}};
        ProtectedTable t = ProtectedTable.twoWay(List.of("a", "b"), List.of("x", "y"), counts, K);
        assertThat(t.rowTotal(0).suppressed()).isTrue(); // 5
        assertThat(MarginAttacker.recover(t)).isEmpty();
    }

    @Test
    void zeroIsShownAndNeverUsedAsAComplement() {
        long[][] counts = {{0, 4, 30}, {0, 20, 30}};
        ProtectedTable t = ProtectedTable.twoWay(List.of("a", "b"), List.of("x", "y", "z"), counts, K);
        assertThat(t.cell(0, 0).value()).isEqualTo(0L);
        assertThat(t.cell(1, 0).value()).isEqualTo(0L);
        assertThat(t.cell(0, 1).suppressed()).isTrue();
        assertThat(MarginAttacker.recover(t)).isEmpty();
    }

    @Test
    void aOneWayBreakdownWithItsTotalHidesTwoCells() {
        ProtectedTable t = ProtectedTable.oneWay(List.of("f", "m", "x"), new long[] {120, 7, 90}, "n", K);
        assertThat(t.cell(1, 0).status()).isEqualTo(Status.PRIMARY);
        assertThat(t.cell(2, 0).status()).isEqualTo(Status.COMPLEMENTARY); // the next smallest
        assertThat(t.cell(0, 0).value()).isEqualTo(120L);
        assertThat(t.columnTotal(0).value()).isEqualTo(217L);
        assertThat(MarginAttacker.recover(t)).isEmpty();
    }

    @Test
    void twoHiddenCellsPerLineIsNotEnoughWhenABridgeJoinsTwoBlocks() {
        // A 4x4 interior (row totals and column totals as equations, no margins hidden). Hidden: the block
        // {r0,r1}x{c0,c1}, the block {r2,r3}x{c2,c3} and the bridge (r0,c2). Every line holds at least two hidden
        // cells, yet the bridge is solvable: the naive "two per line" rule would publish it.
        int n = 16;
        List<Constraint> constraints = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            constraints.add(new Constraint(new int[] {r * 4, r * 4 + 1, r * 4 + 2, r * 4 + 3}, new int[] {1, 1, 1, 1}));
        }
        for (int c = 0; c < 4; c++) {
            constraints.add(new Constraint(new int[] {c, 4 + c, 8 + c, 12 + c}, new int[] {1, 1, 1, 1}));
        }
        Status[] status = new Status[n];
        java.util.Arrays.fill(status, Status.SHOWN);
        for (int i : new int[] {0, 1, 4, 5, 10, 11, 14, 15, 2}) {
            status[i] = Status.PRIMARY;
        }
        BitSet exposed = CellSuppression.recoverable(status, constraints, n);
        assertThat(exposed.stream().toArray()).containsExactly(2);
    }

    @Test
    void noSuppressedCellOfARandomTableCanBeSolvedFromItsMargins() {
        qt().withExamples(400).forAll(longs().all(), integers().between(1, 6), integers().between(1, 6),
                integers().between(2, 15)).checkAssert((seed, rows, cols, k) -> {
                    long[][] counts = randomCounts(new Random(seed), rows, cols, k);
                    ProtectedTable t = ProtectedTable.twoWay(keys("r", rows), keys("c", cols), counts, k);
                    assertProtected(t, counts, k);
                });
    }

    @Test
    void oneWayAndRowOnlyMarginsAreProtectedToo() {
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 8), integers().between(1, 4))
                .checkAssert((seed, rows, cols) -> {
                    long[][] counts = randomCounts(new Random(seed), rows, cols, K);
                    ProtectedTable t = ProtectedTable.of(keys("r", rows), keys("c", cols), counts, true, false, K);
                    assertProtected(t, counts, K);
                    long[] series = new long[rows];
                    for (int r = 0; r < rows; r++) {
                        series[r] = counts[r][0];
                    }
                    ProtectedTable one = ProtectedTable.oneWay(keys("r", rows), series, "n", K);
                    assertProtected(one, new long[][] {series}.length == 0 ? counts : column(series), K);
                });
    }

    private static long[][] column(long[] series) {
        long[][] t = new long[series.length][1];
        for (int i = 0; i < series.length; i++) {
            t[i][0] = series[i];
        }
        return t;
    }

    private static void assertProtected(ProtectedTable t, long[][] counts, int k) {
        int rows = counts.length;
        int cols = counts[0].length;
        long grand = 0;
        for (int r = 0; r < rows; r++) {
            long rowSum = 0;
            for (int c = 0; c < cols; c++) {
                rowSum += counts[r][c];
                grand += counts[r][c];
                assertShownCorrectly(t.cell(r, c), counts[r][c], k);
            }
            if (t.hasRowTotals()) {
                assertShownCorrectly(t.rowTotal(r), rowSum, k);
            }
        }
        if (t.hasColumnTotals()) {
            for (int c = 0; c < cols; c++) {
                long colSum = 0;
                for (long[] row : counts) {
                    colSum += row[c];
                }
                assertShownCorrectly(t.columnTotal(c), colSum, k);
            }
        }
        if (t.grandTotal() != null) {
            assertShownCorrectly(t.grandTotal(), grand, k);
        }
        assertThat(MarginAttacker.recover(t)).as("cells solvable from the margins").isEmpty();
    }

    private static void assertShownCorrectly(ProtectedTable.Cell cell, long truth, int k) {
        if (cell.suppressed()) {
            assertThat(cell.value()).isNull();
            assertThat(truth).as("only positive counts are hidden").isPositive();
        } else {
            assertThat(cell.value()).isEqualTo(truth);
            assertThat(truth == 0 || truth >= k).as("no small count shown: " + truth).isTrue();
        }
    }

    /** Skewed towards the dangerous region: many zeros and small counts, some large. */
    private static long[][] randomCounts(Random random, int rows, int cols, int k) {
        long[][] counts = new long[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int kind = random.nextInt(10);
                counts[r][c] = kind < 2 ? 0 : kind < 6 ? 1 + random.nextInt(k) : random.nextInt(200);
            }
        }
        return counts;
    }

    private static List<String> keys(String prefix, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(prefix + i);
        }
        return keys;
    }
}
