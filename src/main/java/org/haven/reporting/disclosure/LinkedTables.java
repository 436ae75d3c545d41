package org.haven.reporting.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.haven.reporting.disclosure.CellSuppression.Constraint;
import org.haven.reporting.disclosure.CellSuppression.Status;

/**
 * Several tables published together whose values are tied to each other — a margin of one is a cell or margin of
 * another (the convicted defendants per form are a column of the verdicts table and the row totals of the sentences,
 * offences and fines tables) — protected as one problem. Each table's own equations and one equation per link
 * ({@code a - b = 0}) go into one {@link CellSuppression#protect} run, so a cell hidden in one table can be recovered
 * neither from that table nor from any combination of the others: complementary suppression is repeated over all
 * of them until no suppressed value anywhere follows from the published ones. A shared value is therefore shown in
 * every table or hidden in every table (if hidden in one and shown in another, the link would give it away).
 *
 * <p>Tables protected one by one can leak through their shared margins; see {@code LinkedTablesTests} for an example
 * that an attacker solves when the tables are protected separately and cannot when they are linked.
 */
public final class LinkedTables {

    /** Which published value of a table. */
    public enum Part { CELL, ROW_TOTAL, COLUMN_TOTAL, GRAND_TOTAL }

    /**
     * One published value, by the table's id and keys. In a one-way table without row totals a row's total is its
     * single cell, and its column total is its grand total.
     */
    public record Ref(String table, Part part, String row, String column) {

        public static Ref cell(String table, String row, String column) {
            return new Ref(table, Part.CELL, row, column);
        }

        public static Ref rowTotal(String table, String row) {
            return new Ref(table, Part.ROW_TOTAL, row, null);
        }

        public static Ref columnTotal(String table, String column) {
            return new Ref(table, Part.COLUMN_TOTAL, null, column);
        }

        public static Ref grandTotal(String table) {
            return new Ref(table, Part.GRAND_TOTAL, null, null);
        }
    }

    private final Map<String, ProtectedTable.Layout> layouts = new LinkedHashMap<>();
    private final List<int[]> links = new ArrayList<>();
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private int size;

    /** Adds a table (see {@link ProtectedTable#of} for the margins). */
    public LinkedTables add(String id, List<String> rowKeys, List<String> columnKeys, long[][] counts,
            boolean rowTotals, boolean columnTotals) {
        if (layouts.containsKey(id)) {
            throw new IllegalArgumentException("table " + id + " added twice");
        }
        ProtectedTable.Layout layout = new ProtectedTable.Layout(rowKeys, columnKeys, counts, rowTotals, columnTotals);
        layouts.put(id, layout);
        offsets.put(id, size);
        size += layout.size();
        return this;
    }

    /** Adds a two-way table with row, column and grand totals. */
    public LinkedTables twoWay(String id, List<String> rowKeys, List<String> columnKeys, long[][] counts) {
        return add(id, rowKeys, columnKeys, counts, true, true);
    }

    /** Adds a one-way breakdown with its total. */
    public LinkedTables oneWay(String id, List<String> keys, long[] counts, String columnKey) {
        long[][] table = new long[counts.length][1];
        for (int i = 0; i < counts.length; i++) {
            table[i][0] = counts[i];
        }
        return add(id, keys, List.of(columnKey), table, false, true);
    }

    /**
     * Declares that two published values are the same number. A key that one of the tables does not have stands for a
     * zero it does not publish: the link is skipped then, provided the other side is zero too.
     *
     * @throws IllegalArgumentException when the true values differ (a link must hold for the data)
     */
    public LinkedTables same(Ref a, Ref b) {
        Integer i = index(a);
        Integer j = index(b);
        long va = i == null ? 0 : valueAt(i);
        long vb = j == null ? 0 : valueAt(j);
        if (va != vb) {
            throw new IllegalArgumentException("linked values differ: " + a + " = " + va + ", " + b + " = " + vb);
        }
        if (i != null && j != null && !i.equals(j)) {
            links.add(new int[] {i, j});
        }
        return this;
    }

    /** Links every row total of {@code a} to the same-keyed value of {@code b} given by {@code toB}. */
    public LinkedTables sameRows(String a, java.util.function.Function<String, Ref> toB) {
        for (String row : layout(a).rowKeys) {
            same(Ref.rowTotal(a, row), toB.apply(row));
        }
        return this;
    }

