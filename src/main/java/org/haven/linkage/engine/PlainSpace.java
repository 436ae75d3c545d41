package org.haven.linkage.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.haven.linkage.engine.PreparedRecord.NamePart;

/** Comparison of prepared plain-text records: the normal (non-privacy) mode. */
public final class PlainSpace implements ComparisonSpace {

    private final PreparedRecord[] records;
    private final List<FieldGroup> groups = new ArrayList<>();

    public PlainSpace(PreparedRecord[] records, Set<Attribute> mapped) {
        this.records = records;
        boolean full = !mapped.contains(Attribute.GIVEN_NAME) && !mapped.contains(Attribute.FAMILY_NAME);
        if (full && mapped.contains(Attribute.FULL_NAME)) {
            groups.add(new FullNameGroup());
        } else if (!full) {
            groups.add(new NameGroup());
        }
        if (mapped.contains(Attribute.BIRTH_DATE) || mapped.contains(Attribute.BIRTH_YEAR)) {
            groups.add(new SingleGroup("birth", 5, (a, b) -> Comparators.birth(records[a].birth(), records[b].birth()),
                    r -> r.birth().full() ? r.birth().year() * 10000 + r.birth().month() * 100 + r.birth().day() + ""
                            : null));
        }
        if (mapped.contains(Attribute.SEX)) {
            groups.add(new SingleGroup("sex", 2, (a, b) -> Comparators.equal(records[a].sex(), records[b].sex()),
                    null));
        }
        if (mapped.contains(Attribute.PHONE)) {
            groups.add(new SingleGroup("phone", 3, (a, b) -> Comparators.code(records[a].phone(), records[b].phone(),
                    3), PreparedRecord::phone));
        }
        if (mapped.contains(Attribute.ID_NUMBER)) {
            groups.add(new SingleGroup("id_number", 4, (a, b) -> Comparators.code(records[a].idNumber(),
                    records[b].idNumber(), 4), PreparedRecord::idNumber));
        }
        if (mapped.contains(Attribute.ADDRESS)) {
            // each address without spaces and its bigrams once, not per pair
            String[] compact = new String[records.length];
            int[][] bigrams = new int[records.length][];
            for (int i = 0; i < records.length; i++) {
                String v = records[i].address();
                if (v != null) {
                    compact[i] = v.replace(" ", "");
                    bigrams[i] = Similarity.bigrams(compact[i]);
                }
            }
            groups.add(new SingleGroup("address", 4, (a, b) -> Comparators.text(compact[a], bigrams[a], compact[b],
                    bigrams[b]), r -> r.address() == null ? null : r.address().replace(" ", "")));
        }
        if (mapped.contains(Attribute.LOCALITY)) {
            groups.add(placeGroup("locality", PreparedRecord::locality));
        }
        if (mapped.contains(Attribute.POSTCODE)) {
            groups.add(new SingleGroup("postcode", 3, (a, b) -> Comparators.code(records[a].postcode(),
                    records[b].postcode(), 3), PreparedRecord::postcode));
        }
        if (mapped.contains(Attribute.REGION)) {
            groups.add(placeGroup("region", PreparedRecord::region));
        }
        if (mapped.contains(Attribute.COUNTRY)) {
            groups.add(placeGroup("country", PreparedRecord::country));
        }
    }

