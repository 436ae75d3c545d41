package org.haven.linkage.engine;

/**
 * One input row after mapping: its id, which input it came from (0 or 1), the attribute values (trimmed, null when
 * empty, indexed by {@link Attribute#ordinal()}) and the parsed birth date or year.
 */
public record InputRecord(String id, int source, String[] values, PartialDate birth) {

    public String get(Attribute a) {
        return values[a.ordinal()];
    }
}
