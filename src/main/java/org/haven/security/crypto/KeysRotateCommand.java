package org.haven.security.crypto;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * {@code keys rotate}: new data keys for organisations, or a new master key. Prints key ids and master-key
 * fingerprints only, never key material.
 * <ul>
 * <li>{@code --organisation <id>} / {@code --all-organisations}: retire the active data key and create a new one;
 * existing ciphertexts keep decrypting with the retired key until their owners re-encrypt them.</li>
 * <li>{@code --master}: re-wrap every data key with a new master key, in one transaction. The new key comes from
 * {@code HAVEN_NEW_MASTER_KEY}; in embedded mode with a key file and no {@code HAVEN_NEW_MASTER_KEY}, a new key is
 * generated into {@code master.key.new} and moved over {@code master.key} once the database commit succeeded.
 * Stop the web application first: a running instance keeps the old key and would wrap new data keys with it.</li>
 * </ul>
 */
@Component
class KeysRotateCommand implements HavenCommand {

    static final String NEW_KEY_PROPERTY = "haven.new-master-key";
    private static final String USAGE = "Usage: keys rotate --organisation <uuid> | --all-organisations | --master";

    private final DataKeys keys;
    private final MasterKey master;
    private final Environment environment;

    KeysRotateCommand(DataKeys keys, MasterKey master, Environment environment) {
        this.keys = keys;
        this.master = master;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "keys rotate";
    }

    @Override
    public String summary() {
        return "new data key for an organisation (--organisation <id>, --all-organisations) or new master key (--master)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() == 2 && args.get(0).equals("--organisation")) {
            UUID org;
            try {
                org = UUID.fromString(args.get(1));
            } catch (IllegalArgumentException e) {
                throw new CommandLineUsageException("Not an organisation id: " + args.get(1));
            }
            out.println("Organisation " + org + ": new active data key " + keys.rotate(org));
            return 0;
        }
        if (args.equals(List.of("--all-organisations"))) {
            List<UUID> orgs = keys.organisationsWithKeys();
            for (UUID org : orgs) {
                out.println("Organisation " + org + ": new active data key " + keys.rotate(org));
            }
            out.println(orgs.size() + " organisations rotated");
            return 0;
        }
        if (args.equals(List.of("--master"))) {
            return rotateMaster(out, err);
        }
        throw new CommandLineUsageException(USAGE);
    }

    private int rotateMaster(PrintStream out, PrintStream err) {
        String oldFingerprint = master.fingerprint();
        String given = environment.getProperty(NEW_KEY_PROPERTY);
        if (StringUtils.hasText(given)) {
            byte[] key = MasterKeySource.decode(given, "HAVEN_NEW_MASTER_KEY");
            int n = keys.rotateMasterKey(key);
            out.println("Re-wrapped " + n + " data keys: master key " + oldFingerprint + " -> " + master.fingerprint());
            out.println("Now set HAVEN_MASTER_KEY to the value of HAVEN_NEW_MASTER_KEY, back it up, and restart Haven.");
            return 0;
        }
        Path file = MasterKeySource.keyFile(environment);
        if (file == null) {
            err.println("Set HAVEN_NEW_MASTER_KEY to the new master key (base64 of 32 bytes, e.g. "
                    + "`openssl rand -base64 32`); the current one stays in HAVEN_MASTER_KEY until this finishes.");
            return 2;
        }
        try {
            byte[] key = MasterKeySource.writeNewKeyFile(file);
            int n;
            try {
                n = keys.rotateMasterKey(key);
            } catch (RuntimeException e) {
                MasterKeySource.discardNew(file);
                throw e;
            }
            MasterKeySource.promote(file);
            out.println("Re-wrapped " + n + " data keys: master key " + oldFingerprint + " -> " + master.fingerprint()
                    + "; new key in " + file + ". Back it up now, and restart Haven.");
            return 0;
        } catch (IOException e) {
            err.println("Master key file problem: " + e.getMessage() + " (the database was "
                    + (master.fingerprint().equals(oldFingerprint) ? "not changed)" : "re-wrapped: the new key is in "
                    + file.resolveSibling(MasterKeySource.FILE_NAME + ".new") + ")"));
            return 1;
        }
    }
}
