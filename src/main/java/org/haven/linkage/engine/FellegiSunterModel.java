package org.haven.linkage.engine;

import java.util.Arrays;

/**
 * Fellegi–Sunter weights for the fields of a comparison space. {@code u} (chance agreement) is estimated from random
 * record pairs; {@code m} (agreement among true matches) and the match proportion λ among candidate pairs by EM on
 * the comparison patterns of the candidates, with u held fixed and a Dirichlet prior on m. Weights are log-ratios
 * (natural log), made non-decreasing in the level so that closer agreement never counts less.
 */
public final class FellegiSunterModel {

    final String[] names;
    final int[] levels;
    final double[][] m;
    final double[][] u;
    final double[][] w;
    double lambda;
    int iterations;
    /**
     * Upper bound on λ: a record has only a few other records of the same person, so true matches are at most a
     * few per record among the candidates. Without it, EM on a large candidate set can settle on "agrees on the
     * blocking fields" as its match class (λ near one half).
     */
    double maxLambda = 0.99;

    FellegiSunterModel(String[] names, int[] levels) {
        this.names = names;
        this.levels = levels;
        int k = levels.length;
        m = new double[k][];
        u = new double[k][];
        w = new double[k][];
        for (int f = 0; f < k; f++) {
            m[f] = new double[levels[f]];
            u[f] = new double[levels[f]];
            w[f] = new double[levels[f]];
            double sum = 0;
            for (int l = 0; l < levels[f]; l++) {
                m[f][l] = Math.exp(1.5 * l);
                sum += m[f][l];
            }
            for (int l = 0; l < levels[f]; l++) {
                m[f][l] /= sum;
            }
        }
        lambda = 0.05;
    }

    /** u from the level counts of random pairs (add-half smoothing). */
    private double[][] randomU;

    void setU(long[][] counts) {
        for (int f = 0; f < levels.length; f++) {
            long n = 0;
            for (long c : counts[f]) {
                n += c;
            }
            // blended with a weak default (disagreement likely, exact agreement rare) so that tiny inputs still work
            double prior = 200;
            for (int l = 0; l < levels[f]; l++) {
                double d = l == 0 ? 1 - 0.02 * (levels[f] - 1) : 0.02;
                u[f][l] = (counts[f][l] + prior * d) / (n + prior);
            }
        }
        randomU = new double[levels.length][];
        for (int f = 0; f < levels.length; f++) {
            randomU[f] = u[f].clone();
        }
    }

    /**
     * EM over distinct patterns. patterns[p][f] = level or -1; counts[p] = number of candidate pairs with it.
     */
    void estimate(int[][] patterns, long[] counts, int maxIterations) {
        estimate(patterns, counts, maxIterations, true);
        if (System.getenv("HAVEN_LINKAGE_TIMING") != null) {
            System.err.print("first EM pass (u within candidates): " + describe());
        }
        if (lambda > 0.6 || !sane()) {
            // the candidate-conditional u drifted into a degenerate split: fall back to u from random pairs
            double[][] saved = randomU;
            for (int f = 0; f < levels.length; f++) {
                u[f] = saved[f].clone();
                double sum = 0;
                for (int l = 0; l < levels[f]; l++) {
                    m[f][l] = Math.exp(1.5 * l);
                    sum += m[f][l];
                }
                for (int l = 0; l < levels[f]; l++) {
                    m[f][l] /= sum;
                }
            }
            lambda = Math.min(0.05, maxLambda);
            estimate(patterns, counts, maxIterations, false);
            lambda = Math.min(lambda, 0.5);
            computeWeights();
        }
        if (!plausible()) {
            // EM settled on a class that is not "the same person" (typically: agrees on the blocking fields). Keep
            // the prior m (closer agreement more likely among matches), u from random pairs, and estimate only λ.
            for (int f = 0; f < levels.length; f++) {
                u[f] = randomU[f].clone();
                m[f] = priorM(levels[f]);
            }
            lambda = Math.min(0.05, maxLambda);
            estimateLambda(patterns, counts, maxIterations);
            computeWeights();
            degenerate = true;
        }
    }

    /** True when EM found a fallback to prior m necessary. */
    boolean degenerate;

    private static double[] priorM(int n) {
        double[] p = new double[n];
        double sum = 0;
        for (int l = 0; l < n; l++) {
            p[l] = Math.exp(2.5 * l);
            sum += p[l];
        }
        for (int l = 0; l < n; l++) {
            p[l] /= sum;
        }
        return p;
    }

    /**
     * A match class must disagree on every field much less often than random pairs do: m(disagree) at most half of
     * u(disagree) from random pairs. A class where half the pairs disagree on sex is not "the same person".
     */
    private boolean plausible() {
        if (randomU == null) {
            return true;
        }
        for (int f = 0; f < levels.length; f++) {
            if (m[f][0] > 0.5 * randomU[f][0]) {
                return false;
            }
        }
        return true;
    }

