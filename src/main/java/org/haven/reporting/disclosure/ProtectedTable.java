package org.haven.reporting.disclosure;

import java.util.ArrayList;
import java.util.List;

import org.haven.reporting.disclosure.CellSuppression.Constraint;
import org.haven.reporting.disclosure.CellSuppression.Status;

/**
 * A two-way table of counts with the margins it is published with, after disclosure control. Suppressed cells carry
 * no value at all (so no template, JSON or spreadsheet writer can leak it by mistake).
 *
 * <p>Margins: with {@code rowTotals} each row's total is published, with {@code columnTotals} each column's; the
 * grand total is published when both are. A one-way breakdown is a table with one column and column totals (its
 * single column total is the grand total). All published margins take part in complementary suppression and are
 * themselves suppressed when small.
 */
public final class ProtectedTable {

    /** One published value: {@code value} is null when suppressed. */
    public record Cell(Long value, Status status) {

        public boolean suppressed() {
            return status.suppressed();
        }
    }

    private final List<String> rowKeys;
    private final List<String> columnKeys;
    private final Cell[][] cells;
    private final Cell[] rowTotals;
    private final Cell[] columnTotals;
    private final Cell grandTotal;
    private final int threshold;

    private ProtectedTable(List<String> rowKeys, List<String> columnKeys, Cell[][] cells, Cell[] rowTotals,
            Cell[] columnTotals, Cell grandTotal, int threshold) {
        this.rowKeys = rowKeys;
        this.columnKeys = columnKeys;
        this.cells = cells;
        this.rowTotals = rowTotals;
        this.columnTotals = columnTotals;
        this.grandTotal = grandTotal;
        this.threshold = threshold;
    }

    /** A two-way table with row, column and grand totals. */
    public static ProtectedTable twoWay(List<String> rowKeys, List<String> columnKeys, long[][] counts, int threshold) {
        return of(rowKeys, columnKeys, counts, true, true, threshold);
    }

    /** A one-way breakdown with its total. */
    public static ProtectedTable oneWay(List<String> keys, long[] counts, String columnKey, int threshold) {
        long[][] table = new long[counts.length][1];
        for (int i = 0; i < counts.length; i++) {
            table[i][0] = counts[i];
        }
        return of(keys, List.of(columnKey), table, false, true, threshold);
    }

    /** The general form; see the class comment for which margins are published. */
    public static ProtectedTable of(List<String> rowKeys, List<String> columnKeys, long[][] counts, boolean rowTotals,
            boolean columnTotals, int threshold) {
        Layout layout = new Layout(rowKeys, columnKeys, counts, rowTotals, columnTotals);
        return layout.build(CellSuppression.protect(layout.values, layout.constraints, threshold), 0, threshold);
    }

    /**
     * A table's published values in one vector — interior cells row by row, then row totals, column totals and the
     * grand total — with the equations between them. {@link LinkedTables} puts several side by side.
     */
    static final class Layout {
        final List<String> rowKeys;
        final List<String> columnKeys;
        final boolean rowTotals;
        final boolean columnTotals;
        final int rowBase;
        final int colBase;
        final int grandIndex;
        final long[] values;
        final List<Constraint> constraints = new ArrayList<>();

        Layout(List<String> rowKeys, List<String> columnKeys, long[][] counts, boolean rowTotals,
                boolean columnTotals) {
            this.rowKeys = List.copyOf(rowKeys);
            this.columnKeys = List.copyOf(columnKeys);
            this.rowTotals = rowTotals;
            this.columnTotals = columnTotals;
            int rows = rowKeys.size();
            int cols = columnKeys.size();
            if (counts.length != rows) {
                throw new IllegalArgumentException("one row of counts per row key");
            }
            boolean grand = rowTotals && columnTotals;
            int interior = rows * cols;
            rowBase = interior;
            colBase = rowBase + (rowTotals ? rows : 0);
            grandIndex = grand ? colBase + (columnTotals ? cols : 0) : -1;
            int n = colBase + (columnTotals ? cols : 0) + (grand ? 1 : 0);
            values = new long[n];
            long[] rowSum = new long[rows];
            long[] colSum = new long[cols];
            for (int r = 0; r < rows; r++) {
                if (counts[r].length != cols) {
                    throw new IllegalArgumentException("one count per column key");
                }
                for (int c = 0; c < cols; c++) {
                    values[r * cols + c] = counts[r][c];
                    rowSum[r] += counts[r][c];
                    colSum[c] += counts[r][c];
                }
            }
            if (rowTotals) {
                for (int r = 0; r < rows; r++) {
                    values[rowBase + r] = rowSum[r];
                    int[] idx = new int[cols + 1];
                    int[] coef = new int[cols + 1];
                    for (int c = 0; c < cols; c++) {
                        idx[c] = r * cols + c;
                        coef[c] = 1;
                    }
                    idx[cols] = rowBase + r;
                    coef[cols] = -1;
                    constraints.add(new Constraint(idx, coef));
                }
            }
            if (columnTotals) {
                for (int c = 0; c < cols; c++) {
                    values[colBase + c] = colSum[c];
                    int[] idx = new int[rows + 1];
                    int[] coef = new int[rows + 1];
                    for (int r = 0; r < rows; r++) {
                        idx[r] = r * cols + c;
                        coef[r] = 1;
                    }
                    idx[rows] = colBase + c;
                    coef[rows] = -1;
                    constraints.add(new Constraint(idx, coef));
                }
            }
            if (grand) {
                long total = 0;
                for (long s : rowSum) {
                    total += s;
                }
                values[grandIndex] = total;
                int[] idx = new int[rows + 1];
                int[] coef = new int[rows + 1];
                for (int r = 0; r < rows; r++) {
                    idx[r] = rowBase + r;
                    coef[r] = 1;
                }
                idx[rows] = grandIndex;
                coef[rows] = -1;
                constraints.add(new Constraint(idx, coef));
                idx = new int[cols + 1];
                coef = new int[cols + 1];
                for (int c = 0; c < cols; c++) {
                    idx[c] = colBase + c;
                    coef[c] = 1;
                }
                idx[cols] = grandIndex;
                coef[cols] = -1;
                constraints.add(new Constraint(idx, coef));
            }
        }

