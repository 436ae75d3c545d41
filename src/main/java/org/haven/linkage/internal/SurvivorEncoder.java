package org.haven.linkage.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.haven.cases.CaseCommands.IdentityDocument;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.SurvivorIdentities.Identified;
import org.haven.linkage.engine.Attribute;
import org.haven.linkage.engine.InputRecord;
import org.haven.linkage.engine.PartialDate;
import org.haven.linkage.engine.PreparedRecord;
import org.haven.linkage.engine.PreparedRecord.NamePart;
import org.haven.linkage.engine.RecordPreparer;
import org.haven.linkage.names.NameNormaliser;
import org.haven.linkage.privacy.BloomEncoder;
import org.haven.linkage.privacy.EncodedRecord;

/**
 * Turns a survivor's identity into its {@link SurvivorEncoding} with the same normaliser and CLK encoder as the
 * batch engine's privacy mode. The plaintext lives only in this call's stack. Latin names are preferred; a survivor
 * registered only in Khmer script is encoded from the Khmer names (the normaliser transliterates them to the same
 * matching keys). Thread-safe.
 */
public final class SurvivorEncoder {

    private final BloomEncoder bloom;
    private final RecordPreparer preparer = new RecordPreparer(NameNormaliser.standard(), false);
    private final ThreadLocal<Mac> mac;

    public SurvivorEncoder(byte[] key) {
        this.bloom = new BloomEncoder(key);
        byte[] k = key.clone();
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(k, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Keyed 64-bit hash of a normalised name key (domain-separated from the Bloom filters and blocking keys). */
    long nameKeyHash(String nameKey) {
        byte[] d = mac.get().doFinal(("namekey|" + nameKey).getBytes(StandardCharsets.UTF_8));
        long h = ByteBuffer.wrap(d).getLong();
        return h == 0 ? 1 : h; // 0 is the count of encoded survivors in linkage_key_count
    }

    private Long nameKey(NamePart p) {
        return p == null || p.key().isEmpty() ? null : nameKeyHash(p.key());
    }

    public SurvivorEncoding encode(Identified s) {
        SurvivorIdentity id = s.identity();
        String[] values = new String[Attribute.values().length];
        boolean latin = notBlank(id.givenName()) || notBlank(id.familyName());
        values[Attribute.GIVEN_NAME.ordinal()] = latin ? trim(id.givenName()) : trim(id.givenNameKhmer());
        values[Attribute.FAMILY_NAME.ordinal()] = latin ? trim(id.familyName()) : trim(id.familyNameKhmer());
        if (values[Attribute.GIVEN_NAME.ordinal()] == null && values[Attribute.FAMILY_NAME.ordinal()] == null
                && !id.otherNames().isEmpty()) {
            values[Attribute.FULL_NAME.ordinal()] = trim(id.otherNames().get(0));
        }
        values[Attribute.SEX.ordinal()] = trim(s.sex());
        values[Attribute.PHONE.ordinal()] = trim(id.phone());
        values[Attribute.ID_NUMBER.ordinal()] = firstDocument(id.documents());
        PartialDate birth;
        if (id.dateOfBirth() != null) {
            birth = new PartialDate(id.dateOfBirth().getYear(), id.dateOfBirth().getMonthValue(),
                    id.dateOfBirth().getDayOfMonth(), false);
        } else if (s.birthYear() != null) {
            birth = new PartialDate(s.birthYear(), 0, 0, s.birthYearEstimated());
        } else {
            birth = PartialDate.UNKNOWN;
        }
        PreparedRecord prepared = preparer.prepare(new InputRecord(s.survivorId().toString(), 0, values, birth));
        EncodedRecord e = bloom.encode(prepared);
        Integer band = birth.known() ? birth.year() - Math.floorMod(birth.year(), 5) : null;
        return new SurvivorEncoding(e.given(), e.family(), e.birth(), e.sex(), e.phone(), e.idNumber(),
                e.blockingKeys(), band, prepared.sex(), nameKey(prepared.given()), nameKey(prepared.family()));
    }

    private static String firstDocument(List<IdentityDocument> documents) {
        for (IdentityDocument d : documents) {
            if (d != null && notBlank(d.number())) {
                return d.number().strip();
            }
        }
        return null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String trim(String s) {
        return notBlank(s) ? s.strip() : null;
    }
}