    private void estimateLambda(int[][] patterns, long[] counts, int maxIterations) {
        double[][] lm = logs(m);
        double[][] lu = logs(u);
        for (int it = 0; it < maxIterations; it++) {
            double logL = Math.log(lambda);
            double log1L = Math.log(1 - lambda);
            double total = 0;
            double matched = 0;
            for (int p = 0; p < patterns.length; p++) {
                double a = logL;
                double b = log1L;
                for (int f = 0; f < levels.length; f++) {
                    int l = patterns[p][f];
                    if (l >= 0) {
                        a += lm[f][l];
                        b += lu[f][l];
                    }
                }
                total += counts[p];
                matched += counts[p] / (1 + Math.exp(b - a));
            }
            double next = Math.min(maxLambda, Math.max(1e-6, matched / Math.max(1, total)));
            boolean done = Math.abs(next - lambda) < 1e-6;
            lambda = next;
            if (done) {
                break;
            }
        }
    }

    /** Top agreement more likely among matches than non-matches for every field. */
    private boolean sane() {
        for (int f = 0; f < levels.length; f++) {
            int top = levels[f] - 1;
            if (m[f][top] <= u[f][top]) {
                return false;
            }
        }
        return true;
    }

    private void estimate(int[][] patterns, long[] counts, int maxIterations, boolean estimateU) {
        int k = levels.length;
        double[] post = new double[patterns.length];
        for (int it = 0; it < maxIterations; it++) {
            iterations = it + 1;
            double logL = Math.log(lambda);
            double log1L = Math.log(1 - lambda);
            double[][] lm = logs(m);
            double[][] lu = logs(u);
            double total = 0;
            double matched = 0;
            for (int p = 0; p < patterns.length; p++) {
                double a = logL;
                double b = log1L;
                for (int f = 0; f < k; f++) {
                    int l = patterns[p][f];
                    if (l >= 0) {
                        a += lm[f][l];
                        b += lu[f][l];
                    }
                }
                post[p] = 1 / (1 + Math.exp(b - a));
                total += counts[p];
                matched += counts[p] * post[p];
            }
            double[][] nm = new double[k][];
            double[][] nu = new double[k][];
            for (int f = 0; f < k; f++) {
                nm[f] = new double[levels[f]];
                nu[f] = new double[levels[f]];
                Arrays.fill(nm[f], 1.0); // Dirichlet prior
                Arrays.fill(nu[f], 1.0);
            }
            for (int p = 0; p < patterns.length; p++) {
                double c = counts[p] * post[p];
                double cu = counts[p] * (1 - post[p]);
                for (int f = 0; f < k; f++) {
                    int l = patterns[p][f];
                    if (l >= 0) {
                        nm[f][l] += c;
                        nu[f][l] += cu;
                    }
                }
            }
            if (estimateU) {
                for (int f = 0; f < k; f++) {
                    double s = 0;
                    for (double v : nu[f]) {
                        s += v;
                    }
                    for (int l = 0; l < levels[f]; l++) {
                        u[f][l] = nu[f][l] / s;
                    }
                }
            }
            double change = 0;
            for (int f = 0; f < k; f++) {
                double s = 0;
                for (double v : nm[f]) {
                    s += v;
                }
                for (int l = 0; l < levels[f]; l++) {
                    double v = nm[f][l] / s;
                    change = Math.max(change, Math.abs(v - m[f][l]));
                    m[f][l] = v;
                }
            }
            double newLambda = Math.min(maxLambda, Math.max(1e-6, matched / Math.max(1, total)));
            change = Math.max(change, Math.abs(newLambda - lambda));
            lambda = newLambda;
            if (change < 1e-5) {
                break;
            }
        }
        computeWeights();
    }

    void computeWeights() {
        for (int f = 0; f < levels.length; f++) {
            for (int l = 0; l < levels[f]; l++) {
                w[f][l] = Math.log(m[f][l] / u[f][l]);
                if (l > 0 && w[f][l] < w[f][l - 1]) {
                    w[f][l] = w[f][l - 1];
                }
            }
        }
    }

    private static double[][] logs(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = Math.log(x[i][j]);
            }
        }
        return out;
    }

    public double priorLogit() {
        return Math.log(lambda / (1 - lambda));
    }

    public double weight(int field, int level) {
        return level < 0 ? 0 : w[field][level];
    }

    /** Exact agreement on a value of relative frequency p (Splink-style term-frequency adjustment), kept between the
     * next level's weight and the top weight + 2. */
    public double tfWeight(int field, double p) {
        return tfWeight(field, levels[field] - 1, p);
    }

    /**
     * Agreement at {@code level} on a value of relative frequency p: the level's weight corrected by the chance of
     * agreeing on this value (p) against the chance of agreeing at this level or above on any value (u from random
     * pairs), kept within [-3, +2] of the level's weight (a very common name weakens agreement; a rare one
     * strengthens it, but not beyond what one field should say).
     */
    public double tfWeight(int field, int level, double p) {
        double base = w[field][level];
        if (p <= 0 || randomU == null) {
            return base;
        }
        double uAtLeast = 0;
        for (int l = level; l < levels[field]; l++) {
            uAtLeast += randomU[field][l];
        }
        double adjusted = base + Math.log(uAtLeast / Math.max(p, 1e-7));
        return Math.max(base - 3, Math.min(base + 2, adjusted));
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("lambda=%.5f iterations=%d%n", lambda, iterations));
        for (int f = 0; f < levels.length; f++) {
            b.append(names[f]).append(':');
            for (int l = 0; l < levels[f]; l++) {
                b.append(String.format(" L%d m=%.4f u=%.5f w=%.2f", l, m[f][l], u[f][l], w[f][l]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
