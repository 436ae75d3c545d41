package org.haven.security.internal;

import java.security.SecureRandom;
import java.util.UUID;

import org.haven.security.FieldEncryption;
import org.springframework.stereotype.Component;

/**
 * New TOTP secrets from {@link SecureRandom}, and their sealing for storage: AES-256-GCM under the user's
 * organisation's data key, itself wrapped by the master key ({@link FieldEncryption}), so a database dump alone does
 * not reveal anyone's second factor.
 */
@Component
public class TotpSecrets {

    private final SecureRandom random = new SecureRandom();
    private final FieldEncryption encryption;

    TotpSecrets(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    public byte[] generate() {
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    public byte[] seal(UUID organisationId, byte[] secret) {
        return encryption.encryptBytes(organisationId, secret);
    }

    public byte[] open(UUID organisationId, byte[] sealed) {
        return encryption.decryptBytes(organisationId, sealed);
    }
}