    /**
     * Places compared as {@link Comparators#place}, with each record's gazetteer ancestors looked up once (and the
     * gazetteer not loaded at all when no place of the data set is in it).
     */
    private SingleGroup placeGroup(String name, Function<PreparedRecord, String> value) {
        String[] values = new String[records.length];
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int i = 0; i < records.length; i++) {
            values[i] = value.apply(records[i]);
            if (values[i] != null) {
                distinct.add(values[i]);
            }
        }
        Map<String, String[]> ancestors = Gazetteer.ancestorsOf(distinct);
        String[][] up = new String[records.length][];
        if (!ancestors.isEmpty()) {
            for (int i = 0; i < records.length; i++) {
                up[i] = values[i] == null ? null : ancestors.get(values[i]);
            }
        }
        return new SingleGroup(name, 3, (a, b) -> place(values[a], up[a], values[b], up[b]), value);
    }

    private static int place(String a, String[] upA, String b, String[] upB) {
        if (a == null || b == null) {
            return -1;
        }
        if (a.equals(b)) {
            return 2;
        }
        if (Similarity.jaroWinkler(a, b) >= 0.9) {
            return 1;
        }
        return contains(upA, b) || contains(upB, a) ? 1 : 0;
    }

    private static boolean contains(String[] up, String v) {
        if (up != null) {
            for (String u : up) {
                if (u.equals(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    public PreparedRecord record(int i) {
        return records[i];
    }

    @Override
    public int size() {
        return records.length;
    }

    @Override
    public int source(int record) {
        return records[record].source();
    }

    @Override
    public String id(int record) {
        return records[record].id();
    }

    @Override
    public List<FieldGroup> groups() {
        return groups;
    }

    @Override
    public void blockingKeys(int record, LongConsumer sink) {
        blockingKeyStrings(records[record], s -> sink.accept(Similarity.hash64(s)));
    }

    /** Blocking keys as strings; hashed here, or keyed-hashed by the privacy encoder. */
    public static void blockingKeyStrings(PreparedRecord r, Consumer<String> sink) {
        Set<String> tokens = r.tokenKeys();
        PartialDate b = r.birth();
        String year = b.known() ? Integer.toString(b.year()) : null;
        String g = r.given() != null ? r.given().key() : null;
        String f = r.family() != null ? r.family().key() : null;
        if (g != null && f != null && !g.isEmpty() && !f.isEmpty()) {
            sink.accept("n|" + (g.compareTo(f) < 0 ? g + "|" + f : f + "|" + g));
        }
        if (r.fullTokens() != null && r.fullTokens().size() > 1) {
            List<String> keys = new ArrayList<>(tokens);
            keys.sort(null);
            sink.accept("n|" + String.join("|", keys));
        }
        for (String t : tokens) {
            if (year != null) {
                sink.accept("ty|" + t + "|" + year);
                sink.accept("ts|" + org.haven.linkage.names.NameNormaliser.skeleton(t) + "|" + year);
            }
            if (r.postcode() != null) {
                sink.accept("tp|" + t + "|" + r.postcode());
            }
            if (r.locality() != null) {
                sink.accept("tl|" + t + "|" + r.locality());
            }
            if (r.phone() != null) {
                sink.accept("tf|" + t + "|" + r.phone().substring(0, Math.min(4, r.phone().length())));
            }
        }
        if (b.full()) {
            int lo = Math.min(b.month(), b.day());
            int hi = Math.max(b.month(), b.day());
            sink.accept("d|" + b.year() + "|" + lo + "|" + hi);
        }
        if (r.idNumber() != null) {
            sink.accept("id|" + r.idNumber());
        }
        if (r.phone() != null) {
            sink.accept("ph|" + r.phone());
        }
        if (r.address() != null) {
            sink.accept("ad|" + r.address().replace(" ", ""));
            if (r.postcode() != null) {
                sink.accept("ap|" + r.postcode() + "|" + r.address().charAt(0));
            }
        }
    }

    @Override
    public String[] sortKeys(int record) {
        return new String[] {sortKey(record, 0), sortKey(record, 1), sortKey(record, 2), sortKey(record, 3)};
    }

    /** Pass 0: family given date; 1: given family date; 2: both reversed; 3: date family given. */
    @Override
    public String sortKey(int record, int pass) {
        PreparedRecord r = records[record];
        String g = r.given() != null ? r.given().key() : "";
        String f = r.family() != null ? r.family().key() : "";
        if (r.fullTokens() != null) {
            List<String> keys = new ArrayList<>(r.tokenKeys());
            keys.sort(null);
            f = String.join("", keys);
            g = "";
        }
        if (pass == 2) {
            return new StringBuilder(f).reverse() + " " + new StringBuilder(g).reverse();
        }
        PartialDate b = r.birth();
        String date = b.known() ? Integer.toString(b.year() * 10000 + b.month() * 100 + b.day()) : "";
        switch (pass) {
            case 0:
                return f + " " + g + " " + date;
            case 1:
                return g + " " + f + " " + date;
            default:
                return date + " " + f + g;
        }
    }

    @Override
    public int sortKeyCount() {
        return 4;
    }

    private interface PairLevel {
        int level(int a, int b);
    }

    private final class SingleGroup implements FieldGroup {
        private final String name;
        private final int levels;
        private final PairLevel fn;

        /** Per record: relative frequency of its value (term-frequency adjustment of exact agreement), or null. */
        private final float[] frequencies;

        SingleGroup(String name, int levels, PairLevel fn, Function<PreparedRecord, String> value) {
            this.name = name;
            this.levels = levels;
            this.fn = fn;
            this.frequencies = value == null ? null : frequencies(value);
        }

        private float[] frequencies(Function<PreparedRecord, String> value) {
            Map<String, int[]> counts = new HashMap<>();
            String[] values = new String[records.length];
            int total = 0;
            for (int i = 0; i < records.length; i++) {
                values[i] = value.apply(records[i]);
                if (values[i] != null) {
                    counts.computeIfAbsent(values[i], x -> new int[1])[0]++;
                    total++;
                }
            }
            float[] f = new float[records.length];
            for (int i = 0; i < records.length; i++) {
                if (values[i] != null) {
                    f[i] = (float) (counts.get(values[i])[0] / (double) Math.max(1, total));
                }
            }
            return f;
        }

        @Override
        public double frequency(int k, int a) {
            return frequencies == null || frequencies[a] == 0 ? -1 : frequencies[a];
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public String fieldName(int k) {
            return name;
        }

        @Override
        public int levels(int k) {
            return levels;
        }

        @Override
        public void compare(int a, int b, int[] out, int off) {
            out[off] = fn.level(a, b);
        }
    }

    /**
     * Given and family name, compared in both orders (Khmer names are often recorded reversed). Term frequencies are
     * counted by folded key, per field, so agreeing on a common name (Sok) is weaker evidence than agreeing on a rare
     * one, at the exact and the variant level and also when the order is swapped.
     */
    private final class NameGroup implements FieldGroup {
        /** Per record: frequency of its given key among given names, among family names; same for its family key. */
        private final float[] givenAsGiven;
        private final float[] givenAsFamily;
        private final float[] familyAsFamily;
        private final float[] familyAsGiven;

        NameGroup() {
            Map<String, int[]> counts = new HashMap<>();
            int gt = 0;
            int ft = 0;
            for (PreparedRecord r : records) {
                if (r.given() != null) {
                    counts.computeIfAbsent(r.given().key(), x -> new int[2])[0]++;
                    gt++;
                }
                if (r.family() != null) {
                    counts.computeIfAbsent(r.family().key(), x -> new int[2])[1]++;
                    ft++;
                }
            }
            double givenTotal = Math.max(1, gt);
            double familyTotal = Math.max(1, ft);
            int n = records.length;
            givenAsGiven = new float[n];
            givenAsFamily = new float[n];
            familyAsFamily = new float[n];
            familyAsGiven = new float[n];
            for (int i = 0; i < n; i++) {
                PreparedRecord r = records[i];
                if (r.given() != null) {
                    int[] c = counts.get(r.given().key());
                    givenAsGiven[i] = (float) (c[0] / givenTotal);
                    givenAsFamily[i] = (float) (c[1] / familyTotal);
                }
                if (r.family() != null) {
                    int[] c = counts.get(r.family().key());
                    familyAsFamily[i] = (float) (c[1] / familyTotal);
                    familyAsGiven[i] = (float) (c[0] / givenTotal);
                }
            }
        }

        @Override
        public int width() {
            return 2;
        }

        @Override
        public String fieldName(int k) {
            return k == 0 ? "given_name" : "family_name";
        }

        @Override
        public int levels(int k) {
            return 5;
        }

        @Override
        public void compare(int a, int b, int[] out, int off) {
            PreparedRecord x = records[a];
            PreparedRecord y = records[b];
            int gg = Comparators.name(x.given(), y.given());
            int ff = Comparators.name(x.family(), y.family());
            out[off] = gg;
            out[off + 1] = ff;
            if (gg == 4 && ff == 4) {
                return;
            }
            int gf = Comparators.name(x.given(), y.family());
            int fg = Comparators.name(x.family(), y.given());
            if (Math.max(gf, 0) + Math.max(fg, 0) > Math.max(gg, 0) + Math.max(ff, 0)) {
                out[off] = gf;
                out[off + 1] = fg;
            }
        }

        @Override
        public double frequency(int k, int a) {
            NamePart p = k == 0 ? records[a].given() : records[a].family();
            if (p == null) {
                return -1;
            }
            return k == 0 ? givenAsGiven[a] : familyAsFamily[a];
        }

        @Override
        public double frequency(int k, int a, int b, int level) {
            if (level < 3) {
                return -1;
            }
            PreparedRecord x = records[a];
            PreparedRecord y = records[b];
            NamePart mine = k == 0 ? x.given() : x.family();
            if (mine == null) {
                return -1;
            }
            NamePart straight = k == 0 ? y.given() : y.family();
            if (straight != null && Comparators.name(mine, straight) == level) {
                // the commoner of the two keys (they differ only between Khmer script and Latin)
                return k == 0 ? Math.max(givenAsGiven[a], givenAsGiven[b])
                        : Math.max(familyAsFamily[a], familyAsFamily[b]);
            }
            // swapped order: my given name agrees with the other's family name (or the reverse)
            return k == 0 ? Math.max(Math.max(givenAsGiven[a], givenAsFamily[a]), Math.max(familyAsGiven[b],
                    familyAsFamily[b])) : Math.max(Math.max(familyAsFamily[a], familyAsGiven[a]),
                    Math.max(givenAsFamily[b], givenAsGiven[b]));
        }
    }

    /** A full name as an order-insensitive token set. */
    private final class FullNameGroup implements FieldGroup {
        private final Map<String, Integer> counts = new HashMap<>();
        private final int total;

        FullNameGroup() {
            int t = 0;
            for (PreparedRecord r : records) {
                if (r.fullTokens() != null) {
                    counts.merge(Comparators.sortedPlain(r.fullTokens()), 1, Integer::sum);
                    t++;
                }
            }
            total = Math.max(1, t);
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public String fieldName(int k) {
            return "full_name";
        }

        @Override
        public int levels(int k) {
            return 5;
        }

        @Override
        public void compare(int a, int b, int[] out, int off) {
            out[off] = Comparators.fullName(records[a].fullTokens(), records[b].fullTokens());
        }

        @Override
        public double frequency(int k, int a) {
            List<NamePart> t = records[a].fullTokens();
            if (t == null) {
                return -1;
            }
            Integer c = counts.get(Comparators.sortedPlain(t));
            return c == null ? -1 : c / (double) total;
        }
    }
}
