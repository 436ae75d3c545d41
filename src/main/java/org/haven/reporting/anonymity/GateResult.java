package org.haven.reporting.anonymity;

import java.util.List;
import java.util.Map;

/**
 * What the k-anonymity gate let through and what it did.
 *
 * @param released        the kept records with their generalised quasi-identifier values (by name)
 * @param suppressed      how many records were dropped
 * @param levels          the generalisation level applied to each quasi-identifier
 * @param generalisations a readable description per quasi-identifier (e.g. {@code citizenship: UN sub-region})
 * @param k               the k enforced
 * @param l               the distinct l enforced on the sensitive attribute
 * @param smallestClass   size of the smallest released equivalence class (0 when nothing is released)
 */
public record GateResult<R>(List<Released<R>> released, int suppressed, Map<String, Integer> levels,
        Map<String, String> generalisations, int k, int l, int smallestClass) {

    /** A record let through, with its quasi-identifiers as they may be published. */
    public record Released<R>(R record, Map<String, String> quasiIdentifiers) {
    }
}
