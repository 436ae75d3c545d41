package org.haven.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.haven.linkage.engine.InputRecord;
import org.haven.linkage.engine.PartialDate;
import org.haven.linkage.engine.PreparedRecord;
import org.haven.linkage.engine.RecordPreparer;
import org.haven.linkage.engine.Attribute;
import org.haven.linkage.engine.Similarity;
import org.haven.linkage.names.NameNormaliser;
import org.haven.linkage.privacy.BloomEncoder;
import org.haven.linkage.privacy.EncodedRecord;
import org.junit.jupiter.api.Test;

/** Privacy mode: what reaches the matcher carries no plaintext, and equal people still encode alike. */
class PrivacyEncodingTests {

    private static final byte[] KEY = "test-shared-secret-of-the-partners".getBytes(StandardCharsets.UTF_8);

    private static PreparedRecord person(String id, String family, String given, PartialDate birth) {
        String[] values = new String[Attribute.values().length];
        values[Attribute.FAMILY_NAME.ordinal()] = family;
        values[Attribute.GIVEN_NAME.ordinal()] = given;
        values[Attribute.PHONE.ordinal()] = "012345678";
        return new RecordPreparer(NameNormaliser.standard(), false).prepare(new InputRecord(id, 0, values, birth));
    }

    @Test
    void encodedRecordsHoldNoPlaintextField() {
        for (RecordComponent c : EncodedRecord.class.getRecordComponents()) {
            if (!c.getName().equals("id")) {
                assertThat(c.getType()).as(c.getName()).isIn(long[].class, int.class);
            }
        }
        EncodedRecord e = new BloomEncoder(KEY).encode(person("r1", "Test Sokhon", "Dara Demo",
                new PartialDate(1990, 5, 12, false)));
        byte[] bytes = bytes(e);
        for (String secret : List.of("sokhon", "Sokhon", "dara", "Dara", "1990", "012345678")) {
            assertThat(indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8))).as(secret).isEqualTo(-1);
        }
    }

    @Test
    void variantsAndScriptsEncodeIdenticallyAndTheKeyMatters() {
        BloomEncoder encoder = new BloomEncoder(KEY);
        EncodedRecord latin = encoder.encode(person("a", "Sok", "Dara", PartialDate.UNKNOWN));
        EncodedRecord variant = encoder.encode(person("b", "Sokh", "Darah", PartialDate.UNKNOWN));
        EncodedRecord khmer = encoder.encode(person("c", "សុខ", "ដារា", PartialDate.UNKNOWN));
        EncodedRecord other = encoder.encode(person("d", "Chea", "Sopheap", PartialDate.UNKNOWN));
        assertThat(latin.family()).isEqualTo(variant.family()).isEqualTo(khmer.family());
        assertThat(latin.given()).isEqualTo(khmer.given());
        assertThat(Similarity.dice(latin.family(), other.family())).isLessThan(0.5);

        EncodedRecord otherKey = new BloomEncoder("another-secret-another-secret".getBytes(StandardCharsets.UTF_8))
                .encode(person("a", "Sok", "Dara", PartialDate.UNKNOWN));
        assertThat(Arrays.equals(latin.family(), otherKey.family())).isFalse();
        assertThat(Arrays.equals(latin.blockingKeys(), otherKey.blockingKeys())).isFalse();
    }

    private static byte[] bytes(EncodedRecord e) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        for (long[] f : new long[][] {e.given(), e.family(), e.fullName(), e.birth(), e.sex(), e.phone(), e.idNumber(),
            e.address(), e.locality(), e.postcode(), e.region(), e.country(), e.blockingKeys()}) {
            if (f != null) {
                for (long v : f) {
                    b.putLong(v);
                }
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
