package org.haven.security.crypto;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.security.FieldEncryption;
import org.haven.security.OrganisationType;
import org.haven.security.SecurityFixtures;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@HavenIntegrationTest
class KeysRotateCommandIT {

    @Autowired
    List<HavenCommand> commands;
    @Autowired
    FieldEncryption encryption;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MasterKey masterKey;
    @Autowired
    DataKeys dataKeys;
    @org.springframework.beans.factory.annotation.Value("${haven.data-dir}")
    String dataDir;

    @Test
    void rotatesTheMasterKeyFileInEmbeddedMode() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(dataDir).toAbsolutePath().resolve("master.key");
        String originalFile = java.nio.file.Files.readString(file);
        byte[] original = masterKey.bytes();
        UUID org = new SecurityFixtures(jdbc).organisation(OrganisationType.SHELTER);
        byte[] sealed = encryption.encrypt(org, "Test note before master rotation");
        HavenCommand command = commands.stream().filter(c -> c.name().equals("keys rotate")).findFirst().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int status = command.run(List.of("--master"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(status).isZero();
            byte[] inFile = java.util.Base64.getDecoder().decode(java.nio.file.Files.readString(file).strip());
            assertThat(inFile).isNotEqualTo(original).isEqualTo(masterKey.bytes());
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(file.resolveSibling("master.key.new")).doesNotExist();
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains(MasterKey.fingerprintOf(original)).contains(masterKey.fingerprint())
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(inFile));
            assertThat(jdbc.sql("select details->>'to' from audit_event where action = 'key.master-rotate' "
                    + "order by id desc limit 1").query(String.class).single()).isEqualTo(masterKey.fingerprint());
            dataKeys.clearCache();
            assertThat(encryption.decrypt(org, sealed)).isEqualTo("Test note before master rotation");
            assertThat(MasterKeySource.loadOrCreateFile(file)).isEqualTo(masterKey.bytes()); // what a restart reads
        } finally {
            // The JVM-wide test database and key file are shared with other test contexts: put the old key back.
            dataKeys.rotateMasterKey(original);
            java.nio.file.Files.writeString(file, originalFile);
            dataKeys.clearCache();
        }
    }

    @Test
    void rotatesAnOrganisationsDataKey() {
        UUID org = new SecurityFixtures(jdbc).organisation(OrganisationType.SHELTER);
        byte[] before = encryption.encrypt(org, "Test note before");
        HavenCommand command = commands.stream().filter(c -> c.name().equals("keys rotate")).findFirst().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = command.run(List.of("--organisation", org.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(status).isZero();
        UUID newKey = jdbc.sql("select id from data_key where organisation_id = ? and status = 'ACTIVE'").param(org)
                .query(UUID.class).single();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(newKey.toString());
        assertThat(jdbc.sql("select actor_username from audit_event where action = 'key.rotate' and subject_ids = array[?]::text[]")
                .param(newKey.toString()).query(String.class).single()).isEqualTo("system");
        assertThat(encryption.keyIdOf(encryption.encrypt(org, "Test note after"))).isEqualTo(newKey);
        assertThat(encryption.decrypt(org, before)).isEqualTo("Test note before");
        assertThatThrownBy(() -> command.run(List.of("--bogus"), System.out, System.err))
                .isInstanceOf(CommandLineUsageException.class);
    }
}
