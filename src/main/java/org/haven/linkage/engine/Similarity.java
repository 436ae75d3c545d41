package org.haven.linkage.engine;

import java.util.Arrays;

/** String similarity functions used by the comparators; allocation-light because they run on every candidate pair. */
public final class Similarity {

    private Similarity() {
    }

    /** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters). */
    public static double jaroWinkler(String s, String t) {
        int ls = s.length();
        int lt = t.length();
        if (ls == 0 || lt == 0) {
            return ls == lt ? 1 : 0;
        }
        if (s.equals(t)) {
            return 1;
        }
        int range = Math.max(0, Math.max(ls, lt) / 2 - 1);
        long sMatched = 0;
        long tMatched = 0;
        boolean[] sm = ls > 64 ? new boolean[ls] : null;
        boolean[] tm = lt > 64 ? new boolean[lt] : null;
        int matches = 0;
        for (int i = 0; i < ls; i++) {
            int lo = Math.max(0, i - range);
            int hi = Math.min(lt - 1, i + range);
            char c = s.charAt(i);
            for (int j = lo; j <= hi; j++) {
                boolean used = tm != null ? tm[j] : (tMatched & (1L << j)) != 0;
                if (!used && t.charAt(j) == c) {
                    if (tm != null) {
                        tm[j] = true;
                    } else {
                        tMatched |= 1L << j;
                    }
                    if (sm != null) {
                        sm[i] = true;
                    } else {
                        sMatched |= 1L << i;
                    }
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < ls; i++) {
            boolean si = sm != null ? sm[i] : (sMatched & (1L << i)) != 0;
            if (si) {
                while (!(tm != null ? tm[k] : (tMatched & (1L << k)) != 0)) {
                    k++;
                }
                if (s.charAt(i) != t.charAt(k)) {
                    transpositions++;
                }
                k++;
            }
        }
        double m = matches;
        double jaro = (m / ls + m / lt + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(ls, lt)); i++) {
            if (s.charAt(i) == t.charAt(i)) {
                prefix++;
            } else {
                break;
            }
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /** Optimal-string-alignment (Damerau) distance, or {@code max + 1} as soon as it exceeds {@code max}. */
    public static int damerau(String s, String t, int max) {
        int ls = s.length();
        int lt = t.length();
        if (Math.abs(ls - lt) > max) {
            return max + 1;
        }
        if (ls <= 15 && lt <= 15 && (histogramDistance(s, t) + 1) / 2 > max) {
            // each edit changes the character histogram by at most 2: most unrelated codes end here
            return max + 1;
        }
        int[] prev2 = new int[lt + 1];
        int[] prev = new int[lt + 1];
        int[] cur = new int[lt + 1];
        for (int j = 0; j <= lt; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ls; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            char sc = s.charAt(i - 1);
            for (int j = 1; j <= lt; j++) {
                char tc = t.charAt(j - 1);
                int cost = sc == tc ? 0 : 1;
                int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && sc == t.charAt(j - 2) && s.charAt(i - 2) == tc) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] tmp = prev2;
            prev2 = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[lt];
    }

    /** L1 distance of the character histograms (characters in 16 buckets; strings of at most 15 characters). */
    private static int histogramDistance(String s, String t) {
        long hs = 0;
        long ht = 0;
        for (int i = 0; i < s.length(); i++) {
            hs += 1L << ((s.charAt(i) & 15) << 2);
        }
        for (int i = 0; i < t.length(); i++) {
            ht += 1L << ((t.charAt(i) & 15) << 2);
        }
        int d = 0;
        for (int k = 0; k < 16; k++) {
            d += Math.abs((int) (hs >>> (k << 2) & 15) - (int) (ht >>> (k << 2) & 15));
        }
        return d;
    }

    /** Sorted, de-duplicated hashes of the padded character bigrams of a string. */
    public static int[] bigrams(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String p = "^" + s + "$";
        int[] out = new int[p.length() - 1];
        for (int i = 0; i + 1 < p.length(); i++) {
            out[i] = p.charAt(i) * 65599 + p.charAt(i + 1);
        }
        Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (n == 0 || out[n - 1] != out[i]) {
                out[n++] = out[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Dice coefficient of two sorted sets. */
    public static double dice(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * common / (a.length + b.length);
    }

    /** Dice coefficient of two bit sets of equal length. */
    public static double dice(long[] a, long[] b) {
        int ca = 0;
        int cb = 0;
        int common = 0;
        for (int i = 0; i < a.length; i++) {
            ca += Long.bitCount(a[i]);
            cb += Long.bitCount(b[i]);
            common += Long.bitCount(a[i] & b[i]);
        }
        return ca + cb == 0 ? 0 : 2.0 * common / (ca + cb);
    }

    /** 64-bit hash of a string (FNV-1a then a murmur finaliser). */
    public static long hash64(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return finish(h);
    }

    /** The finaliser of {@link #hash64} (murmur3 fmix64). */
    static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