        int size() {
            return values.length;
        }

        /** Index of an interior cell. */
        int cell(int row, int column) {
            return row * columnKeys.size() + column;
        }

        /** Index of a row total (the single cell of the row when a table has one column and no row totals). */
        int rowTotal(int row) {
            if (rowTotals) {
                return rowBase + row;
            }
            if (columnKeys.size() == 1) {
                return cell(row, 0);
            }
            throw new IllegalArgumentException("the table publishes no row totals");
        }

        /** Index of a column total (the single cell of the column when a table has one row and no column totals). */
        int columnTotal(int column) {
            if (columnTotals) {
                return colBase + column;
            }
            if (rowKeys.size() == 1) {
                return cell(0, column);
            }
            throw new IllegalArgumentException("the table publishes no column totals");
        }

        /** Index of the grand total, or the one published value that equals it in a one-way table. */
        int grandTotal() {
            if (grandIndex >= 0) {
                return grandIndex;
            }
            if (columnTotals && columnKeys.size() == 1) {
                return colBase;
            }
            if (rowTotals && rowKeys.size() == 1) {
                return rowBase;
            }
            throw new IllegalArgumentException("the table publishes no grand total");
        }

        /** The published table from the statuses of this layout's values, found at {@code offset} in {@code status}. */
        ProtectedTable build(Status[] status, int offset, int threshold) {
            int rows = rowKeys.size();
            int cols = columnKeys.size();
            Cell[][] cells = new Cell[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    cells[r][c] = cell(values, status, offset, r * cols + c);
                }
            }
            Cell[] rt = rowTotals ? new Cell[rows] : null;
            if (rowTotals) {
                for (int r = 0; r < rows; r++) {
                    rt[r] = cell(values, status, offset, rowBase + r);
                }
            }
            Cell[] ct = columnTotals ? new Cell[cols] : null;
            if (columnTotals) {
                for (int c = 0; c < cols; c++) {
                    ct[c] = cell(values, status, offset, colBase + c);
                }
            }
            Cell g = grandIndex >= 0 ? cell(values, status, offset, grandIndex) : null;
            return new ProtectedTable(rowKeys, columnKeys, cells, rt, ct, g, threshold);
        }

        private static Cell cell(long[] values, Status[] status, int offset, int i) {
            return new Cell(status[offset + i].suppressed() ? null : values[i], status[offset + i]);
        }
    }

    public List<String> rowKeys() {
        return rowKeys;
    }

    public List<String> columnKeys() {
        return columnKeys;
    }

    public Cell cell(int row, int column) {
        return cells[row][column];
    }

    public boolean hasRowTotals() {
        return rowTotals != null;
    }

    public boolean hasColumnTotals() {
        return columnTotals != null;
    }

    /** Row total; only when {@link #hasRowTotals()}. */
    public Cell rowTotal(int row) {
        return rowTotals[row];
    }

    /** Column total; only when {@link #hasColumnTotals()}. */
    public Cell columnTotal(int column) {
        return columnTotals[column];
    }

    /** The grand total, or null when it is not published (not both kinds of margins). */
    public Cell grandTotal() {
        return grandTotal;
    }

    public int threshold() {
        return threshold;
    }

    /** How many published values are suppressed, primary and complementary. */
    public int suppressedCount() {
        int n = 0;
        for (Cell[] row : cells) {
            for (Cell c : row) {
                n += c.suppressed() ? 1 : 0;
            }
        }
        if (rowTotals != null) {
            for (Cell c : rowTotals) {
                n += c.suppressed() ? 1 : 0;
            }
        }
        if (columnTotals != null) {
            for (Cell c : columnTotals) {
                n += c.suppressed() ? 1 : 0;
            }
        }
        return n + (grandTotal != null && grandTotal.suppressed() ? 1 : 0);
    }
}
