package org.haven.linkage.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.haven.linkage.engine.Attribute;
import org.haven.linkage.engine.ComparisonSpace;
import org.haven.linkage.engine.FieldGroup;
import org.haven.linkage.engine.Similarity;

/**
 * Comparison on encodings only: field levels come from the Dice coefficient of the records' Bloom filters, blocking
 * from the keyed hashes. The same Fellegi–Sunter/EM machinery then scores the pairs.
 */
public final class BloomSpace implements ComparisonSpace {

    private final EncodedRecord[] records;
    private final List<FieldGroup> groups = new ArrayList<>();

    public BloomSpace(EncodedRecord[] records, Set<Attribute> mapped) {
        this.records = records;
        boolean full = !mapped.contains(Attribute.GIVEN_NAME) && !mapped.contains(Attribute.FAMILY_NAME);
        if (full && mapped.contains(Attribute.FULL_NAME)) {
            groups.add(new DiceGroup("full_name", EncodedRecord::fullName, new double[] {0.55, 0.7, 0.85}, true));
        } else if (!full) {
            groups.add(new NameGroup());
        }
        if (mapped.contains(Attribute.BIRTH_DATE) || mapped.contains(Attribute.BIRTH_YEAR)) {
            groups.add(new DiceGroup("birth", EncodedRecord::birth, new double[] {0.25, 0.5, 0.7}, false));
        }
        add(mapped, Attribute.SEX, "sex", EncodedRecord::sex, new double[] {});
        add(mapped, Attribute.PHONE, "phone", EncodedRecord::phone, new double[] {0.75});
        add(mapped, Attribute.ID_NUMBER, "id_number", EncodedRecord::idNumber, new double[] {0.6, 0.8});
        add(mapped, Attribute.ADDRESS, "address", EncodedRecord::address, new double[] {0.55, 0.8});
        add(mapped, Attribute.LOCALITY, "locality", EncodedRecord::locality, new double[] {0.8});
        add(mapped, Attribute.POSTCODE, "postcode", EncodedRecord::postcode, new double[] {0.75});
        add(mapped, Attribute.REGION, "region", EncodedRecord::region, new double[] {0.8});
        add(mapped, Attribute.COUNTRY, "country", EncodedRecord::country, new double[] {0.8});
    }

    private void add(Set<Attribute> mapped, Attribute a, String name, Function<EncodedRecord, long[]> get,
            double[] cuts) {
        if (mapped.contains(a)) {
            groups.add(new DiceGroup(name, get, cuts, false));
        }
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
        for (long k : records[record].blockingKeys()) {
            sink.accept(k);
        }
    }

    @Override
    public int sortKeyCount() {
        return 0;
    }

    /** Level: top when the filters are identical, then one level per Dice cut passed (ascending cuts). */
    static int level(long[] a, long[] b, double[] cuts) {
        if (a == null || b == null) {
            return -1;
        }
        if (Arrays.equals(a, b)) {
            return cuts.length + 1;
        }
        double d = Similarity.dice(a, b);
        int l = 0;
        for (double c : cuts) {
            if (d >= c) {
                l++;
            }
        }
        return l;
    }

    private static Map<Integer, Integer> counts(EncodedRecord[] records, Function<EncodedRecord, long[]> get,
            int[] total) {
        Map<Integer, Integer> m = new HashMap<>();
        for (EncodedRecord r : records) {
            long[] f = get.apply(r);
            if (f != null) {
                m.merge(Arrays.hashCode(f), 1, Integer::sum);
                total[0]++;
            }
        }
        return m;
    }

    private final class DiceGroup implements FieldGroup {
        private final String name;
        private final Function<EncodedRecord, long[]> get;
        private final double[] cuts;
        private final Map<Integer, Integer> counts;
        private final int total;

        DiceGroup(String name, Function<EncodedRecord, long[]> get, double[] cuts, boolean tf) {
            this.name = name;
            this.get = get;
            this.cuts = cuts;
            int[] t = new int[1];
            this.counts = tf ? counts(records, get, t) : null;
            this.total = Math.max(1, t[0]);
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
            return cuts.length + 2;
        }

        @Override
        public void compare(int a, int b, int[] out, int off) {
            out[off] = level(get.apply(records[a]), get.apply(records[b]), cuts);
        }

        @Override
        public double frequency(int k, int a) {
            if (counts == null) {
                return -1;
            }
            long[] f = get.apply(records[a]);
            return f == null ? -1 : counts.getOrDefault(Arrays.hashCode(f), 1) / (double) total;
        }
    }

    private final class NameGroup implements FieldGroup {
        private final double[] cuts = {0.55, 0.7, 0.85};
        private final Map<Integer, Integer> given;
        private final Map<Integer, Integer> family;
        private final int givenTotal;
        private final int familyTotal;

        NameGroup() {
            int[] t = new int[1];
            given = counts(records, EncodedRecord::given, t);
            givenTotal = Math.max(1, t[0]);
            t[0] = 0;
            family = counts(records, EncodedRecord::family, t);
            familyTotal = Math.max(1, t[0]);
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
            EncodedRecord x = records[a];
            EncodedRecord y = records[b];
            int gg = level(x.given(), y.given(), cuts);
            int ff = level(x.family(), y.family(), cuts);
            out[off] = gg;
            out[off + 1] = ff;
            if (gg == 4 && ff == 4) {
                return;
            }
            int gf = level(x.given(), y.family(), cuts);
            int fg = level(x.family(), y.given(), cuts);
            if (Math.max(gf, 0) + Math.max(fg, 0) > Math.max(gg, 0) + Math.max(ff, 0)) {
                out[off] = gf;
                out[off + 1] = fg;
            }
        }

        @Override
        public double frequency(int k, int a) {
            long[] f = k == 0 ? records[a].given() : records[a].family();
            if (f == null) {
                return -1;
            }
            return (k == 0 ? given : family).getOrDefault(Arrays.hashCode(f), 1)
                    / (double) (k == 0 ? givenTotal : familyTotal);
        }
    }
}
