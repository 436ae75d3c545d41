package org.haven.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.haven.security.crypto.Aead;
import org.haven.security.crypto.DataKeys;
import org.haven.security.crypto.DataKeys.DataKey;
import org.springframework.stereotype.Service;

/**
 * Encryption of identifying fields at rest: AES-256-GCM under per-organisation data keys, which are wrapped by the
 * installation's master key (envelope encryption, JDK crypto only).
 *
 * <h2>Sealed format (version 1)</h2>
 * {@code 0x01 ‖ key id (16 bytes, UUID) ‖ nonce (12) ‖ ciphertext ‖ tag (16)} — 45 bytes more than the plaintext.
 * The header (version and key id) and the organisation id are the GCM associated data, so changing any byte of the
 * header or ciphertext, or decrypting with another organisation's id, fails with {@link DecryptionFailedException}.
 * The key id lets keys rotate: old ciphertexts name their (retired) key and still decrypt.
 *
 * <h2>Contract</h2>
 * All methods are null-safe (null in, null out) and thread-safe. The first encryption for an organisation creates its
 * data key in a transaction of its own (committed at once, even if the caller's rolls back). Unwrapped keys are
 * cached in memory. Exceptions and logs never contain plaintext. Column type for sealed values: {@code bytea}.
 *
 * <h2>Blind indexes</h2>
 * {@link #blindIndex} gives an installation-wide keyed HMAC-SHA256 (hex) for equality search without plaintext. Its
 * per-domain keys derive from a random blind-index root key that is itself wrapped by the master key, so rotating the
 * master key does not change any stored index.
 */
@Service
public class FieldEncryption {

    /** Format version byte of sealed values. */
    public static final byte VERSION = 1;
    private static final int HEADER_LENGTH = 1 + 16;
    private static final byte[] FIELD_LABEL = "haven:field:v1".getBytes(StandardCharsets.US_ASCII);

    private final DataKeys keys;
    private final Map<String, SecretKeySpec> blindIndexKeys = new ConcurrentHashMap<>();

    public FieldEncryption(DataKeys keys) {
        this.keys = keys;
    }

    /** A sealed value could not be opened: altered, truncated, of another organisation, or of an unknown key. */
    public static class DecryptionFailedException extends RuntimeException {
        public DecryptionFailedException(String message) {
            super(message);
        }
    }

    /** Encrypts UTF-8 text for this organisation with its active data key. */
    public byte[] encrypt(UUID organisationId, String plaintext) {
        return plaintext == null ? null : encryptBytes(organisationId, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts a value sealed by {@link #encrypt} for the same organisation. */
    public String decrypt(UUID organisationId, byte[] sealed) {
        byte[] plain = decryptBytes(organisationId, sealed);
        return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
    }

    /** Encrypts bytes for this organisation with its active data key. */
    public byte[] encryptBytes(UUID organisationId, byte[] plaintext) {
        if (plaintext == null) {
            return null;
        }
        Objects.requireNonNull(organisationId, "organisationId");
        DataKey key = keys.active(organisationId);
        byte[] header = header(key.id());
        byte[] body = Aead.seal(key.key(), plaintext, associatedData(header, organisationId));
        return ByteBuffer.allocate(header.length + body.length).put(header).put(body).array();
    }

    /** Decrypts bytes sealed for this organisation; fails if anything was altered or the organisation differs. */
    public byte[] decryptBytes(UUID organisationId, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        Objects.requireNonNull(organisationId, "organisationId");
        if (sealed.length < HEADER_LENGTH + Aead.NONCE_LENGTH + Aead.TAG_BITS / 8) {
            throw new DecryptionFailedException("sealed value too short (" + sealed.length + " bytes)");
        }
        if (sealed[0] != VERSION) {
            throw new DecryptionFailedException("unknown sealed-value format version " + sealed[0]);
        }
        UUID keyId = keyId(sealed);
        DataKey key = keys.byId(keyId)
                .orElseThrow(() -> new DecryptionFailedException("unknown data key " + keyId));
        if (!DataKeys.DATA.equals(key.purpose()) || !organisationId.equals(key.organisationId())) {
            throw new DecryptionFailedException("data key " + keyId + " does not belong to organisation " + organisationId);
        }
        byte[] header = java.util.Arrays.copyOfRange(sealed, 0, HEADER_LENGTH);
        try {
            return Aead.open(key.key(), sealed, HEADER_LENGTH, associatedData(header, organisationId));
        } catch (AEADBadTagException e) {
            throw new DecryptionFailedException("sealed value fails authentication (altered, or not sealed for "
                    + "organisation " + organisationId + ")");
        }
    }

    /** The id of the data key that sealed this value (null for null): to find values due for re-encryption. */
    public UUID keyIdOf(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.length < HEADER_LENGTH || sealed[0] != VERSION) {
            throw new DecryptionFailedException("not a sealed value of format version " + VERSION);
        }
        return keyId(sealed);
    }

    /**
     * Re-encrypts a value under the organisation's active key, for callers migrating their rows after a rotation.
     * Returns the same array if it already uses the active key. Callers store the result in place of the old value.
     */
    public byte[] reencrypt(UUID organisationId, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        if (keyIdOf(sealed).equals(keys.active(organisationId).id())) {
            return sealed;
        }
        return encryptBytes(organisationId, decryptBytes(organisationId, sealed));
    }

    /**
     * Keyed HMAC-SHA256 (lower-case hex, 64 characters) of an already normalised value, with a key specific to the
     * {@code domain} (e.g. {@code "survivor.phone"}) so equal values in different domains do not match. The same
     * for the whole installation and stable across master-key rotation. Null value gives null.
     */
    public String blindIndex(String domain, String normalisedValue) {
        if (normalisedValue == null) {
            return null;
        }
        Objects.requireNonNull(domain, "domain");
        SecretKeySpec key = blindIndexKeys.computeIfAbsent(domain, this::deriveBlindIndexKey);
        return HexFormat.of().formatHex(hmac(key, normalisedValue.getBytes(StandardCharsets.UTF_8)));
    }

    private SecretKeySpec deriveBlindIndexKey(String domain) {
        SecretKeySpec root = new SecretKeySpec(keys.blindIndexRoot().key().getEncoded(), "HmacSHA256");
        byte[] derived = hmac(root, ("haven:blind-index:v1:" + domain).getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(derived, "HmacSHA256");
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static byte[] header(UUID keyId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(VERSION)
                .putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits()).array();
    }

    private static UUID keyId(byte[] sealed) {
        ByteBuffer b = ByteBuffer.wrap(sealed, 1, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** label ‖ header ‖ organisation id: binds the ciphertext to its header and its organisation. */
    private static byte[] associatedData(byte[] header, UUID organisationId) {
        return ByteBuffer.allocate(FIELD_LABEL.length + header.length + 16).put(FIELD_LABEL).put(header)
                .putLong(organisationId.getMostSignificantBits()).putLong(organisationId.getLeastSignificantBits())
                .array();
    }
}
