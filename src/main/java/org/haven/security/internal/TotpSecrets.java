package org.haven.security.internal;

import java.security.SecureRandom;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** New TOTP secrets from {@link SecureRandom}, and their sealing for storage. */
@Component
public class TotpSecrets {

    private final SecureRandom random = new SecureRandom();

    public byte[] generate() {
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    public byte[] seal(UUID organisationId, byte[] secret) {
        throw new UnsupportedOperationException("pending FieldEncryption");
    }

    public byte[] open(UUID organisationId, byte[] sealed) {
        throw new UnsupportedOperationException("pending FieldEncryption");
    }
}
