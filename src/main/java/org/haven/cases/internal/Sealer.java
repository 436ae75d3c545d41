package org.haven.cases.internal;

import java.util.UUID;

import org.haven.security.FieldEncryption;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals and opens the cases module's sensitive fields with the owning organisation's key (through
 * {@link FieldEncryption}), and turns names into blind-index hashes. The one place that touches keys, so the rule
 * "identity, contact, exact location and free text are ciphertext in the database" is easy to audit.
 */
@Component
public class Sealer {

    /** Blind-index domain of survivor names (keys from {@link NameKeys}). */
    static final String NAME_DOMAIN = "cases.survivor.name";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FieldEncryption encryption;

    Sealer(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    public byte[] seal(UUID organisationId, String text) {
        return text == null || text.isBlank() ? null : encryption.encrypt(organisationId, text);
    }

    public String open(UUID organisationId, byte[] sealed) {
        return sealed == null ? null : encryption.decrypt(organisationId, sealed);
    }

    public byte[] sealJson(UUID organisationId, Object value) {
        return encryption.encrypt(organisationId, JSON.writeValueAsString(value));
    }

    public <T> T openJson(UUID organisationId, byte[] sealed, Class<T> type) {
        return sealed == null ? null : JSON.readValue(encryption.decrypt(organisationId, sealed), type);
    }

    public byte[] sealBytes(UUID organisationId, byte[] content) {
        return encryption.encryptBytes(organisationId, content);
    }

    public byte[] openBytes(UUID organisationId, byte[] sealed) {
        return encryption.decryptBytes(organisationId, sealed);
    }

    public String nameIndex(String nameKey) {
        return encryption.blindIndex(NAME_DOMAIN, nameKey);
    }
}
