package org.haven.linkage.privacy;

/**
 * A record as the privacy-preserving matcher sees it: the record id, which input it belongs to, one keyed Bloom
 * filter (1000 bits) per identifying field (null = missing) and keyed hashes of its blocking keys. No name, date or
 * other plaintext value is kept.
 */
public record EncodedRecord(String id, int source, long[] given, long[] family, long[] fullName, long[] birth,
        long[] sex, long[] phone, long[] idNumber, long[] address, long[] locality, long[] postcode, long[] region,
        long[] country, long[] blockingKeys) {
}
