package org.haven.linkage.engine;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * What the linker needs from a prepared data set: records (with their input number), field groups to compare
 * them, blocking keys (as 64-bit hashes — keyed in privacy mode) and optional sort keys for sorted neighbourhood.
 */
public interface ComparisonSpace {

    int size();

    int source(int record);

    String id(int record);

    List<FieldGroup> groups();

    void blockingKeys(int record, LongConsumer sink);

    /** Sort keys for sorted-neighbourhood passes (one per pass), or null when the space has none. */
    default String[] sortKeys(int record) {
        return null;
    }

    /** The sort key of one pass ({@code sortKeys(record)[pass]}, which a space may compute without the others). */
    default String sortKey(int record, int pass) {
        return sortKeys(record)[pass];
    }

    int sortKeyCount();
}
