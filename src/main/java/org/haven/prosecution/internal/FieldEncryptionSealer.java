package org.haven.prosecution.internal;

import java.util.UUID;

import org.haven.security.FieldEncryption;
import org.springframework.stereotype.Component;

/** Suspects' identities sealed with the security module's envelope encryption (per-organisation data keys). */
@Component
class FieldEncryptionSealer implements IdentitySealer {

    private final FieldEncryption encryption;

    FieldEncryptionSealer(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    @Override
    public byte[] seal(UUID organisationId, String plaintext) {
        return encryption.encrypt(organisationId, plaintext);
    }

    @Override
    public String open(UUID organisationId, byte[] sealed) {
        return encryption.decrypt(organisationId, sealed);
    }

    @Override
    public String blindIndex(String domain, String normalisedValue) {
        return encryption.blindIndex(domain, normalisedValue);
    }
}
