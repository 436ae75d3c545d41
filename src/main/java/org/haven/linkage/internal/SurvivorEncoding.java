package org.haven.linkage.internal;

import java.util.Arrays;

/**
 * What the database keeps for matching one survivor: keyed Bloom filters of the identifying fields (null = field not
 * recorded), keyed 64-bit hashes of the engine's blocking keys (sorted), two coarse blocking attributes (start of
 * the 5-year birth band, sex code) and keyed 64-bit hashes of the normalised given and family name keys (null when
 * absent), used only to look up how common a name is. No plaintext value and nothing that can be inverted without the key.
 */
public record SurvivorEncoding(long[] given, long[] family, long[] birth, long[] sex, long[] phone, long[] idNumber,
        long[] blockingKeys, Integer birthBand, String sexCode, Long givenKey, Long familyKey) {

    public SurvivorEncoding(long[] given, long[] family, long[] birth, long[] sex, long[] phone, long[] idNumber,
            long[] blockingKeys, Integer birthBand, String sexCode) {
        this(given, family, birth, sex, phone, idNumber, blockingKeys, birthBand, sexCode, null, null);
    }

    public SurvivorEncoding {
        blockingKeys = blockingKeys.clone();
        Arrays.sort(blockingKeys);
    }
}
