package org.haven.linkage.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.haven.linkage.engine.Similarity;

/**
 * Scores one pair of survivors on their encodings alone.
 *
 * <p>Per field the Dice coefficient of the two Bloom filters (as the batch engine's privacy mode compares them) gives
 * a level — agree, partly agree, differ, missing — with given and family name also tried crosswise (name order is
 * often swapped). Each level carries a Fellegi–Sunter log-likelihood weight (log2 m/u). The batch engine estimates its
 * weights by EM over a whole file; a single pair at registration has no file to learn from, so the m and u values
 * here are set, except the u of an agreeing name: it is the name's frequency among the encoded survivors
 * ({@link Frequencies}, kept in {@code linkage_key_count} under keyed hashes), so agreeing on a very common name is
 * weak evidence and on a rare one strong. The total weight plus the prior log-odds of a pair being the same person
 * ({@code duplicateRate / number of encoded survivors}) gives the match probability, which is the score.
 *
 * <p>A pair is a candidate only when both names are at least a partial agreement (Dice ≥ {@value #NAME_GATE}) — a
 * shared common family name and birth year alone is not a person — its similarity (weighted mean of the Dice
 * coefficients) reaches the similarity floor, and its probability reaches the "possible" threshold.
 */
public final class PairScorer {

    public enum Level { AGREE, AGREE_COMMON, PARTIAL, DISAGREE, MISSING }

    /**
     * The outcome: {@code score} is the match probability in [0, 1]; {@code similarity} the weighted mean of the Dice
     * coefficients; {@code weight} the total log2 likelihood ratio; a level per field (field names as in the batch
     * engine's explanations; AGREE_COMMON is a name agreement on a common name).
     */
    public record Scored(double score, double similarity, double weight, boolean namesAgree,
            Map<String, Level> explanation) {
    }

    /** How common keys are among the encoded survivors. */
    public interface Frequencies {

        /** Number of encoded survivors (0 when unknown). */
        long total();

        /** Number of encoded survivors with this keyed name hash (0 when unknown or null). */
        long count(Long key);

        Frequencies NONE = new Frequencies() {
            @Override
            public long total() {
                return 0;
            }

            @Override
            public long count(Long key) {
                return 0;
            }
        };
    }

    static final double NAME_GATE = 0.7;
    static final double AGREE = 0.85;
    /** Below this population the frequencies are too few to trust: treated as this many survivors. */
    static final long MIN_POPULATION = 1000;
    /** Name frequency used when none is known. */
    static final double DEFAULT_NAME_U = 0.01;
    /** A name held by at least this share of the survivors is "common" in the explanation. */
    static final double COMMON_NAME = 0.005;
    static final double NAME_M = 0.95;
    /** Filter bits set for a full date of birth (year, month, day, month/day: 4 × 20); a year alone sets 20–40. */
    static final int FULL_DATE_BITS = 60;

    private final double duplicateRate;

    /** {@code duplicateRate}: share of registrations that are people already registered somewhere (the prior). */
    public PairScorer(double duplicateRate) {
        this.duplicateRate = duplicateRate;
    }

    public PairScorer() {
        this(0.05);
    }

    public Scored score(SurvivorEncoding a, SurvivorEncoding b) {
        return score(a, b, Frequencies.NONE);
    }

    public Scored score(SurvivorEncoding a, SurvivorEncoding b, Frequencies freq) {
        Map<String, Level> explanation = new LinkedHashMap<>();
        double[] sum = new double[3];
        double straightG = dice(a.given(), b.given());
        double straightF = dice(a.family(), b.family());
        double crossG = dice(a.given(), b.family());
        double crossF = dice(a.family(), b.given());
        boolean crossed = Math.max(crossG, 0) + Math.max(crossF, 0) > Math.max(straightG, 0) + Math.max(straightF, 0);
        double g = crossed ? crossG : straightG;
        double f = crossed ? crossF : straightF;
        long population = Math.max(freq.total(), MIN_POPULATION);
        name(explanation, sum, "given_name", g, nameU(freq, population, a.givenKey(), crossed ? b.familyKey()
                : b.givenKey()));
        name(explanation, sum, "family_name", f, nameU(freq, population, a.familyKey(), crossed ? b.givenKey()
                : b.familyKey()));
        double birth = dice(a.birth(), b.birth());
        boolean fullDates = birth >= 0 && bits(a.birth()) >= FULL_DATE_BITS && bits(b.birth()) >= FULL_DATE_BITS;
        add(explanation, sum, "birth", birth, 2, 0.3, fullDates ? 10 : 4.3, 1, -3);
        add(explanation, sum, "sex", dice(a.sex(), b.sex()), 1, NAME_GATE, 1, 0, -4);
        add(explanation, sum, "phone", dice(a.phone(), b.phone()), 2, NAME_GATE, 9, 2, -0.5);
        add(explanation, sum, "id_number", dice(a.idNumber(), b.idNumber()), 3, NAME_GATE, 12, 3, -3);
        boolean namesAgree = g >= NAME_GATE && f >= NAME_GATE
                || (g < 0 || f < 0) && Math.max(g, f) >= AGREE;
        double similarity = sum[1] == 0 ? 0 : sum[0] / sum[1];
        double prior = Math.log(duplicateRate / population) / Math.log(2);
        double probability = 1 / (1 + Math.pow(2, -(sum[2] + prior)));
        return new Scored(probability, similarity, sum[2], namesAgree, explanation);
    }

    /** The u probability of an agreeing name: its frequency (the larger of the two sides), or -1 when unknown. */
    static double nameU(Frequencies freq, long population, Long x, Long y) {
        long n = Math.max(freq.count(x), freq.count(y));
        if (n <= 0 || freq.total() <= 0) {
            return -1;
        }
        return Math.min(0.5, Math.max(1e-7, (double) n / population));
    }

    /** Dice coefficient of two filters, or -1 when either side has no value. */
    static double dice(long[] x, long[] y) {
        if (x == null || y == null) {
            return -1;
        }
        return Similarity.dice(x, y);
    }

    private static int bits(long[] filter) {
        int n = 0;
        for (long w : filter) {
            n += Long.bitCount(w);
        }
        return n;
    }

    private static void name(Map<String, Level> explanation, double[] sum, String field, double d, double knownU) {
        double u = knownU < 0 ? DEFAULT_NAME_U : knownU;
        if (d < 0) {
            explanation.put(field, Level.MISSING);
            return;
        }
        Level level;
        double w;
        if (d >= AGREE) {
            level = knownU >= COMMON_NAME ? Level.AGREE_COMMON : Level.AGREE;
            w = Math.log(NAME_M / u) / Math.log(2);
        } else if (d >= NAME_GATE) {
            level = Level.PARTIAL;
            w = 2.5;
        } else {
            level = Level.DISAGREE;
            w = -4.5;
        }
        explanation.put(field, level);
        sum[0] += 3 * d;
        sum[1] += 3;
        sum[2] += w;
    }

    private static void add(Map<String, Level> explanation, double[] sum, String field, double d, double weight,
            double partialFrom, double agreeWeight, double partialWeight, double disagreeWeight) {
        if (d < 0) {
            explanation.put(field, Level.MISSING);
            return;
        }
        Level level = d >= AGREE ? Level.AGREE : d >= partialFrom ? Level.PARTIAL : Level.DISAGREE;
        explanation.put(field, level);
        sum[0] += weight * d;
        sum[1] += weight;
        sum[2] += level == Level.AGREE ? agreeWeight : level == Level.PARTIAL ? partialWeight : disagreeWeight;
    }
}
