package org.haven.cases.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.security.FieldEncryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The survivors' name blind indexes ({@code survivor_name_key}): writes a survivor's keys, including the pair keys
 * (version 2, {@link NameKeys#survivorKeys}), and re-keys in the background the survivors written before pair keys
 * existed (version 1), reading their sealed identities. The name search uses pair keys only once no version-1
 * survivor is left ({@link #pairsComplete()}), so a search finds the same survivors during and after the re-keying.
 */
@Component
public class NameIndex {

    /** The version of the keys written now: token, whole-name and pair keys. */
    public static final int VERSION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(NameIndex.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Sealer sealer;
    private final TransactionTemplate tx;
    private volatile boolean complete;

    NameIndex(JdbcClient jdbc, JdbcTemplate template, Sealer sealer, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.template = template;
        this.sealer = sealer;
        this.tx = tx;
    }

    /** The blind-index hashes of every key of a survivor with this identity. */
    public Set<String> hashes(SurvivorIdentity identity) {
        Set<String> hashes = new TreeSet<>();
        NameKeys.survivorKeys(names(identity)).forEach(k -> hashes.add(sealer.nameIndex(k)));
        return hashes;
    }

    /**
     * Replaces the survivor's keys (in the caller's transaction). New rows are version 2 by default; a version-1
     * survivor edited here is marked by the re-keying, which rewrites the same keys.
     */
    public void write(UUID survivorId, SurvivorIdentity identity) {
        jdbc.sql("delete from survivor_name_key where survivor_id = ?").param(survivorId).update();
        List<Object[]> rows = new ArrayList<>();
        for (String h : hashes(identity)) {
            rows.add(new Object[] {survivorId, h});
        }
        template.batchUpdate("insert into survivor_name_key (survivor_id, key_hash) values (?, ?)", rows);
    }

    /** True once every survivor holds pair keys; stays true (every write since writes them). */
    public boolean pairsComplete() {
        if (!complete) {
            complete = !jdbc.sql("select exists (select 1 from survivor where name_keys_version < ?)")
                    .param(VERSION).query(Boolean.class).single();
        }
        return complete;
    }

    /** Forgets that the re-keying was complete (tests that recreate version-1 survivors). */
    void forgetComplete() {
        complete = false;
    }

    /**
     * Re-keys up to {@code batch} version-1 survivors in one transaction; returns how many were looked at. A survivor
     * whose identity cannot be opened keeps its old keys, is marked done and is logged by id.
     */
    public int backfillBatch(int batch) {
        Integer n = tx.execute(status -> {
            List<Object[]> rows = jdbc.sql("""
                    select id, organisation_id, identity_sealed from survivor where name_keys_version < ?
                    order by id limit ? for update skip locked""")
                    .params(VERSION, batch)
                    .query((rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3)})
                    .list();
            for (Object[] r : rows) {
                UUID id = (UUID) r[0];
                SurvivorIdentity identity;
                try {
                    identity = sealer.openJson((UUID) r[1], (byte[]) r[2], SurvivorIdentity.class);
                } catch (FieldEncryption.DecryptionFailedException | tools.jackson.core.JacksonException e) {
                    LOG.warn("survivor {}: identity could not be opened ({}); name keys left as they were", id,
                            e.getClass().getSimpleName());
                    jdbc.sql("update survivor set name_keys_version = ? where id = ?").params(VERSION, id).update();
                    continue;
                }
                write(id, identity);
                jdbc.sql("update survivor set name_keys_version = ? where id = ?").params(VERSION, id).update();
            }
            return rows.size();
        });
        return n == null ? 0 : n;
    }

    /** Re-keys every version-1 survivor; returns how many. */
    public int backfill() {
        int total = 0;
        for (int n; (n = backfillBatch(500)) > 0; ) {
            total += n;
        }
        return total;
    }

    @Scheduled(fixedDelayString = "${haven.cases.name-key-backfill-interval-ms:600000}",
            initialDelayString = "${haven.cases.name-key-backfill-initial-delay-ms:3000}")
    void scheduledBackfill() {
        if (complete) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            int n = backfill();
            if (n > 0) {
                LOG.info("Cases: re-keyed the names of {} survivors with pair keys in {} ms", n,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            pairsComplete();
        } catch (RuntimeException e) {
            LOG.warn("Cases: name re-keying failed ({}); retried later", e.getClass().getSimpleName());
        }
    }

    /** The names a survivor is found by: Latin full name, Khmer full name, other names and aliases. */
    public static List<String> names(SurvivorIdentity id) {
        List<String> names = new ArrayList<>();
        String latin = (nz(id.familyName()) + " " + nz(id.givenName())).strip();
        String khmer = (nz(id.familyNameKhmer()) + " " + nz(id.givenNameKhmer())).strip();
        if (!latin.isEmpty()) {
            names.add(latin);
        }
        if (!khmer.isEmpty()) {
            names.add(khmer);
        }
        if (id.otherNames() != null) {
            id.otherNames().stream().filter(n -> n != null && !n.isBlank()).forEach(names::add);
        }
        return names;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
