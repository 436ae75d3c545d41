package org.haven.security.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeySourceTests {

    @TempDir
    Path dir;

    @Test
    void embeddedModeGeneratesAnOwnerOnlyKeyFileAndReusesIt() throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("haven.data-dir", dir.toString());
        MasterKey first = MasterKeySource.load(env);
        Path file = dir.resolve("master.key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        MasterKey second = MasterKeySource.load(env);
        assertThat(second).isEqualTo(first);
        assertThat(dir.toFile().list()).containsExactly("master.key"); // no temporary file left behind
    }

    @Test
    void keyFileReadableByOthersIsRefused() throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("haven.data-dir", dir.toString());
        MasterKeySource.load(env);
        Files.setPosixFilePermissions(dir.resolve("master.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKeySource.load(env)).isInstanceOf(MasterKeyUnavailableException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void externalDatabaseWithoutKeyIsRefusedNamingTheVariable() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/haven");
        assertThatThrownBy(() -> MasterKeySource.load(env)).isInstanceOf(MasterKeyUnavailableException.class)
                .hasMessageContaining("HAVEN_MASTER_KEY");
    }

    @Test
    void givenKeyWinsAndNoFileIsWritten() {
        byte[] key = new byte[32];
        key[0] = 7;
        MockEnvironment env = new MockEnvironment().withProperty("haven.data-dir", dir.toString())
                .withProperty("haven.master-key", Base64.getEncoder().encodeToString(key));
        assertThat(MasterKeySource.load(env).bytes()).isEqualTo(key);
        assertThat(dir.resolve("master.key")).doesNotExist();
    }

    @Test
    void theEnvironmentVariableHavenMasterKeyIsRead() {
        byte[] key = new byte[32];
        key[31] = 9;
        org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource("test-env",
                java.util.Map.of("HAVEN_MASTER_KEY", Base64.getEncoder().encodeToString(key),
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://db/haven")));
        assertThat(MasterKeySource.load(env).bytes()).isEqualTo(key);
    }

    @Test
    void malformedKeysAreRefusedWithoutEchoingThem() {
        MockEnvironment notBase64 = new MockEnvironment().withProperty("haven.master-key", "secret!!not-base64");
        assertThatThrownBy(() -> MasterKeySource.load(notBase64)).isInstanceOf(MasterKeyUnavailableException.class)
                .hasMessageContaining("HAVEN_MASTER_KEY").hasMessageContaining("base64")
                .hasMessageNotContaining("secret!!");
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        MockEnvironment tooShort = new MockEnvironment().withProperty("haven.master-key", sixteen);
        assertThatThrownBy(() -> MasterKeySource.load(tooShort)).isInstanceOf(MasterKeyUnavailableException.class)
                .hasMessageContaining("32 bytes").hasMessageContaining("16 bytes");
    }
}
