package org.haven.linkage.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The matching pipeline over a {@link ComparisonSpace}: blocking (several keys plus sorted-neighbourhood passes) →
 * comparison patterns → Fellegi–Sunter weights by EM → scores → clustering. With one input it finds duplicates
 * (records of the same input); with two it links records of input 0 to records of input 1 only.
 */
public final class Linker {

    /** Tuning knobs; the defaults are the product's, not fitted to one data set. */
    public record Options(double threshold, double possibleThreshold, boolean oneToOne, int maxBlock, int window,
            int maxCluster, double clusterCohesion, double clusterFloor, boolean keepPossible) {

        public Options(double threshold, double possibleThreshold, boolean oneToOne, int maxBlock, int window,
                int maxCluster, double clusterCohesion, double clusterFloor) {
            this(threshold, possibleThreshold, oneToOne, maxBlock, window, maxCluster, clusterCohesion, clusterFloor,
                    true);
        }

        public static Options defaults() {
            return new Options(0.5, 0.1, false, 300, 6, 30, 0.5, 0.01, true);
        }

        public Options withOneToOne(boolean v) {
            return new Options(threshold, possibleThreshold, v, maxBlock, window, maxCluster, clusterCohesion,
                    clusterFloor, keepPossible);
        }

        public Options withThreshold(double t) {
            return new Options(t, Math.min(possibleThreshold, t), oneToOne, maxBlock, window, maxCluster,
                    clusterCohesion, clusterFloor, keepPossible);
        }

        /** Whether {@link Result#possible()} is filled (false saves memory and time on large inputs). */
        public Options withPossible(boolean v) {
            return new Options(threshold, possibleThreshold, oneToOne, maxBlock, window, maxCluster, clusterCohesion,
                    clusterFloor, v);
        }
    }

    /** A scored pair of records (indices into the space; a &lt; b). */
    public record ScoredPair(int a, int b, double score) {
    }

    public record Result(List<ScoredPair> links, List<ScoredPair> possible, long candidatePairs,
            FellegiSunterModel model) {
    }

    private final ComparisonSpace space;
    private final Options options;
    private final boolean linking;
    private final FieldGroup[] groups;
    private final int[] groupOffset;
    private final int fields;
    private FellegiSunterModel model;

    public Linker(ComparisonSpace space, Options options) {
        this.space = space;
        this.options = options;
        boolean two = false;
        for (int i = 0; i < space.size(); i++) {
            if (space.source(i) != 0) {
                two = true;
                break;
            }
        }
        this.linking = two;
        this.groups = space.groups().toArray(FieldGroup[]::new);
        this.groupOffset = new int[groups.length];
        int n = 0;
        for (int g = 0; g < groups.length; g++) {
            groupOffset[g] = n;
            n += groups[g].width();
        }
        this.fields = n;
        this.termFrequencies = space.size() >= MIN_RECORDS_FOR_TF;
    }

    private static final boolean TIMING = System.getenv("HAVEN_LINKAGE_TIMING") != null;
    private long lastMark = System.nanoTime();

    private void mark(String phase) {
        if (TIMING) {
            long now = System.nanoTime();
            System.err.printf("linkage timing: %s %.3f s%n", phase, (now - lastMark) / 1e9);
            lastMark = now;
        }
    }