    /** Links every column total of {@code a} to the same-keyed value of {@code b} given by {@code toB}. */
    public LinkedTables sameColumns(String a, java.util.function.Function<String, Ref> toB) {
        for (String column : layout(a).columnKeys) {
            same(Ref.columnTotal(a, column), toB.apply(column));
        }
        return this;
    }

    /**
     * Primary and complementary suppression over all tables and links; the tables by id, in order added.
     *
     * <p>First each table is protected on its own, a hidden value is hidden on the other side of each of its links,
     * and the tables are protected again with what they received, until nothing changes: this finds the usual
     * patterns (a hidden row total of one table is a hidden column total of the next, protected there by its own
     * complements). Then one run over all tables and links together hides further values until nothing hidden
     * follows from everything published, which is the guarantee.
     */
    public Map<String, ProtectedTable> protect(int threshold) {
        long[] values = new long[size];
        List<Constraint> constraints = new ArrayList<>();
        for (Map.Entry<String, ProtectedTable.Layout> e : layouts.entrySet()) {
            int offset = offsets.get(e.getKey());
            ProtectedTable.Layout layout = e.getValue();
            System.arraycopy(layout.values, 0, values, offset, layout.size());
            for (Constraint c : layout.constraints) {
                int[] cells = c.cells().clone();
                for (int k = 0; k < cells.length; k++) {
                    cells[k] += offset;
                }
                constraints.add(new Constraint(cells, c.coefficients()));
            }
        }
        java.util.BitSet hidden = new java.util.BitSet(size);
        boolean changed = true;
        while (changed) {
            for (Map.Entry<String, ProtectedTable.Layout> e : layouts.entrySet()) {
                int offset = offsets.get(e.getKey());
                ProtectedTable.Layout layout = e.getValue();
                java.util.BitSet own = hidden.get(offset, offset + layout.size());
                Status[] local = CellSuppression.protect(layout.values, layout.constraints, threshold, own);
                for (int i = 0; i < local.length; i++) {
                    if (local[i].suppressed()) {
                        hidden.set(offset + i);
                    }
                }
            }
            changed = false;
            for (int[] link : links) {
                if (hidden.get(link[0]) != hidden.get(link[1])) {
                    hidden.set(link[0]);
                    hidden.set(link[1]);
                    changed = true;
                }
            }
        }
        for (int[] link : links) {
            constraints.add(new Constraint(link, new int[] {1, -1}));
        }
        Status[] status = CellSuppression.protect(values, constraints, threshold, hidden);
        Map<String, ProtectedTable> out = new LinkedHashMap<>();
        layouts.forEach((id, layout) -> out.put(id, layout.build(status, offsets.get(id), threshold)));
        return out;
    }

    private ProtectedTable.Layout layout(String table) {
        ProtectedTable.Layout layout = layouts.get(table);
        if (layout == null) {
            throw new IllegalArgumentException("no table " + table);
        }
        return layout;
    }

    private long valueAt(int global) {
        for (Map.Entry<String, Integer> e : offsets.entrySet()) {
            ProtectedTable.Layout layout = layouts.get(e.getKey());
            if (global >= e.getValue() && global < e.getValue() + layout.size()) {
                return layout.values[global - e.getValue()];
            }
        }
        throw new IllegalStateException();
    }

    /** The global index of a value, or null when the table has no such row or column key. */
    private Integer index(Ref ref) {
        ProtectedTable.Layout layout = layout(ref.table());
        int offset = offsets.get(ref.table());
        int row = ref.row() == null ? -1 : layout.rowKeys.indexOf(ref.row());
        int column = ref.column() == null ? -1 : layout.columnKeys.indexOf(ref.column());
        if ((ref.row() != null && row < 0) || (ref.column() != null && column < 0)) {
            return null;
        }
        switch (ref.part()) {
            case CELL:
                return offset + layout.cell(row, column);
            case ROW_TOTAL:
                return offset + layout.rowTotal(row);
            case COLUMN_TOTAL:
                return offset + layout.columnTotal(column);
            default:
                return offset + layout.grandTotal();
        }
    }
}
