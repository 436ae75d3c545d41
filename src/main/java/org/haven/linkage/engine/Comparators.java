package org.haven.linkage.engine;

import java.util.ArrayList;
import java.util.List;

import org.haven.linkage.engine.PreparedRecord.NamePart;

/** Field comparators: each maps a pair of values to an agreement level (higher = closer, -1 = missing). */
public final class Comparators {

    private Comparators() {
    }

    /**
     * Names: 4 same spelling; 3 same folded key (variant spelling) or, between Khmer script and Latin, same
     * consonant skeleton; 2 Jaro-Winkler ≥ 0.92; 1 JW ≥ 0.80 or an initial; 0 otherwise — and 0 between two
     * different names that are both in the dictionary (Sovann / Sovanna are not a typo of each other).
     */
    public static int name(NamePart a, NamePart b) {
        if (a == null || b == null) {
            return -1;
        }
        if (a.plain().equals(b.plain())) {
            return 4;
        }
        if (a.key().equals(b.key())) {
            return 3;
        }
        if (a.khmer() != b.khmer() && a.skeleton().equals(b.skeleton())) {
            return 3;
        }
        if (a.known() && b.known()) {
            return 0;
        }
        int f = fuzzy(a.key(), b.key());
        if (f == 2 && extended(a.key(), b.key())) {
            return 1; // Vannak / Vannakbun: one name plus another, not a misspelling
        }
        return f;
    }

    /** One key is the other plus at least three more letters (a compound sharing its first name). */
    private static boolean extended(String x, String y) {
        String s = x.length() <= y.length() ? x : y;
        String l = x.length() <= y.length() ? y : x;
        return l.length() - s.length() >= 3 && l.startsWith(s);
    }

    static int fuzzy(String x, String y) {
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        if (x.length() == 1 || y.length() == 1) {
            return x.charAt(0) == y.charAt(0) ? 1 : 0;
        }
        double jw = Similarity.jaroWinkler(x, y);
        if (jw >= 0.92) {
            return 2;
        }
        return jw >= 0.80 ? 1 : 0;
    }

    static String sortedPlain(List<NamePart> tokens) {
        List<String> p = new ArrayList<>(tokens.size());
        tokens.forEach(t -> p.add(t.plain()));
        p.sort(null);
        return String.join(" ", p);
    }

    /** Full names compared as token sets, in any order, allowing a compound split differently (Srey Mom). */
    public static int fullName(List<NamePart> a, List<NamePart> b) {
        if (a == null || b == null) {
            return -1;
        }
        if (sortedPlain(a).equals(sortedPlain(b))) {
            return 4;
        }
        List<String> ka = keys(a);
        List<String> kb = keys(b);
        List<String> sa = new ArrayList<>(ka);
        List<String> sb = new ArrayList<>(kb);
        sa.sort(null);
        sb.sort(null);
        if (sa.equals(sb)) {
            return 3;
        }
        String ja = String.join("", ka);
        double best = 0;
        for (String perm : permutations(kb)) {
            if (perm.equals(ja)) {
                return 3;
            }
            best = Math.max(best, Similarity.jaroWinkler(ja, perm));
        }
        // token alignment: each token of the shorter name against its best partner
        List<NamePart> shorter = a.size() <= b.size() ? a : b;
        List<NamePart> longer = a.size() <= b.size() ? b : a;
        int exactish = 0;
        for (NamePart s : shorter) {
            int bestLevel = 0;
            for (NamePart l : longer) {
                bestLevel = Math.max(bestLevel, name(s, l));
            }
            if (bestLevel >= 3) {
                exactish++;
            }
        }
        if (best >= 0.92) {
            return 2;
        }
        if (best >= 0.80 || exactish == shorter.size()) {
            return 1;
        }
        return 0;
    }

    private static List<String> keys(List<NamePart> parts) {
        List<String> k = new ArrayList<>(parts.size());
        parts.forEach(p -> k.add(p.key()));
        return k;
    }

    private static List<String> permutations(List<String> tokens) {
        List<String> out = new ArrayList<>();
        if (tokens.size() > 4) {
            List<String> s = new ArrayList<>(tokens);
            s.sort(null);
            out.add(String.join("", tokens));
            out.add(String.join("", s));
            return out;
        }
        permute(tokens, new boolean[tokens.size()], new StringBuilder(), 0, out);
        return out;
    }

    private static void permute(List<String> t, boolean[] used, StringBuilder cur, int depth, List<String> out) {
        if (depth == t.size()) {
            out.add(cur.toString());
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            if (!used[i]) {
                used[i] = true;
                int len = cur.length();
                cur.append(t.get(i));
                permute(t, used, cur, depth + 1, out);
                cur.setLength(len);
                used[i] = false;
            }
        }
    }

