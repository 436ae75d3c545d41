package org.haven.linkage.engine;

/**
 * One or more Fellegi–Sunter fields compared together (given and family name are compared together so that a
 * swapped name order is recognised). Levels run from 0 (disagree) to {@code levels(k) - 1} (exact); -1 = missing.
 */
public interface FieldGroup {

    int width();

    String fieldName(int k);

    int levels(int k);

    /** Writes the level of each field of this group for records a and b into {@code out[off…]}. */
    void compare(int a, int b, int[] out, int off);

    /**
     * Relative frequency of record a's value in field k, for term-frequency adjustment of an exact agreement
     * (agreeing on a very common name is weak evidence); negative when not adjusted.
     */
    default double frequency(int k, int a) {
        return -1;
    }

    /**
     * Relative frequency of the value that records a and b agree on in field k at {@code level} (for example the
     * shared name key at the variant level, or a given name that agrees with the other record's family name when
     * the order is swapped), for term-frequency adjustment; negative when not adjusted. By default only the exact
     * level is adjusted, with the commoner of the two records' values.
     */
    default double frequency(int k, int a, int b, int level) {
        if (level != levels(k) - 1) {
            return -1;
        }
        double pa = frequency(k, a);
        return pa < 0 ? -1 : Math.max(pa, frequency(k, b));
    }
}
