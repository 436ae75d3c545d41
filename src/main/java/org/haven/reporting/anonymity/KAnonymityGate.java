package org.haven.reporting.anonymity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes a set of records k-anonymous over declared quasi-identifiers, with distinct l-diversity on one sensitive
 * attribute, by full-domain generalisation plus record suppression.
 *
 * <p>Search: starting from no generalisation, while more than {@code maxSuppression} of the records would have to
 * be dropped, raise the one quasi-identifier by one level that leaves the fewest records to drop (ties: the
 * quasi-identifier declared first). Then every record of an equivalence class smaller than k, or with fewer than l
 * distinct sensitive values, is dropped. The guarantee (every released class has at least k records and l distinct
 * sensitive values) therefore holds whatever the data; the search only decides how much is generalised rather than
 * suppressed. A missing sensitive value counts as one value ("not recorded").
 */
public final class KAnonymityGate {

    private final int k;
    private final int l;
    private final double maxSuppression;

    public KAnonymityGate(int k, int l, double maxSuppression) {
        if (k < 1 || l < 1) {
            throw new IllegalArgumentException("k and l must be at least 1");
        }
        this.k = k;
        this.l = l;
        this.maxSuppression = maxSuppression;
    }

    public <R> GateResult<R> apply(List<R> records, List<QuasiIdentifier<R>> quasiIdentifiers,
            Function<R, String> sensitive) {
        int q = quasiIdentifiers.size();
        String[][] raw = new String[records.size()][q];
        String[] sensitiveValues = new String[records.size()];
        for (int i = 0; i < records.size(); i++) {
            for (int j = 0; j < q; j++) {
                String v = quasiIdentifiers.get(j).value().apply(records.get(i));
                raw[i][j] = v == null ? "" : v;
            }
            String s = sensitive.apply(records.get(i));
            sensitiveValues[i] = s == null ? "" : s;
        }
        int[] levels = new int[q];
        long allowed = (long) Math.floor(maxSuppression * records.size());
        int dropped = evaluate(raw, sensitiveValues, quasiIdentifiers, levels).dropped;
        while (dropped > allowed) {
            int bestQi = -1;
            int bestDropped = Integer.MAX_VALUE;
            for (int j = 0; j < q; j++) {
                if (levels[j] + 1 >= quasiIdentifiers.get(j).hierarchy().levels()) {
                    continue;
                }
                levels[j]++;
                int d = evaluate(raw, sensitiveValues, quasiIdentifiers, levels).dropped;
                levels[j]--;
                if (d < bestDropped) {
                    bestDropped = d;
                    bestQi = j;
                }
            }
            if (bestQi < 0) {
                break; // everything at the top level: what is still too small is dropped below
            }
            levels[bestQi]++;
            dropped = bestDropped;
        }
        Evaluation e = evaluate(raw, sensitiveValues, quasiIdentifiers, levels);
        List<GateResult.Released<R>> released = new ArrayList<>();
        int smallest = Integer.MAX_VALUE;
        for (int i = 0; i < records.size(); i++) {
            if (e.keep[i]) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int j = 0; j < q; j++) {
                    values.put(quasiIdentifiers.get(j).name(), e.generalised[i][j]);
                }
                released.add(new GateResult.Released<>(records.get(i), values));
                smallest = Math.min(smallest, e.classSize[i]);
            }
        }
        Map<String, Integer> levelByName = new LinkedHashMap<>();
        Map<String, String> described = new LinkedHashMap<>();
        for (int j = 0; j < q; j++) {
            QuasiIdentifier<R> qi = quasiIdentifiers.get(j);
            levelByName.put(qi.name(), levels[j]);
            described.put(qi.name(), qi.hierarchy().describe(levels[j]));
        }
        return new GateResult<>(released, e.dropped, levelByName, described, k, l,
                released.isEmpty() ? 0 : smallest);
    }

    private record Evaluation(int dropped, boolean[] keep, String[][] generalised, int[] classSize) {
    }

    private <R> Evaluation evaluate(String[][] raw, String[] sensitive, List<QuasiIdentifier<R>> qis, int[] levels) {
        int n = raw.length;
        int q = qis.size();
        String[][] generalised = new String[n][q];
        String[] keys = new String[n];
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, Set<String>> diversity = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        // few distinct values per quasi-identifier: generalise each once
        List<Map<String, String>> memo = new ArrayList<>();
        for (int j = 0; j < q; j++) {
            memo.add(new HashMap<>());
        }
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            for (int j = 0; j < q; j++) {
                Hierarchy h = qis.get(j).hierarchy();
                int level = levels[j];
                generalised[i][j] = memo.get(j).computeIfAbsent(raw[i][j], v -> h.generalise(v, level));
                sb.append(generalised[i][j]).append('\u001f');
            }
            keys[i] = sb.toString();
            sizes.merge(keys[i], 1, Integer::sum);
            Set<String> seen = diversity.computeIfAbsent(keys[i], x -> new HashSet<>());
            if (seen.size() < l) {
                seen.add(sensitive[i]);
            }
        }
        boolean[] keep = new boolean[n];
        int[] classSize = new int[n];
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            classSize[i] = sizes.get(keys[i]);
            keep[i] = classSize[i] >= k && diversity.get(keys[i]).size() >= l;
            dropped += keep[i] ? 0 : 1;
        }
        return new Evaluation(dropped, keep, generalised, classSize);
    }
}
