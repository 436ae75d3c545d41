package org.haven.security.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.security.FieldEncryption;
import org.haven.security.FieldEncryption.DecryptionFailedException;
import org.haven.security.OrganisationType;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@HavenIntegrationTest
class FieldEncryptionIT {

    @Autowired
    FieldEncryption encryption;
    @Autowired
    DataKeys dataKeys;
    @Autowired
    MasterKey masterKey;
    @Autowired
    JdbcClient jdbc;

    UUID org;
    UUID otherOrg;

    @BeforeEach
    void organisations() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        org = fixtures.organisation(OrganisationType.SHELTER);
        otherOrg = fixtures.organisation(OrganisationType.SHELTER);
    }

    @Test
    void roundTripOfTextAndBytesAndNulls() {
        String plain = "Test Survivor Sokha Demo តេស្ត";
        byte[] sealed = encryption.encrypt(org, plain);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Sokha");
        assertThat(sealed.length).isEqualTo(plain.getBytes(StandardCharsets.UTF_8).length + 45);
        assertThat(encryption.decrypt(org, sealed)).isEqualTo(plain);
        assertThat(encryption.decryptBytes(org, encryption.encryptBytes(org, new byte[] {0, 1, 2}))).containsExactly(0, 1, 2);
        assertThat(encryption.encrypt(org, "same")).isNotEqualTo(encryption.encrypt(org, "same")); // random nonce
        assertThat(encryption.encrypt(org, null)).isNull();
        assertThat(encryption.decrypt(org, null)).isNull();
        assertThat(encryption.blindIndex("d", null)).isNull();
    }

    @Test
    void throughputIsMeasured() {
        String note = "Test note of a hundred characters, roughly the length of a phone number plus a short remark.";
        encryption.decrypt(org, encryption.encrypt(org, note)); // warm the key cache
        int n = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertThat(encryption.decrypt(org, encryption.encrypt(org, note))).hasSize(note.length());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("FieldEncryptionIT: %d encrypt+decrypt round trips of %d chars in %.2f s: %.0f/s%n", n,
                note.length(), seconds, n / seconds);
    }

    @Test
    void everyAlteredByteIsDetected() {
        byte[] sealed = encryption.encrypt(org, "Test note for tamper check");
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> encryption.decrypt(org, tampered)).as("byte %d flipped", at)
                    .isInstanceOf(DecryptionFailedException.class);
        }
        byte[] truncated = java.util.Arrays.copyOf(sealed, sealed.length - 1);
        assertThatThrownBy(() -> encryption.decrypt(org, truncated)).isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void anotherOrganisationCannotDecryptEvenWithItsOwnKeyIdSwappedIn() {
        byte[] sealed = encryption.encrypt(org, "Test note");
        assertThatThrownBy(() -> encryption.decrypt(otherOrg, sealed)).isInstanceOf(DecryptionFailedException.class);
        // Put the other organisation's key id into the header: authentication fails (the header is associated data).
        byte[] theirs = encryption.encrypt(otherOrg, "x");
        byte[] forged = sealed.clone();
        System.arraycopy(theirs, 1, forged, 1, 16);
        assertThatThrownBy(() -> encryption.decrypt(otherOrg, forged)).isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void rotationKeepsOldCiphertextsReadableAndUsesTheNewKeyForNewOnes() {
        byte[] before = encryption.encrypt(org, "Test before rotation");
        UUID oldKey = encryption.keyIdOf(before);
        UUID newKey = dataKeys.rotate(org);
        assertThat(newKey).isNotEqualTo(oldKey);
        byte[] after = encryption.encrypt(org, "Test after rotation");
        assertThat(encryption.keyIdOf(after)).isEqualTo(newKey);
        dataKeys.clearCache(); // read both keys back from the database
        assertThat(encryption.decrypt(org, before)).isEqualTo("Test before rotation");
        assertThat(encryption.decrypt(org, after)).isEqualTo("Test after rotation");
        byte[] migrated = encryption.reencrypt(org, before);
        assertThat(encryption.keyIdOf(migrated)).isEqualTo(newKey);
        assertThat(encryption.decrypt(org, migrated)).isEqualTo("Test before rotation");
        assertThat(encryption.reencrypt(org, migrated)).isSameAs(migrated);
        assertThat(jdbc.sql("select status from data_key where id = ?").param(oldKey).query(String.class).single())
                .isEqualTo("RETIRED");
    }

    @Test
    void masterKeyRotationRewrapsEveryDataKey() {
        byte[] sealed = encryption.encrypt(org, "Test before master rotation");
        String blind = encryption.blindIndex("test.phone", "012345678");
        byte[] original = masterKey.bytes();
        byte[] next = Aead.random(32);
        try {
            int rewrapped = dataKeys.rotateMasterKey(next);
            assertThat(rewrapped).isPositive();
            assertThat(masterKey.fingerprint()).isEqualTo(MasterKey.fingerprintOf(next));
            assertThat(jdbc.sql("select count(*) from data_key where master_key_fingerprint <> ?")
                    .param(masterKey.fingerprint()).query(Integer.class).single()).isZero();
            dataKeys.clearCache();
            assertThat(encryption.decrypt(org, sealed)).isEqualTo("Test before master rotation");
            assertThat(new FieldEncryption(dataKeys).blindIndex("test.phone", "012345678")).isEqualTo(blind);
        } finally {
            dataKeys.rotateMasterKey(original); // the JVM-wide test database is shared with other test classes
            dataKeys.clearCache();
        }
        assertThat(encryption.decrypt(org, sealed)).isEqualTo("Test before master rotation");
    }

    @Test
    void embeddedModeKeepsTheMasterKeyInAnOwnerOnlyFileInTheDataDirectory(
            @org.springframework.beans.factory.annotation.Value("${haven.data-dir}") String dataDir) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(dataDir).toAbsolutePath().resolve("master.key");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(java.nio.file.Files.readString(file).strip())).isEqualTo(masterKey.bytes());
    }

    @Test
    void wrongMasterKeyIsReportedClearly() {
        byte[] sealed = encryption.encrypt(org, "Test note");
        DataKeys withWrongMaster = new DataKeys(jdbc, new MasterKey(Aead.random(32)), null, null);
        assertThatThrownBy(() -> new FieldEncryption(withWrongMaster).decrypt(org, sealed))
                .isInstanceOf(MasterKeyUnavailableException.class).hasMessageContaining("master key");
    }

    @Test
    void blindIndexIsDeterministicPerDomainAndHidesTheValue() {
        String a = encryption.blindIndex("survivor.phone", "012345678");
        assertThat(a).hasSize(64).matches("[0-9a-f]+").isEqualTo(encryption.blindIndex("survivor.phone", "012345678"));
        assertThat(encryption.blindIndex("survivor.name", "012345678")).isNotEqualTo(a);
        assertThat(encryption.blindIndex("survivor.phone", "012345679")).isNotEqualTo(a);
        assertThat(a).doesNotContain(Base64.getEncoder().encodeToString("012345678".getBytes()));
    }
}