    public Result run() {
        mark("start");
        long[] pairs = candidates();
        mark("blocking");
        long[] codes = new long[pairs.length];
        int[] radix = radix();
        IntStream.range(0, (pairs.length + 4095) / 4096).parallel().forEach(chunk -> {
            int[] lv = new int[fields];
            int end = Math.min(pairs.length, (chunk + 1) * 4096);
            for (int p = chunk * 4096; p < end; p++) {
                compare((int) (pairs[p] >>> 32), (int) pairs[p], lv);
                codes[p] = encode(lv, radix);
            }
        });
        mark("comparison");
        model = newModel();
        model.setU(randomPairLevels());
        mark("random pairs");
        Map<Long, long[]> counts = new HashMap<>();
        for (long c : codes) {
            counts.computeIfAbsent(c, x -> new long[1])[0]++;
        }
        int[][] patterns = new int[counts.size()][];
        long[] patternCounts = new long[counts.size()];
        int i = 0;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            patterns[i] = decode(e.getKey(), radix);
            patternCounts[i] = e.getValue()[0];
            i++;
        }
        if (pairs.length >= 200) {
            model.maxLambda = Math.min(0.99, MATCHES_PER_RECORD * matchable() / pairs.length);
            model.lambda = Math.min(model.lambda, model.maxLambda / 2);
            model.estimate(patterns, patternCounts, 100);
        } else {
            // too few pairs to estimate anything: prior m, u from random pairs, a fixed prior match rate
            model.lambda = 0.1;
            model.computeWeights();
        }
        mark("em");
        if (TIMING) {
            System.err.print(model.describe());
        }
        float[] scores = new float[pairs.length];
        IntStream.range(0, (pairs.length + 4095) / 4096).parallel().forEach(chunk -> {
            int[] lv = new int[fields];
            int end = Math.min(pairs.length, (chunk + 1) * 4096);
            for (int p = chunk * 4096; p < end; p++) {
                int a = (int) (pairs[p] >>> 32);
                int b = (int) pairs[p];
                decodeInto(codes[p], radix, lv);
                scores[p] = (float) probability(logit(a, b, lv));
            }
        });
        int edgeCount = 0;
        List<ScoredPair> possible = new ArrayList<>();
        for (int p = 0; p < pairs.length; p++) {
            if (scores[p] >= options.threshold()) {
                edgeCount++;
            } else if (options.keepPossible() && scores[p] >= options.possibleThreshold()) {
                possible.add(new ScoredPair((int) (pairs[p] >>> 32), (int) pairs[p], scores[p]));
            }
        }
        // edges as (score bits, pair index), sorted by descending score, then pair order
        long[] edges = new long[edgeCount];
        int e = 0;
        for (int p = 0; p < pairs.length; p++) {
            if (scores[p] >= options.threshold()) {
                edges[e++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(scores[p])) << 32) | p;
            }
        }
        Arrays.parallelSort(edges);
        mark("scoring");
        List<ScoredPair> links = options.oneToOne() ? oneToOne(edges, pairs, scores) : cluster(edges, pairs, scores);
        mark("clustering");
        return new Result(links, possible, pairs.length, model);
    }

    /** Value frequencies counted over fewer records than this are noise: no term-frequency adjustment then. */
    private static final int MIN_RECORDS_FOR_TF = 500;

    private final boolean termFrequencies;

    /** At most this many true matches per record (of the smaller input when linking) are expected. */
    private static final double MATCHES_PER_RECORD = 2.5;

    private double matchable() {
        if (!linking) {
            return space.size();
        }
        int a = 0;
        for (int i = 0; i < space.size(); i++) {
            if (space.source(i) == 0) {
                a++;
            }
        }
        return Math.min(a, space.size() - a);
    }

    public FellegiSunterModel model() {
        return model;
    }

    // ---------------------------------------------------------------- blocking

    private boolean allowed(int a, int b) {
        return linking ? space.source(a) != space.source(b) : true;
    }

    private static long pair(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    /** Inputs above this many records get smaller full-comparison blocks and sorted-neighbourhood windows. */
    private static final int LARGE = 50_000;

    private long[] candidates() {
        int n = space.size();
        // blocks compared in full up to 300 records; above 50,000 records up to 40 (larger ones by window), and the
        // sorted-neighbourhood passes with half the window, so the candidate pairs per record stay bounded on large
        // inputs (at 100,000 generated records: 2.4 M candidate pairs instead of 3.9 M for 0.003 less F1)
        int maxBlock = n > LARGE ? Math.min(40, options.maxBlock()) : options.maxBlock();
        int snWindow = n > LARGE ? Math.max(2, options.window() / 2) : options.window();
        // (40-bit key hash << 24 | record) entries; records beyond 2^24 are not supported
        int chunks = (n + 8191) / 8192;
        long[][] parts = new long[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            LongList list = new LongList(8192 * 12);
            int end = Math.min(n, (c + 1) * 8192);
            for (int r = c * 8192; r < end; r++) {
                final int rec = r;
                space.blockingKeys(r, h -> list.add((h & 0xFFFFFFFFFFL) << 24 | rec));
            }
            parts[c] = list.toArray();
        });
        long[] entries = concat(parts);
        Arrays.parallelSort(entries);
        LongList out = new LongList(Math.max(16, entries.length * 2));
        int start = 0;
        int[] members = new int[64];
        while (start < entries.length) {
            long key = entries[start] >>> 24;
            int end = start;
            while (end < entries.length && entries[end] >>> 24 == key) {
                end++;
            }
            int size = 0;
            for (int e = start; e < end; e++) {
                int r = (int) (entries[e] & 0xFFFFFF);
                if (size == 0 || members[size - 1] != r) {
                    if (size == members.length) {
                        members = Arrays.copyOf(members, size * 2);
                    }
                    members[size++] = r;
                }
            }
            if (size > 1) {
                if (size <= maxBlock) {
                    for (int x = 0; x < size; x++) {
                        for (int y = x + 1; y < size; y++) {
                            if (allowed(members[x], members[y])) {
                                out.add(pair(members[x], members[y]));
                            }
                        }
                    }
                } else {
                    window(Arrays.copyOf(members, size), out, 0, options.window() * 2);
                }
            }
            start = end;
        }
        entries = null;
        int fromBlocks = out.size;
        int sortKeys = space.sortKeyCount();
        if (sortKeys > 0) {
            for (int s = 0; s < sortKeys; s++) {
                final int pass = s;
                // each key suffixed with \0 and its record number: String's natural order is the key order with
                // ties in record order, and no boxed index array or comparator is needed
                String[] keys = new String[n];
                IntStream.range(0, n).parallel().forEach(r -> keys[r] = withRecord(space.sortKey(r, pass), r));
                Arrays.parallelSort(keys);
                int[] ord = new int[n];
                for (int r = 0; r < n; r++) {
                    ord[r] = recordOf(keys[r]);
                }
                windowOrdered(ord, out, snWindow);
            }
        }
        if (TIMING) {
            System.err.println("linkage: blocking entries " + out.size + " (from blocks " + fromBlocks + ")");
        }
        long[] result = out.toArray();
        Arrays.parallelSort(result);
        int u = 0;
        for (int p = 0; p < result.length; p++) {
            if (u == 0 || result[u - 1] != result[p]) {
                result[u++] = result[p];
            }
        }
        return Arrays.copyOf(result, u);
    }

    /** An oversized block: compare each record with its neighbours in sort-key order only. */
    private void window(int[] members, LongList out, int pass, int w) {
        if (space.sortKeyCount() > 0) {
            String[] keys = new String[members.length];
            for (int i = 0; i < members.length; i++) {
                keys[i] = withRecord(space.sortKey(members[i], pass), members[i]);
            }
            Arrays.sort(keys);
            int[] ord = new int[members.length];
            for (int i = 0; i < ord.length; i++) {
                ord[i] = recordOf(keys[i]);
            }
            windowOrdered(ord, out, w);
        } else {
            windowOrdered(members, out, w);
        }
    }

    /** The key, \0 and the record number in three characters below 256 (so a Latin key stays a Latin-1 String). */
    private static String withRecord(String key, int record) {
        return key + '\0' + (char) (record >>> 16 & 0xFF) + (char) (record >>> 8 & 0xFF) + (char) (record & 0xFF);
    }

    private static int recordOf(String keyed) {
        int n = keyed.length();
        return keyed.charAt(n - 3) << 16 | keyed.charAt(n - 2) << 8 | keyed.charAt(n - 1);
    }

    private void windowOrdered(int[] ord, LongList out, int w) {
        for (int i = 0; i < ord.length; i++) {
            for (int j = i + 1; j < Math.min(ord.length, i + 1 + w); j++) {
                if (allowed(ord[i], ord[j])) {
                    out.add(pair(ord[i], ord[j]));
                }
            }
        }
    }

    private static long[] concat(long[][] parts) {
        int total = 0;
        for (long[] p : parts) {
            total += p.length;
        }
        long[] out = new long[total];
        int pos = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    // ---------------------------------------------------------------- comparison and scoring

    private void compare(int a, int b, int[] out) {
        for (int g = 0; g < groups.length; g++) {
            groups[g].compare(a, b, out, groupOffset[g]);
        }
    }

    private int[] radix() {
        int[] r = new int[fields];
        for (int g = 0; g < groups.length; g++) {
            for (int k = 0; k < groups[g].width(); k++) {
                r[groupOffset[g] + k] = groups[g].levels(k) + 1;
            }
        }
        return r;
    }

    private static long encode(int[] lv, int[] radix) {
        long code = 0;
        for (int f = lv.length - 1; f >= 0; f--) {
            code = code * radix[f] + (lv[f] + 1);
        }
        return code;
    }

    private static int[] decode(long code, int[] radix) {
        return decodeInto(code, radix, new int[radix.length]);
    }

    private static int[] decodeInto(long code, int[] radix, int[] out) {
        long c = code;
        for (int f = 0; f < radix.length; f++) {
            out[f] = (int) (c % radix[f]) - 1;
            c /= radix[f];
        }
        return out;
    }

    private FellegiSunterModel newModel() {
        String[] names = new String[fields];
        int[] levels = new int[fields];
        for (int g = 0; g < groups.length; g++) {
            for (int k = 0; k < groups[g].width(); k++) {
                names[groupOffset[g] + k] = groups[g].fieldName(k);
                levels[groupOffset[g] + k] = groups[g].levels(k);
            }
        }
        return new FellegiSunterModel(names, levels);
    }

    private long[][] randomPairLevels() {
        long[][] counts = new long[fields][];
        int[] radix = radix();
        for (int f = 0; f < fields; f++) {
            counts[f] = new long[radix[f] - 1];
        }
        int n = space.size();
        int[] a = IntStream.range(0, n).filter(r -> space.source(r) == 0).toArray();
        int[] b = linking ? IntStream.range(0, n).filter(r -> space.source(r) == 1).toArray() : a;
        if (a.length == 0 || b.length == 0 || (!linking && a.length < 2)) {
            return counts;
        }
        // four fixed streams (deterministic whatever the number of cores), run in parallel
        // 25,000 to 100,000 (ten per record): enough for u with its smoothing, and on a small input the sample
        // no longer costs several times the candidate comparisons
        int samples = (int) Math.min(Math.min(100_000, Math.max(25_000, 10L * n)), (long) a.length * b.length);
        int streams = 4;
        long[][][] partial = new long[streams][][];
        IntStream.range(0, streams).parallel().forEach(st -> {
            SplittableRandom random = new SplittableRandom(20260101L + st);
            long[][] c = new long[fields][];
            for (int f = 0; f < fields; f++) {
                c[f] = new long[radix[f] - 1];
            }
            int[] lv = new int[fields];
            int count = samples / streams + (st < samples % streams ? 1 : 0);
            for (int s = 0; s < count; s++) {
                int x = a[random.nextInt(a.length)];
                int y = b[random.nextInt(b.length)];
                if (x == y) {
                    continue;
                }
                compare(x, y, lv);
                for (int f = 0; f < fields; f++) {
                    if (lv[f] >= 0) {
                        c[f][lv[f]]++;
                    }
                }
            }
            partial[st] = c;
        });
        for (long[][] c : partial) {
            for (int f = 0; f < fields; f++) {
                for (int l = 0; l < c[f].length; l++) {
                    counts[f][l] += c[f][l];
                }
            }
        }
        return counts;
    }

    private double logit(int a, int b, int[] lv) {
        double s = model.priorLogit();
        for (int g = 0; g < groups.length; g++) {
            for (int k = 0; k < groups[g].width(); k++) {
                int f = groupOffset[g] + k;
                int l = lv[f];
                if (l < 0) {
                    continue;
                }
                if (l > 0 && termFrequencies) {
                    double p = groups[g].frequency(k, a, b, l);
                    if (p > 0) {
                        s += model.tfWeight(f, l, p);
                        continue;
                    }
                }
                s += model.weight(f, l);
            }
        }
        return s;
    }

    private static double probability(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    /** Match probability of any two records (used for pairs inside clusters that blocking did not pair). */
    public double score(int a, int b) {
        int[] lv = new int[fields];
        compare(a, b, lv);
        return probability(logit(a, b, lv));
    }

    /** Per-field explanation of a pair: field=level:weight … */
    public String explain(int a, int b) {
        int[] lv = new int[fields];
        compare(a, b, lv);
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "prior=%.2f", model.priorLogit()));
        for (int g = 0; g < groups.length; g++) {
            for (int k = 0; k < groups[g].width(); k++) {
                int f = groupOffset[g] + k;
                s.append(' ').append(model.names[f]).append('=');
                if (lv[f] < 0) {
                    s.append("missing");
                    continue;
                }
                double p = lv[f] > 0 && termFrequencies ? groups[g].frequency(k, a, b, lv[f]) : -1;
                double w = p > 0 ? model.tfWeight(f, lv[f], p) : model.weight(f, lv[f]);
                s.append('L').append(lv[f]).append(String.format(java.util.Locale.ROOT, ":%+.2f", w));
                if (p > 0) {
                    s.append(String.format(java.util.Locale.ROOT, "(tf %.4f)", p));
                }
            }
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- clustering

    private List<ScoredPair> oneToOne(long[] edges, long[] pairs, float[] scores) {
        boolean[] used = new boolean[space.size()];
        List<ScoredPair> out = new ArrayList<>();
        for (long edge : edges) {
            int p = (int) edge;
            int a = (int) (pairs[p] >>> 32);
            int b = (int) pairs[p];
            if (!used[a] && !used[b]) {
                used[a] = true;
                used[b] = true;
                out.add(new ScoredPair(a, b, scores[p]));
            }
        }
        out.sort((x, y) -> x.a() != y.a() ? Integer.compare(x.a(), y.a()) : Integer.compare(x.b(), y.b()));
        return out;
    }

    /** Score of a pair: the candidate's score when blocking paired them (binary search), computed otherwise. */
    private double known(int x, int y, long[] pairs, float[] scores) {
        int i = Arrays.binarySearch(pairs, pair(x, y));
        return i >= 0 ? scores[i] : score(x, y);
    }

    /**
     * Greedy agglomeration by descending score. Two clusters merge only if the mean match probability over all
     * their cross pairs reaches {@code clusterCohesion}, no cross pair is below {@code clusterFloor} (strong evidence
     * of two different people) and the result is not larger than {@code maxCluster}: one false link cannot chain
     * two people's records together. Members are kept as linked lists in int arrays; each merge costs at most
     * (maxCluster / 2)² pair look-ups, so the whole is linear in the number of edges.
     */
    private List<ScoredPair> cluster(long[] edges, long[] pairs, float[] scores) {
        int n = space.size();
        int[] parent = new int[n];
        int[] size = new int[n];
        int[] next = new int[n];
        int[] tail = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
            next[i] = -1;
            tail[i] = i;
        }
        for (long edge : edges) {
            int p = (int) edge;
            int ra = find(parent, (int) (pairs[p] >>> 32));
            int rb = find(parent, (int) pairs[p]);
            if (ra == rb) {
                continue;
            }
            if (size[ra] + size[rb] > 2) {
                if (size[ra] + size[rb] > options.maxCluster()) {
                    continue;
                }
                double sum = 0;
                double min = 1;
                int count = 0;
                for (int x = ra; x >= 0 && min >= options.clusterFloor(); x = next[x]) {
                    for (int y = rb; y >= 0; y = next[y]) {
                        if (!allowed(x, y)) {
                            continue;
                        }
                        double v = known(x, y, pairs, scores);
                        sum += v;
                        min = Math.min(min, v);
                        count++;
                    }
                }
                if (count > 0 && (sum / count < options.clusterCohesion() || min < options.clusterFloor())) {
                    continue;
                }
            }
            // union: rb's list appended to ra's
            parent[rb] = ra;
            next[tail[ra]] = rb;
            tail[ra] = tail[rb];
            size[ra] += size[rb];
        }
        List<ScoredPair> out = new ArrayList<>();
        int[] m = new int[options.maxCluster() + 1];
        for (int r = 0; r < n; r++) {
            if (parent[r] != r || size[r] < 2) {
                continue;
            }
            int k = 0;
            for (int x = r; x >= 0; x = next[x]) {
                if (k == m.length) {
                    m = Arrays.copyOf(m, k * 2);
                }
                m[k++] = x;
            }
            Arrays.sort(m, 0, k);
            for (int x = 0; x < k; x++) {
                for (int y = x + 1; y < k; y++) {
                    if (allowed(m[x], m[y])) {
                        out.add(new ScoredPair(m[x], m[y], known(m[x], m[y], pairs, scores)));
                    }
                }
            }
        }
        out.sort((x, y) -> x.a() != y.a() ? Integer.compare(x.a(), y.a()) : Integer.compare(x.b(), y.b()));
        return out;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Growable primitive long array. */
    static final class LongList {
        private long[] data;
        private int size;

        LongList(int capacity) {
            data = new long[Math.max(16, capacity)];
        }

        void add(long v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length + (data.length >> 1));
            }
            data[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
