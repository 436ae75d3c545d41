package org.haven.reporting.anonymity;

/**
 * A generalisation hierarchy for one quasi-identifier: level 0 is the value as recorded, each higher level coarser,
 * and the top level ({@code levels() - 1}) is {@link #ANY} for every value.
 */
public interface Hierarchy {

    /** The value every record takes at the top level. */
    String ANY = "*";

    /** Number of levels including 0 and the top. */
    int levels();

    /** The value at this level; {@code null} or empty (missing) stays missing below the top. */
    String generalise(String value, int level);

    /** Short English description of a level, for the export's statement of what was generalised. */
    String describe(int level);
}
