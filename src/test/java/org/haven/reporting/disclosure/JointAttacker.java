package org.haven.reporting.disclosure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outsider who sees several published tables at once and knows which of their values are the same number (for
 * example that the convicted defendants of a form are both a cell of the verdicts table and the row total of the
 * sentences table), and tries to solve every suppressed value from all published cells and margins together.
 * Written independently of {@link LinkedTables} and {@link CellSuppression}: the attacker states the links in its
 * own words (by keys), and solves with exact rational elimination ({@link MarginAttacker#solve}).
 *
 * <p>Values are named {@code table|c|row|column}, {@code table|r|row}, {@code table|k|column} and {@code table|g}.
 */
public final class JointAttacker {

    private final Map<String, ProtectedTable> tables = new LinkedHashMap<>();
    private final List<String[]> same = new ArrayList<>();

    public JointAttacker table(String id, ProtectedTable t) {
        tables.put(id, t);
        return this;
    }

    /** The attacker knows these two published values are the same number. */
    public JointAttacker same(String a, String b) {
        same.add(new String[] {a, b});
        return this;
    }

    public static String cell(String table, String row, String column) {
        return table + "|c|" + row + "|" + column;
    }

    public static String rowTotal(String table, String row) {
        return table + "|r|" + row;
    }

    public static String columnTotal(String table, String column) {
        return table + "|k|" + column;
    }

    public static String grand(String table) {
        return table + "|g";
    }

    /** Every suppressed value of any table that the attacker pins to one value (null value: pinned, not integer). */
    public Map<String, BigInteger> recover() {
        Map<String, ProtectedTable.Cell> values = new HashMap<>();
        List<Map<String, Long>> terms = new ArrayList<>();
        List<Long> rhs = new ArrayList<>();
        List<List<String>> sums = new ArrayList<>(); // names: parts..., total (last)
        for (Map.Entry<String, ProtectedTable> e : tables.entrySet()) {
            String id = e.getKey();
            ProtectedTable t = e.getValue();
            int rows = t.rowKeys().size();
            int cols = t.columnKeys().size();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    values.put(cell(id, t.rowKeys().get(r), t.columnKeys().get(c)), t.cell(r, c));
                }
            }
            if (t.hasRowTotals()) {
                for (int r = 0; r < rows; r++) {
                    values.put(rowTotal(id, t.rowKeys().get(r)), t.rowTotal(r));
                    List<String> sum = new ArrayList<>();
                    for (int c = 0; c < cols; c++) {
                        sum.add(cell(id, t.rowKeys().get(r), t.columnKeys().get(c)));
                    }
                    sum.add(rowTotal(id, t.rowKeys().get(r)));
                    sums.add(sum);
                }
            } else if (cols == 1) { // a one-way table: a row's total is its cell
                for (int r = 0; r < rows; r++) {
                    values.put(rowTotal(id, t.rowKeys().get(r)), t.cell(r, 0));
                }
            }
            if (t.hasColumnTotals()) {
                for (int c = 0; c < cols; c++) {
                    values.put(columnTotal(id, t.columnKeys().get(c)), t.columnTotal(c));
                    List<String> sum = new ArrayList<>();
                    for (int r = 0; r < rows; r++) {
                        sum.add(cell(id, t.rowKeys().get(r), t.columnKeys().get(c)));
                    }
                    sum.add(columnTotal(id, t.columnKeys().get(c)));
                    sums.add(sum);
                }
            }
            if (t.grandTotal() != null) {
                values.put(grand(id), t.grandTotal());
                List<String> byRow = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    byRow.add(rowTotal(id, t.rowKeys().get(r)));
                }
                byRow.add(grand(id));
                sums.add(byRow);
                List<String> byColumn = new ArrayList<>();
                for (int c = 0; c < cols; c++) {
                    byColumn.add(columnTotal(id, t.columnKeys().get(c)));
                }
                byColumn.add(grand(id));
                sums.add(byColumn);
            } else if (t.hasColumnTotals() && cols == 1) { // a one-way table: its column total is the grand total
                values.put(grand(id), t.columnTotal(0));
            }
        }
        for (List<String> sum : sums) {
            Map<String, Long> lhs = new HashMap<>();
            long right = 0;
            for (int i = 0; i < sum.size(); i++) {
                long coef = i == sum.size() - 1 ? -1 : 1;
                right = term(values, sum.get(i), coef, lhs, right);
            }
            terms.add(lhs);
            rhs.add(right);
        }
        for (String[] pair : same) {
            Map<String, Long> lhs = new HashMap<>();
            long right = term(values, pair[0], 1, lhs, 0);
            right = term(values, pair[1], -1, lhs, right);
            terms.add(lhs);
            rhs.add(right);
        }
        return MarginAttacker.solve(terms, rhs);
    }

    /** Adds {@code coef * value(name)} to the left side (unknown) or subtracts it from the right side (published). */
    private static long term(Map<String, ProtectedTable.Cell> values, String name, long coef, Map<String, Long> lhs,
            long right) {
        ProtectedTable.Cell cell = values.get(name);
        String unknown = canonical(values, name);
        if (cell == null) {
            return right; // a key the table does not have: a zero it does not publish
        }
        if (cell.suppressed()) {
            lhs.merge(unknown, coef, Long::sum);
            return right;
        }
        return right - coef * cell.value();
    }

    /** One unknown per value: aliases (a one-way table's row total and its cell) resolve to the same cell object. */
    private static String canonical(Map<String, ProtectedTable.Cell> values, String name) {
        ProtectedTable.Cell cell = values.get(name);
        for (Map.Entry<String, ProtectedTable.Cell> e : values.entrySet()) {
            if (e.getValue() == cell && e.getKey().compareTo(name) < 0) {
                name = e.getKey();
            }
        }
        return name;
    }
}
