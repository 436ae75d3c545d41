package org.haven.linkage.engine;

import java.util.List;

/**
 * The normalised features of one record, before comparison: name parts and tokens as matching keys, birth date,
 * and canonical forms of the other attributes (null = missing). Plain-text; in privacy mode these are encoded into
 * Bloom filters by the organisation that holds the record and never reach the matcher.
 */
public record PreparedRecord(String id, int source, NamePart given, NamePart family, List<NamePart> fullTokens,
        PartialDate birth, String sex, String phone, String idNumber, String address, String locality,
        String postcode, String region, String country) {

    /** A normalised name (one field, or one token of a full name). */
    public record NamePart(String plain, String key, String skeleton, boolean khmer, boolean known) {
    }

    /** All name token keys of the record (given, family and full name), for blocking. */
    public java.util.Set<String> tokenKeys() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (given != null) {
            out.add(given.key());
        }
        if (family != null) {
            out.add(family.key());
        }
        if (fullTokens != null) {
            fullTokens.forEach(t -> out.add(t.key()));
        }
        out.remove("");
        return out;
    }
}
