package org.haven.prosecution.internal;

import java.util.UUID;

/**
 * Sealing of suspects' identities and identifiers with the recording organisation's key, and keyed blind indexes
 * for equality search. Backed by the security module's {@code FieldEncryption} (same method contracts).
 */
public interface IdentitySealer {

    byte[] seal(UUID organisationId, String plaintext);

    String open(UUID organisationId, byte[] sealed);

    /** Keyed, installation-wide blind index of a normalised value in a domain (e.g. {@code suspect.phone}). */
    String blindIndex(String domain, String normalisedValue);
}
