package org.haven.reporting.disclosure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An outsider who sees only a published {@link ProtectedTable} and tries to solve each suppressed cell from the
 * published totals. Written independently of {@link CellSuppression}: exact rational Gauss–Jordan elimination over
 * the equations "interior cells of a line = its published total" (row, column and grand totals).
 */
public final class MarginAttacker {

    /** Unknown id → the value the attacker can pin down, for every suppressed cell that is recoverable. */
    public static Map<String, BigInteger> recover(ProtectedTable t) {
        int rows = t.rowKeys().size();
        int cols = t.columnKeys().size();
        // equation: sum(coef * x) = rhs, stored sparsely as name -> coef
        List<Map<String, Long>> eqTerms = new ArrayList<>();
        List<Long> eqRhs = new ArrayList<>();
        java.util.function.BiConsumer<List<Object[]>, Object[]> add = (terms, total) -> {
            Map<String, Long> lhs = new HashMap<>();
            long rhs = 0;
            List<Object[]> all = new ArrayList<>(terms);
            all.add(new Object[] {total[0], total[1], -1L});
            for (Object[] term : all) {
                ProtectedTable.Cell cell = (ProtectedTable.Cell) term[1];
                long coef = (Long) term[2];
                if (cell.suppressed()) {
                    lhs.merge((String) term[0], coef, Long::sum);
                } else {
                    rhs -= coef * cell.value();
                }
            }
            eqTerms.add(lhs);
            eqRhs.add(rhs);
        };
        if (t.hasRowTotals()) {
            for (int r = 0; r < rows; r++) {
                List<Object[]> terms = new ArrayList<>();
                for (int c = 0; c < cols; c++) {
                    terms.add(new Object[] {"c" + r + "_" + c, t.cell(r, c), 1L});
                }
                add.accept(terms, new Object[] {"r" + r, t.rowTotal(r)});
            }
        }
        if (t.hasColumnTotals()) {
            for (int c = 0; c < cols; c++) {
                List<Object[]> terms = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    terms.add(new Object[] {"c" + r + "_" + c, t.cell(r, c), 1L});
                }
                add.accept(terms, new Object[] {"k" + c, t.columnTotal(c)});
            }
        }
        if (t.grandTotal() != null) {
            List<Object[]> terms = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                terms.add(new Object[] {"r" + r, t.rowTotal(r), 1L});
            }
            add.accept(terms, new Object[] {"g", t.grandTotal()});
            terms = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                terms.add(new Object[] {"k" + c, t.columnTotal(c), 1L});
            }
            add.accept(terms, new Object[] {"g", t.grandTotal()});
        }
        return solve(eqTerms, eqRhs);
    }

    /** Exact rational Gauss–Jordan elimination: every unknown pinned to a single value by the equations. */
    static Map<String, BigInteger> solve(List<Map<String, Long>> eqTerms, List<Long> eqRhs) {
        Map<String, Integer> unknown = new HashMap<>();
        List<String> names = new ArrayList<>();
        java.util.function.Function<String, Integer> id = name -> unknown.computeIfAbsent(name, k -> {
            names.add(k);
            return names.size() - 1;
        });
        for (Map<String, Long> e : eqTerms) {
            e.keySet().forEach(id::apply);
        }
        int u = names.size();
        Map<String, BigInteger> found = new HashMap<>();
        if (u == 0) {
            return found;
        }
        // augmented matrix of fractions num/den
        int m = eqTerms.size();
        BigInteger[][] num = new BigInteger[m][u + 1];
        BigInteger[][] den = new BigInteger[m][u + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= u; j++) {
                num[i][j] = BigInteger.ZERO;
                den[i][j] = BigInteger.ONE;
            }
            for (var term : eqTerms.get(i).entrySet()) {
                num[i][unknown.get(term.getKey())] = BigInteger.valueOf(term.getValue());
            }
            num[i][u] = BigInteger.valueOf(eqRhs.get(i));
        }
        int pr = 0;
        int[] pivotCol = new int[m];
        for (int col = 0; col < u && pr < m; col++) {
            int sel = -1;
            for (int r = pr; r < m; r++) {
                if (num[r][col].signum() != 0) {
                    sel = r;
                    break;
                }
            }
            if (sel < 0) {
                continue;
            }
            BigInteger[] tn = num[pr];
            num[pr] = num[sel];
            num[sel] = tn;
            BigInteger[] td = den[pr];
            den[pr] = den[sel];
            den[sel] = td;
            BigInteger pn = num[pr][col];
            BigInteger pd = den[pr][col];
            for (int j = 0; j <= u; j++) { // divide row by pivot: (a/b)/(pn/pd) = a*pd/(b*pn)
                BigInteger[] f = norm(num[pr][j].multiply(pd), den[pr][j].multiply(pn));
                num[pr][j] = f[0];
                den[pr][j] = f[1];
            }
            for (int r = 0; r < m; r++) {
                if (r == pr || num[r][col].signum() == 0) {
                    continue;
                }
                BigInteger fn = num[r][col];
                BigInteger fd = den[r][col];
                for (int j = 0; j <= u; j++) { // row_r -= f * row_pr
                    BigInteger a = num[r][j].multiply(den[pr][j]).multiply(fd)
                            .subtract(fn.multiply(num[pr][j]).multiply(den[r][j]));
                    BigInteger b = den[r][j].multiply(den[pr][j]).multiply(fd);
                    BigInteger[] f = norm(a, b);
                    num[r][j] = f[0];
                    den[r][j] = f[1];
                }
            }
            pivotCol[pr] = col;
            pr++;
        }
        for (int r = 0; r < pr; r++) {
            int nonZero = 0;
            for (int j = 0; j < u; j++) {
                nonZero += num[r][j].signum() != 0 ? 1 : 0;
            }
            if (nonZero == 1 && den[r][u].equals(BigInteger.ONE)) {
                found.put(names.get(pivotCol[r]), num[r][u]);
            } else if (nonZero == 1) {
                found.put(names.get(pivotCol[r]), null);
            }
        }
        return found;
    }

    private static BigInteger[] norm(BigInteger a, BigInteger b) {
        if (b.signum() < 0) {
            a = a.negate();
            b = b.negate();
        }
        BigInteger g = a.gcd(b);
        if (g.signum() == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        return new BigInteger[] {a.divide(g), b.divide(g)};
    }
}