    /**
     * Birth dates: 4 same full date; 3 one digit off, day and month swapped, or a few days apart; 2 same year; 1
     * within one year (two or three when either value is an estimate from an age); 0 otherwise.
     */
    public static int birth(PartialDate a, PartialDate b) {
        if (!a.known() || !b.known()) {
            return -1;
        }
        int dy = Math.abs(a.year() - b.year());
        if (a.full() && b.full()) {
            if (dy == 0 && a.month() == b.month() && a.day() == b.day()) {
                return 4;
            }
            if (dy == 0 && a.month() == b.day() && a.day() == b.month()) {
                return 3;
            }
            int diffDigits = digitDiff(a, b);
            if (diffDigits <= 1 || transposed(a, b)) {
                return 3;
            }
            if (dy == 0) {
                return 2;
            }
            return dy <= 1 ? 1 : 0;
        }
        boolean estimated = a.estimated() || b.estimated();
        if (dy == 0) {
            if (a.month() > 0 && b.month() > 0 && a.month() != b.month() && !estimated) {
                return 1;
            }
            return 2;
        }
        return dy <= (estimated ? 3 : 1) ? 1 : 0;
    }

    private static int packed(PartialDate d) {
        return d.year() * 10000 + Math.min(99, d.month()) * 100 + Math.min(99, d.day());
    }

    /** Number of differing digits of the two dates written as yyyyMMdd (no arrays: runs on every candidate pair). */
    private static int digitDiff(PartialDate a, PartialDate b) {
        int x = packed(a);
        int y = packed(b);
        int diff = 0;
        for (int i = 0; i < 8; i++) {
            if (x % 10 != y % 10) {
                diff++;
            }
            x /= 10;
            y /= 10;
        }
        return diff;
    }

    private static final int[] POW10 = {10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private static int digit(int v, int i) {
        return v / POW10[i] % 10;
    }

    /** Two adjacent digits swapped (1990-05-12 vs 1909-05-12). */
    private static boolean transposed(PartialDate a, PartialDate b) {
        int x = packed(a);
        int y = packed(b);
        int first = -1;
        for (int i = 0; i < 8; i++) {
            if (digit(x, i) != digit(y, i)) {
                first = i;
                break;
            }
        }
        if (first < 0 || first == 7 || digit(x, first) != digit(y, first + 1)
                || digit(x, first + 1) != digit(y, first)) {
            return false;
        }
        for (int i = first + 2; i < 8; i++) {
            if (digit(x, i) != digit(y, i)) {
                return false;
            }
        }
        return true;
    }

    public static int equal(String a, String b) {
        if (a == null || b == null) {
            return -1;
        }
        return a.equals(b) ? 1 : 0;
    }

    /** Codes (ids, phones, postcodes): top = equal, then one edit (typo or transposition), then two edits. */
    public static int code(String a, String b, int levels) {
        if (a == null || b == null) {
            return -1;
        }
        int top = levels - 1;
        if (a.equals(b)) {
            return top;
        }
        int d = Similarity.damerau(a, b, 2);
        if (d == 1) {
            return top - 1;
        }
        if (d == 2 && top >= 3 && Math.min(a.length(), b.length()) >= 5) {
            return top - 2;
        }
        return 0;
    }

    /** Free text such as an address: 3 equal ignoring spaces; 2 bigram Dice ≥ 0.8; 1 ≥ 0.55; 0. */
    public static int text(String a, String b) {
        if (a == null || b == null) {
            return -1;
        }
        if (a.equals(b)) {
            return 3;
        }
        String x = a.replace(" ", "");
        String y = b.replace(" ", "");
        if (x.equals(y)) {
            return 3;
        }
        return textLevel(Similarity.dice(Similarity.bigrams(x), Similarity.bigrams(y)));
    }

    /**
     * {@link #text} with each record's value prepared once: {@code x}, {@code y} without spaces and their
     * {@link Similarity#bigrams}.
     */
    public static int text(String x, int[] bx, String y, int[] by) {
        if (x == null || y == null) {
            return -1;
        }
        if (x.equals(y)) {
            return 3;
        }
        return textLevel(Similarity.dice(bx, by));
    }

    private static int textLevel(double d) {
        if (d >= 0.8) {
            return 2;
        }
        return d >= 0.55 ? 1 : 0;
    }

    /** Place names (folded keys): 2 equal; 1 JW ≥ 0.9 or one lies within the other in the gazetteer (village in commune). */
    public static int place(String a, String b) {
        if (a == null || b == null) {
            return -1;
        }
        if (a.equals(b)) {
            return 2;
        }
        if (Similarity.jaroWinkler(a, b) >= 0.9) {
            return 1;
        }
        Gazetteer g = Gazetteer.get();
        return g.within(a, b) || g.within(b, a) ? 1 : 0;
    }
}
