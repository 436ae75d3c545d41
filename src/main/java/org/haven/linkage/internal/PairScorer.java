package org.haven.linkage.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.haven.linkage.engine.Similarity;

/**
 * Scores one pair of survivors on their encodings alone: per field the Dice coefficient of the two Bloom filters (as
 * the batch engine's privacy mode compares them), given and family name also tried crosswise (name order is often
 * swapped), then a weighted mean over the fields recorded on both sides. The batch engine estimates its weights by EM
 * over a whole file; a single pair at registration has no file to learn from, so the weights here are set: names 3
 * each, identity document 3, birth 2, phone 2, sex 1. A pair is a candidate only when both names are at least a
 * partial agreement (Dice ≥ {@value #NAME_GATE}) — a shared common family name and birth year alone is not a person —
 * and the score reaches the "possible" threshold.
 */
public final class PairScorer {

    public enum Level { AGREE, PARTIAL, DISAGREE, MISSING }

    /** The outcome: score in [0, 1] and a level per field (field names as in the batch engine's explanations). */
    public record Scored(double score, boolean namesAgree, Map<String, Level> explanation) {
    }

    static final double NAME_GATE = 0.7;
    static final double AGREE = 0.85;

    public Scored score(SurvivorEncoding a, SurvivorEncoding b) {
        Map<String, Level> explanation = new LinkedHashMap<>();
        double[] sum = new double[2];
        double straightG = dice(a.given(), b.given());
        double straightF = dice(a.family(), b.family());
        double crossG = dice(a.given(), b.family());
        double crossF = dice(a.family(), b.given());
        boolean crossed = Math.max(crossG, 0) + Math.max(crossF, 0) > Math.max(straightG, 0) + Math.max(straightF, 0);
        double g = crossed ? crossG : straightG;
        double f = crossed ? crossF : straightF;
        add(explanation, sum, "given_name", g, 3);
        add(explanation, sum, "family_name", f, 3);
        add(explanation, sum, "birth", dice(a.birth(), b.birth()), 2);
        add(explanation, sum, "sex", dice(a.sex(), b.sex()), 1);
        add(explanation, sum, "phone", dice(a.phone(), b.phone()), 2);
        add(explanation, sum, "id_number", dice(a.idNumber(), b.idNumber()), 3);
        boolean namesAgree = g >= NAME_GATE && f >= NAME_GATE
                || (g < 0 || f < 0) && Math.max(g, f) >= AGREE;
        double score = sum[1] == 0 ? 0 : sum[0] / sum[1];
        return new Scored(score, namesAgree, explanation);
    }

    /** Dice coefficient of two filters, or -1 when either side has no value. */
    static double dice(long[] x, long[] y) {
        if (x == null || y == null) {
            return -1;
        }
        return Similarity.dice(x, y);
    }

    private static void add(Map<String, Level> explanation, double[] sum, String field, double d, double weight) {
        if (d < 0) {
            explanation.put(field, Level.MISSING);
            return;
        }
        explanation.put(field, d >= AGREE ? Level.AGREE : d >= NAME_GATE ? Level.PARTIAL : Level.DISAGREE);
        sum[0] += weight * d;
        sum[1] += weight;
    }
}
