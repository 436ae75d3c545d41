package org.haven.prosecution.internal;

import java.util.UUID;

import org.haven.shared.web.Conflict;
import org.springframework.stereotype.Component;

/**
 * Stands in until the security module's {@code FieldEncryption} is on main: refuses to seal or open anything, so no
 * suspect identity is ever stored in plaintext. Replaced by an adapter over {@code FieldEncryption} (TODO(#5)).
 */
@Component
class UnavailableIdentitySealer implements IdentitySealer {

    @Override
    public byte[] seal(UUID organisationId, String plaintext) {
        throw new Conflict("suspect.encryption.unavailable", "Field encryption is not available yet; suspects cannot be recorded.");
    }

    @Override
    public String open(UUID organisationId, byte[] sealed) {
        throw new Conflict("suspect.encryption.unavailable", "Field encryption is not available yet.");
    }

    @Override
    public String blindIndex(String domain, String normalisedValue) {
        throw new Conflict("suspect.encryption.unavailable", "Field encryption is not available yet.");
    }
}
