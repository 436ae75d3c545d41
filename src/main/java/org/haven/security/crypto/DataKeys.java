package org.haven.security.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.audit.AuditOutcome;
import org.haven.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data keys: created on first use, wrapped by the {@link MasterKey}, unwrapped once and cached in memory.
 *
 * <p>Key creation and rotation commit in their own transaction: a ciphertext must never name a key id that a
 * rolled-back caller transaction took away. The "active key of an organisation" is cached for a minute so another
 * process's rotation (the {@code keys rotate} command) is picked up without a restart; unwrapped keys are cached
 * for the life of the process (a key's bytes never change; only its wrapping does). Logs name key ids only.
 */
@Component
public class DataKeys {

    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);
    private static final Duration ACTIVE_TTL = Duration.ofMinutes(1);
    public static final String DATA = "DATA";
    public static final String BLIND_INDEX = "BLIND_INDEX";

    /** An unwrapped data key and whom it belongs to. */
    public record DataKey(UUID id, UUID organisationId, String purpose, SecretKey key) {
    }

    private record Active(UUID keyId, Instant until) {
    }

    private final JdbcClient jdbc;
    private final MasterKey master;
    private final TransactionTemplate newTransaction;
    private final AuditLog auditLog;
    private final Map<UUID, DataKey> byId = new ConcurrentHashMap<>();
    private final Map<UUID, Active> activeByOrganisation = new ConcurrentHashMap<>();

    public DataKeys(JdbcClient jdbc, MasterKey master, PlatformTransactionManager transactions, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.master = master;
        this.auditLog = auditLog;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The organisation's active data key, created on first use. */
    public DataKey active(UUID organisationId) {
        Active cached = activeByOrganisation.get(organisationId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return byId(cached.keyId()).orElseThrow();
        }
        Optional<UUID> found = findActiveId(organisationId);
        DataKey key = found.isPresent() ? byId(found.get()).orElseThrow() : newTransaction.execute(s -> {
            // Committed at once and loaded in the same new transaction: the caller's snapshot may not see it yet.
            jdbc.sql("insert into data_key (id, organisation_id, purpose, wrapped_key, master_key_fingerprint, status) "
                            + "values (?, ?, 'DATA', ?, ?, 'ACTIVE') on conflict do nothing")
                    .params(prepareNew(organisationId, DATA)).update();
            return byId(findActiveId(organisationId).orElseThrow()).orElseThrow();
        });
        activeByOrganisation.put(organisationId, new Active(key.id(), Instant.now().plus(ACTIVE_TTL)));
        return key;
    }

    /** The installation-wide blind-index root key, created on first use. */
    public DataKey blindIndexRoot() {
        Optional<UUID> id = findBlindIndexRootId();
        if (id.isPresent()) {
            return byId(id.get()).orElseThrow();
        }
        return newTransaction.execute(s -> {
            jdbc.sql("insert into data_key (id, organisation_id, purpose, wrapped_key, master_key_fingerprint, "
                            + "status) values (?, ?, 'BLIND_INDEX', ?, ?, 'ACTIVE') on conflict do nothing")
                    .params(prepareNew(null, BLIND_INDEX)).update();
            return byId(findBlindIndexRootId().orElseThrow()).orElseThrow();
        });
    }

    /** A data key by id, unwrapped; empty if there is no such key. */
    public Optional<DataKey> byId(UUID keyId) {
        DataKey cached = byId.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<DataKey> loaded = jdbc.sql("select organisation_id, purpose, wrapped_key, master_key_fingerprint "
                        + "from data_key where id = ?").param(keyId)
                .query((rs, n) -> unwrap(keyId, rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3),
                        rs.getString(4), master.aesKey(), master.fingerprint()))
                .optional();
        loaded.ifPresent(k -> byId.put(keyId, k));
        return loaded;
    }

    /**
     * Retires the organisation's active key and makes a new one active (committed at once, audited as
     * {@code key.rotate}). Old ciphertexts still decrypt; new ones use the new key. Not to be called inside a
     * transaction that has already written an audit event (the new transaction would wait for its chain lock; a
     * 5-second lock timeout turns that into an exception).
     *
     * @return the new key's id
     */
    public UUID rotate(UUID organisationId) {
        UUID id = newTransaction.execute(s -> {
            jdbc.sql("update data_key set status = 'RETIRED', retired_at = now() "
                    + "where organisation_id = ? and purpose = 'DATA' and status = 'ACTIVE'").param(organisationId).update();
            Object[] row = prepareNew(organisationId, DATA);
            jdbc.sql("insert into data_key (id, organisation_id, purpose, wrapped_key, master_key_fingerprint, status) "
                    + "values (?, ?, 'DATA', ?, ?, 'ACTIVE')").params(row).update();
            byId((UUID) row[0]).orElseThrow();
            audit(AuditEntry.change("data-key", "key.rotate", row[0]).withDetail("organisationId", organisationId));
            return (UUID) row[0];
        });
        activeByOrganisation.put(organisationId, new Active(id, Instant.now().plus(ACTIVE_TTL)));
        log.info("Rotated the data key of organisation {}: new key {}", organisationId, id);
        return id;
    }

    /** Organisations that have data keys. */
    public List<UUID> organisationsWithKeys() {
        return jdbc.sql("select distinct organisation_id from data_key where purpose = 'DATA'").query(UUID.class).list();
    }

    /**
     * Re-wraps every data key with {@code newMasterKey} in one transaction (audited as {@code key.master-rotate},
     * with both fingerprints), then switches this process to it. Keys already wrapped by the new key are skipped, so
     * an interrupted rotation can be run again. Same transaction caveat as {@link #rotate}.
     *
     * @return how many keys were re-wrapped
     */
    public int rotateMasterKey(byte[] newMasterKey) {
        String newFingerprint = MasterKey.fingerprintOf(newMasterKey);
        SecretKeySpec newKey = new SecretKeySpec(newMasterKey, "AES");
        int count = newTransaction.execute(s -> {
            record Row(UUID id, UUID org, String purpose, byte[] wrapped, String fingerprint) {
            }
            List<Row> rows = jdbc.sql("select id, organisation_id, purpose, wrapped_key, master_key_fingerprint "
                            + "from data_key order by created_at for update")
                    .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getBytes(4), rs.getString(5))).list();
            int n = 0;
            for (Row r : rows) {
                if (r.fingerprint().equals(newFingerprint)) {
                    continue;
                }
                DataKey k = unwrap(r.id(), r.org(), r.purpose(), r.wrapped(), r.fingerprint(), master.aesKey(),
                        master.fingerprint());
                byte[] rewrapped = Aead.seal(newKey, k.key().getEncoded(), wrapAad(r.id(), r.org(), r.purpose()));
                jdbc.sql("update data_key set wrapped_key = ?, master_key_fingerprint = ? where id = ?")
                        .params(rewrapped, newFingerprint, r.id()).update();
                n++;
            }
            audit(AuditEntry.security("key.master-rotate", AuditOutcome.SUCCESS)
                    .withDetail("from", master.fingerprint()).withDetail("to", newFingerprint)
                    .withDetail("rewrapped", n));
            return n;
        });
        master.replace(newMasterKey);
        log.info("Master key rotated: {} data keys re-wrapped; new master key fingerprint {}", count, newFingerprint);
        return count;
    }

    /** In the current (new) transaction: as the signed-in user, or as {@code system} on the command line. */
    private void audit(AuditEntry entry) {
        jdbc.sql("set local lock_timeout = '5s'").update();
        if (CurrentUser.find().isPresent()) {
            auditLog.record(entry);
        } else {
            auditLog.record(entry, "system");
        }
    }

    /** Forgets cached keys (tests; after a rotation done by another process). */
    public void clearCache() {
        byId.clear();
        activeByOrganisation.clear();
    }

    private Optional<UUID> findActiveId(UUID organisationId) {
        return jdbc.sql("select id from data_key where organisation_id = ? and purpose = 'DATA' and status = 'ACTIVE'")
                .param(organisationId).query(UUID.class).optional();
    }

    private Optional<UUID> findBlindIndexRootId() {
        return jdbc.sql("select id from data_key where purpose = 'BLIND_INDEX'").query(UUID.class).optional();
    }

    /** id, organisation, wrapped key, fingerprint — for an insert. */
    private Object[] prepareNew(UUID organisationId, String purpose) {
        UUID id = UUID.randomUUID();
        byte[] key = Aead.random(32);
        byte[] wrapped = Aead.seal(master.aesKey(), key, wrapAad(id, organisationId, purpose));
        return new Object[] {id, organisationId, wrapped, master.fingerprint()};
    }

    private static DataKey unwrap(UUID id, UUID organisationId, String purpose, byte[] wrapped, String fingerprint,
            SecretKey masterKey, String masterFingerprint) {
        if (!fingerprint.equals(masterFingerprint)) {
            throw new MasterKeyUnavailableException("Data key " + id + " was wrapped by master key " + fingerprint
                    + ", but the configured master key is " + masterFingerprint + ". Start Haven with the master key "
                    + "this database was created with (HAVEN_MASTER_KEY or <haven.data-dir>/master.key).");
        }
        try {
            byte[] key = Aead.open(masterKey, wrapped, 0, wrapAad(id, organisationId, purpose));
            return new DataKey(id, organisationId, purpose, new SecretKeySpec(key, "AES"));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Data key " + id + " cannot be unwrapped: its stored form was altered");
        }
    }

    /** Binds a wrapped key to its id, owner and purpose: a wrapped key copied to another row does not unwrap. */
    private static byte[] wrapAad(UUID id, UUID organisationId, String purpose) {
        byte[] label = ("haven:data-key:v1:" + purpose).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(label.length + 32).put(label).put(Aead.uuidBytes(id))
                .put(Aead.uuidBytes(organisationId)).array();
    }
}
