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
}
