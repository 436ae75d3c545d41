package org.haven.linkage.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.haven.linkage.engine.PartialDate;
import org.haven.linkage.engine.PlainSpace;
import org.haven.linkage.engine.PreparedRecord;
import org.haven.linkage.engine.PreparedRecord.NamePart;
import org.haven.shared.command.CommandLineUsageException;

/**
 * CLK-style keyed Bloom-filter encoding (Schnell et al.): each q-gram of a normalised field value is hashed with
 * HMAC-SHA256 under a secret key shared by the participating organisations, and double hashing sets k of 1000 bits
 * in the field's filter. Names are encoded from their romanisation-folded keys (Khmer script transliterated first),
 * so spelling variants give identical filters. Blocking keys are HMAC'd as well. Without the key the filters cannot
 * be recomputed from guessed names (no dictionary attack by a party that lacks the key).
 */
public final class BloomEncoder {

    public static final int BITS = 1000;
    private static final int WORDS = (BITS + 63) / 64;

    private final byte[] key;
    private final ThreadLocal<Mac> mac;
    private final Map<String, long[]> cache = new ConcurrentHashMap<>();

    public BloomEncoder(byte[] key) {
        this.key = key.clone();
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(this.key, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The shared secret from a file (its bytes), or a random key for a single-process run. */
    public static byte[] readKey(Path file) {
        if (file == null) {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            return k;
        }
        try {
            byte[] k = Files.readAllBytes(file);
            if (k.length < 16) {
                throw new CommandLineUsageException("Key file " + file + " is too short (at least 16 bytes)");
            }
            return k;
        } catch (IOException e) {
            throw new CommandLineUsageException("Cannot read key file " + file + ": " + e.getMessage());
        }
    }

    public EncodedRecord encode(PreparedRecord r) {
        List<Long> keys = new ArrayList<>();
        PlainSpace.blockingKeyStrings(r, s -> keys.add(hmac64("block|" + s)));
        long[] blocking = new long[keys.size()];
        for (int i = 0; i < blocking.length; i++) {
            blocking[i] = keys.get(i);
        }
        long[] full = null;
        if (r.fullTokens() != null) {
            full = new long[WORDS];
            for (NamePart t : r.fullTokens()) {
                addGrams(full, "n", t.key(), 20);
            }
        }
        return new EncodedRecord(r.id(), r.source(), name(r.given()), name(r.family()), full, birth(r.birth()),
                value("s", r.sex(), 10, false), value("p", r.phone(), 15, true), value("i", r.idNumber(), 15, true),
                value("a", r.address() == null ? null : r.address().replace(" ", ""), 10, true),
                value("l", r.locality(), 15, true), value("c", r.postcode(), 15, true), value("r", r.region(), 15, true),
                value("k", r.country(), 15, true), blocking);
    }

    private long[] name(NamePart p) {
        if (p == null || p.key().isEmpty()) {
            return null;
        }
        long[] f = new long[WORDS];
        addGrams(f, "n", p.key(), 20);
        return f;
    }

    private long[] birth(PartialDate d) {
        if (!d.known()) {
            return null;
        }
        long[] f = new long[WORDS];
        addToken(f, "Y" + d.year(), 20);
        if (d.estimated()) {
            addToken(f, "Y" + (d.year() - 1), 10);
            addToken(f, "Y" + (d.year() + 1), 10);
        }
        if (d.month() > 0 && !d.estimated()) {
            addToken(f, "M" + d.month(), 20);
        }
        if (d.day() > 0 && !d.estimated()) {
            addToken(f, "D" + d.day(), 20);
            int lo = Math.min(d.month(), d.day());
            int hi = Math.max(d.month(), d.day());
            addToken(f, "MD" + lo + "/" + hi, 20);
        }
        return f;
    }

    private long[] value(String tag, String v, int k, boolean grams) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        long[] f = new long[WORDS];
        if (grams) {
            addGrams(f, tag, v, k);
        } else {
            addToken(f, tag + v, k);
        }
        return f;
    }

    private void addGrams(long[] filter, String tag, String value, int k) {
        String p = "_" + value + "_";
        for (int i = 0; i + 1 < p.length(); i++) {
            addToken(filter, tag + p.substring(i, i + 2), k);
        }
    }

    private void addToken(long[] filter, String token, int k) {
        long[] h = cache.computeIfAbsent(token, this::hmac128);
        long h1 = h[0];
        long h2 = h[1] | 1;
        for (int i = 0; i < k; i++) {
            int bit = (int) Long.remainderUnsigned(h1 + i * h2, BITS);
            filter[bit >>> 6] |= 1L << (bit & 63);
        }
    }

    private long[] hmac128(String token) {
        byte[] d = mac.get().doFinal(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.wrap(d);
        return new long[] {b.getLong(), b.getLong()};
    }

    private long hmac64(String token) {
        byte[] d = mac.get().doFinal(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ByteBuffer.wrap(d).getLong();
    }
}
