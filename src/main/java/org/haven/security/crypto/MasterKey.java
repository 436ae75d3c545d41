package org.haven.security.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's master key (32 bytes). It wraps the data keys and never leaves memory: not logged, not in the
 * database, {@link #toString()} shows only the fingerprint. Replaced in place by master-key rotation.
 */
public final class MasterKey {

    public static final int LENGTH = 32;

    private volatile byte[] key;
    private volatile String fingerprint;

    public MasterKey(byte[] key) {
        replace(key);
    }

    public byte[] bytes() {
        return key.clone();
    }

    public SecretKeySpec aesKey() {
        return new SecretKeySpec(key, "AES");
    }

    /** First 8 bytes of HMAC-SHA256(key, label), hex: identifies the key without revealing it. */
    public String fingerprint() {
        return fingerprint;
    }

    public static String fingerprintOf(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal("haven:master-key-fingerprint:v1".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void replace(byte[] newKey) {
        if (newKey == null || newKey.length != LENGTH) {
            throw new IllegalArgumentException("a master key has exactly 32 bytes");
        }
        this.key = newKey.clone();
        this.fingerprint = fingerprintOf(newKey);
    }

    @Override
    public String toString() {
        return "MasterKey[" + fingerprint + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }
}
