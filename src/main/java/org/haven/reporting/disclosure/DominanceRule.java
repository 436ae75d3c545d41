package org.haven.reporting.disclosure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Comparator;

/**
 * The (n, k) dominance rule for published amounts (fines, compensation): a sum is not published when its {@code n}
 * largest contributions make up more than {@code share} of it. A fine total that is mostly one defendant's fine tells
 * anyone who knows the others roughly what that defendant was fined, however many fines it adds up; the count rule
 * (at least {@code min-cell} contributions) does not catch this. Default (2, 0.85): one or two contributors above
 * 85 %.
 *
 * @param n     how many of the largest contributions are compared (at least 1)
 * @param share the largest share of the sum they may make up (above 0, at most 1)
 */
public record DominanceRule(int n, double share) {

    public DominanceRule {
        if (n < 1 || !(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("dominance: n at least 1 and share in (0, 1]");
        }
    }

    /**
     * Whether the sum must be withheld.
     *
     * @param total         the sum of all contributions (non-negative)
     * @param contributions at least the {@code n} largest contributions (more may be given; only the largest count)
     */
    public boolean dominated(BigDecimal total, Collection<BigDecimal> contributions) {
        if (total.signum() <= 0) {
            return false; // nothing was paid or ordered: a zero reveals no one's amount
        }
        BigDecimal top = contributions.stream().filter(c -> c != null).sorted(Comparator.reverseOrder()).limit(n)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return top.compareTo(total.multiply(BigDecimal.valueOf(share), MathContext.DECIMAL64)) > 0;
    }
}
