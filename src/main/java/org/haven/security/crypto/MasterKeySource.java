package org.haven.security.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import org.haven.shared.database.EmbeddedDatabaseCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the master key comes from.
 * <ol>
 * <li>{@code haven.master-key} (environment {@code HAVEN_MASTER_KEY}): base64 of 32 bytes. Always wins.</li>
 * <li>Embedded database and no key given: {@code <haven.data-dir>/master.key}, generated on first start with mode
 * 0600 and reused afterwards. A key file that group or others may read is refused, like ssh does.</li>
 * <li>External database ({@code spring.datasource.url}) and no key: refuse to start, naming {@code HAVEN_MASTER_KEY}.
 * Generating a key next to a database we do not own would put key and data in the same backups, or lose the key.</li>
 * </ol>
 */
public final class MasterKeySource {

    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);
    public static final String PROPERTY = "haven.master-key";
    public static final String ENVIRONMENT_VARIABLE = "HAVEN_MASTER_KEY";
    public static final String FILE_NAME = "master.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private MasterKeySource() {
    }

    public static MasterKey load(Environment environment) {
        String given = environment.getProperty(PROPERTY);
        if (StringUtils.hasText(given)) {
            return new MasterKey(decode(given, ENVIRONMENT_VARIABLE + " (property " + PROPERTY + ")"));
        }
        if (!EmbeddedDatabaseCondition.isEmbedded(environment)) {
            throw new MasterKeyUnavailableException("HAVEN_MASTER_KEY is not set. With an external database "
                    + "(spring.datasource.url) Haven needs the master key in the environment variable HAVEN_MASTER_KEY "
                    + "(base64 of 32 random bytes, e.g. `openssl rand -base64 32`); it refuses to start without it.");
        }
        Path dataDir = Path.of(environment.getProperty("haven.data-dir", "./data")).toAbsolutePath();
        return new MasterKey(loadOrCreateFile(dataDir.resolve(FILE_NAME)));
    }

    /** Decodes a base64 master key; refuses anything that is not exactly 32 bytes. Never echoes the value. */
    public static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyUnavailableException(source + " is not valid base64. It must be base64 of exactly 32 "
                    + "random bytes (e.g. `openssl rand -base64 32`).");
        }
        if (key.length != MasterKey.LENGTH) {
            throw new MasterKeyUnavailableException(source + " must be base64 of exactly 32 bytes, but it decodes to "
                    + key.length + " bytes (generate one with `openssl rand -base64 32`).");
        }
        return key;
    }

    /** Reads the key file, or creates it (mode 0600, written and synced before it appears under its name). */
    public static byte[] loadOrCreateFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            checkPermissions(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            return decode(text, "The master key file " + file);
        } catch (IOException e) {
            throw new MasterKeyUnavailableException("Cannot read or create the master key file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(key);
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        // Created with owner-only permissions from the start: there is no moment when others could read it.
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(tmp);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((Base64.getEncoder().encodeToString(key) + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            // A hard link fails if the name exists: two processes starting at once cannot overwrite each other's key.
            Files.createLink(file, tmp);
            log.warn("Generated a new master key in {} (mode 0600). Back it up apart from the database: "
                    + "without it the encrypted fields cannot be read.", file);
        } catch (FileAlreadyExistsException raced) {
            // another process created it first; use theirs
        } catch (UnsupportedOperationException noLinks) {
            Files.move(tmp, file);
            return;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes a new random key to {@code master.key.new} beside {@code file} (mode 0600, synced), for master-key
     * rotation in embedded mode; {@link #promote} later moves it over the old one.
     *
     * @return the new key
     */
    public static byte[] writeNewKeyFile(Path file) throws IOException {
        Path next = file.resolveSibling(FILE_NAME + ".new");
        if (Files.exists(next)) {
            throw new MasterKeyUnavailableException(next + " exists: an earlier master-key rotation did not finish. "
                    + "Check which key the data keys use (keys rotate --master prints fingerprints) before removing it.");
        }
        byte[] key = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(key);
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.createFile(next, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(next);
        }
        try (FileChannel ch = FileChannel.open(next, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((Base64.getEncoder().encodeToString(key) + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        return key;
    }

    /** Replaces {@code file} by {@code master.key.new} atomically. */
    public static void promote(Path file) throws IOException {
        Files.move(file.resolveSibling(FILE_NAME + ".new"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes an unused {@code master.key.new} (the rotation failed before the database changed). */
    public static void discardNew(Path file) throws IOException {
        Files.deleteIfExists(file.resolveSibling(FILE_NAME + ".new"));
    }

    /** The key file used in embedded mode, or null when the key is given or the database is external. */
    public static Path keyFile(Environment environment) {
        if (StringUtils.hasText(environment.getProperty(PROPERTY)) || !EmbeddedDatabaseCondition.isEmbedded(environment)) {
            return null;
        }
        return Path.of(environment.getProperty("haven.data-dir", "./data")).toAbsolutePath().resolve(FILE_NAME);
    }

    private static void checkPermissions(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> others = EnumSet.copyOf(perms);
        others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!others.isEmpty()) {
            throw new MasterKeyUnavailableException("The master key file " + file + " is accessible to others (mode "
                    + PosixFilePermissions.toString(perms) + "); run `chmod 600 " + file + "` and start again.");
        }
    }
}
