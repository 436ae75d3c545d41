package org.haven.reporting.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Primary and complementary cell suppression over a set of published counts tied together by linear constraints
 * (a table's interior cells and the totals published with it).
 *
 * <p>Primary suppression hides every count from 1 to {@code threshold - 1}. Zero is shown: a zero reveals no person
 * (see docs/disclosure-control.md for the group-disclosure caveat). Complementary suppression then hides further
 * positive cells until no suppressed cell can be solved exactly from the published values and the constraints
 * (linear algebra: a suppressed cell is recoverable exactly when the unit vector of its unknown lies in the row
 * space of the constraint matrix restricted to the suppressed cells). Complements are always positive cells, so
 * the true table lies strictly inside the feasible set and integer solutions other than the true one exist: even an
 * attacker who adds non-negativity cannot pin a suppressed cell to one value.
 *
 * <p>The greedy choice prefers the nearest positive cell (fewest equations away, through hidden cells; see
 * {@code distances}), then the smallest, that makes the exposed cell unrecoverable, which keeps the information lost
 * small; it is not an optimal (minimum-loss) suppression.
 */
public final class CellSuppression {

    /** How a published value is shown. */
    public enum Status {
        SHOWN, PRIMARY, COMPLEMENTARY;

        public boolean suppressed() {
            return this != SHOWN;
        }
    }

    /** A linear equation {@code sum(coefficients[i] * value[cells[i]]) = 0} that holds between published values. */
    public record Constraint(int[] cells, int[] coefficients) {
        public Constraint {
            if (cells.length != coefficients.length) {
                throw new IllegalArgumentException("one coefficient per cell");
            }
            cells = cells.clone();
            coefficients = coefficients.clone();
        }
    }

    private static final double EPS = 1e-9;

    private CellSuppression() {
    }

    /**
     * Decides which values to suppress.
     *
     * @param values      the true counts (non-negative); constraints must hold for them
     * @param constraints equations between the values that an outsider knows
     * @param threshold   smallest count that may be shown (counts 1..threshold-1 are primary suppressed)
     * @return one status per value
     */
    public static Status[] protect(long[] values, List<Constraint> constraints, int threshold) {
        return protect(values, constraints, threshold, new BitSet());
    }

    /**
     * As {@link #protect(long[], List, int)}, with some positive values hidden from the start (as complements) — the
     * suppressions that linked tables carry over from each other ({@link LinkedTables}).
     */
    static Status[] protect(long[] values, List<Constraint> constraints, int threshold, BitSet hidden) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        int n = values.length;
        Status[] status = new Status[n];
        for (int i = 0; i < n; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException("counts are non-negative");
            }
            status[i] = values[i] >= 1 && values[i] < threshold ? Status.PRIMARY
                    : hidden.get(i) && values[i] > 0 ? Status.COMPLEMENTARY : Status.SHOWN;
        }
        List<List<Integer>> constraintsOf = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            constraintsOf.add(new ArrayList<>());
        }
        for (int c = 0; c < constraints.size(); c++) {
            for (int cell : constraints.get(c).cells()) {
                constraintsOf.get(cell).add(c);
            }
        }
        // Each round suppresses one more positive cell, so this ends after at most n rounds; once every positive
        // cell is hidden the true vector itself lies in the null space and nothing is recoverable.
        while (true) {
            BitSet exposed = recoverable(status, constraints, n);
            if (exposed.isEmpty()) {
                return status;
            }
            int target = exposed.nextSetBit(0);
            int[] distance = distances(target, status, constraints, constraintsOf, n);
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!status[i].suppressed() && values[i] > 0) {
                    candidates.add(i);
                }
            }
            if (candidates.isEmpty()) {
                throw new IllegalStateException("constraints do not hold for the values given");
            }
            candidates.sort(Comparator.<Integer>comparingInt(i -> distance[i])
                    .thenComparingLong(i -> values[i]).thenComparingInt(i -> i));
            int chosen = -1;
            for (int candidate : candidates) {
                status[candidate] = Status.COMPLEMENTARY;
                boolean protectsTarget = !recoverable(status, constraints, n).get(target);
                status[candidate] = Status.SHOWN;
                if (protectsTarget) {
                    chosen = candidate;
                    break;
                }
            }
            // No single cell protects the target: hide the best-placed candidate and try again next round.
            status[chosen >= 0 ? chosen : candidates.get(0)] = Status.COMPLEMENTARY;
        }
    }

    /**
     * How many equations away each value is from {@code target}, walking only through suppressed values: the values
     * that share an equation with the target are 1 away, those that share one with a suppressed value 1 away are 2
     * away, and so on; unreachable values are {@link Integer#MAX_VALUE}. In linked tables the complement that protects
     * a cell is often not in the cell's own equations but one link further (a hidden row total of one table is a
     * hidden column total of another, whose column holds the complement); preferring near values keeps the greedy
     * choice from hiding unrelated cells elsewhere.
     */
    private static int[] distances(int target, Status[] status, List<Constraint> constraints,
            List<List<Integer>> constraintsOf, int n) {
        int[] distance = new int[n];
        java.util.Arrays.fill(distance, Integer.MAX_VALUE);
        distance[target] = 0;
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        queue.add(target);
        while (!queue.isEmpty()) {
            int cell = queue.poll();
            for (int c : constraintsOf.get(cell)) {
                for (int other : constraints.get(c).cells()) {
                    if (distance[other] == Integer.MAX_VALUE) {
                        distance[other] = distance[cell] + 1;
                        if (status[other].suppressed()) {
                            queue.add(other);
                        }
                    }
                }
            }
        }
        return distance;
    }

    /** The suppressed cells whose value follows exactly from the shown values and the constraints. */
    static BitSet recoverable(Status[] status, List<Constraint> constraints, int n) {
        int[] column = new int[n];
        List<Integer> unknowns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            column[i] = -1;
            if (status[i].suppressed()) {
                column[i] = unknowns.size();
                unknowns.add(i);
            }
        }
        int u = unknowns.size();
        BitSet result = new BitSet(n);
        if (u == 0) {
            return result;
        }
        List<double[]> rows = new ArrayList<>();
        for (Constraint c : constraints) {
            double[] row = new double[u];
            boolean any = false;
            for (int k = 0; k < c.cells().length; k++) {
                int col = column[c.cells()[k]];
                if (col >= 0) {
                    row[col] += c.coefficients()[k];
                    any = true;
                }
            }
            if (any) {
                rows.add(row);
            }
        }
        double[][] m = rows.toArray(new double[0][]);
        int pivotRow = 0;
        int[] pivotColumnOfRow = new int[m.length];
        for (int col = 0; col < u && pivotRow < m.length; col++) {
            int best = pivotRow;
            for (int r = pivotRow + 1; r < m.length; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[best][col])) {
                    best = r;
                }
            }
            if (Math.abs(m[best][col]) < EPS) {
                continue;
            }
            double[] tmp = m[pivotRow];
            m[pivotRow] = m[best];
            m[best] = tmp;
            double p = m[pivotRow][col];
            for (int k = 0; k < u; k++) {
                m[pivotRow][k] /= p;
            }
            for (int r = 0; r < m.length; r++) {
                if (r != pivotRow && Math.abs(m[r][col]) > EPS) {
                    double f = m[r][col];
                    for (int k = 0; k < u; k++) {
                        m[r][k] -= f * m[pivotRow][k];
                    }
                }
            }
            pivotColumnOfRow[pivotRow] = col;
            pivotRow++;
        }
        // In reduced row echelon form an unknown is fixed exactly when its pivot row has no other non-zero entry.
        for (int r = 0; r < pivotRow; r++) {
            int nonZero = 0;
            for (int k = 0; k < u; k++) {
                if (Math.abs(m[r][k]) > EPS) {
                    nonZero++;
                }
            }
            if (nonZero == 1) {
                result.set(unknowns.get(pivotColumnOfRow[r]));
            }
        }
        return result;
    }
}
