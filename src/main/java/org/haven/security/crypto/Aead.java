package org.haven.security.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce and a 128-bit tag, JDK provider. Output: nonce ‖ ciphertext ‖ tag.
 * Random nonces are safe for about 2^32 encryptions per key; data keys rotate long before that.
 * {@link Cipher} objects are not thread-safe, so each thread keeps its own and initialises it with a fresh nonce on
 * every call: a new {@code Cipher} per call cost a provider lookup and an AES key expansion each time (about 5 % of
 * the application's CPU on a search page that opens 20 identities), while the JDK's AES keeps the expanded key of
 * the last key it was given.
 */
public final class Aead {

    public static final int NONCE_LENGTH = 12;
    public static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private Aead() {
    }

    public static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData);
            byte[] ct = c.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_LENGTH + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Opens nonce ‖ ciphertext ‖ tag at {@code offset}; throws {@link AEADBadTagException} if anything was altered. */
    public static byte[] open(SecretKey key, byte[] sealed, int offset, byte[] associatedData) throws AEADBadTagException {
        if (sealed.length - offset < NONCE_LENGTH + TAG_BITS / 8) {
            throw new AEADBadTagException("too short");
        }
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE_LENGTH));
            c.updateAAD(associatedData);
            return c.doFinal(sealed, offset + NONCE_LENGTH, sealed.length - offset - NONCE_LENGTH);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    public static byte[] random(int length) {
        byte[] b = new byte[length];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] uuidBytes(UUID id) {
        ByteBuffer b = ByteBuffer.allocate(16);
        if (id != null) {
            b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }
        return b.array();
    }
}
