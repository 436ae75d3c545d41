package org.haven.linkage.internal;

import java.util.Arrays;

/**
 * What the database keeps for matching one survivor: keyed Bloom filters of the identifying fields (null = field not
 * recorded), keyed 64-bit hashes of the engine's blocking keys (sorted), and two coarse blocking attributes (start of
 * the 5-year birth band, sex code). No plaintext value and nothing that can be inverted without the key.
 */
public record SurvivorEncoding(long[] given, long[] family, long[] birth, long[] sex, long[] phone, long[] idNumber,
        long[] blockingKeys, Integer birthBand, String sexCode) {

    public SurvivorEncoding {
        blockingKeys = blockingKeys.clone();
        Arrays.sort(blockingKeys);
    }
}
