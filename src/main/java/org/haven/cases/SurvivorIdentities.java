package org.haven.cases;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.internal.Sealer;
import org.haven.security.FieldEncryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Survivors' identities in plaintext for in-process machine use by the linkage module only (it encodes them into
 * keyed Bloom filters and discards the plaintext). No user is checked here: callers are jobs and event listeners, and
 * nothing read through this class may be shown to a user, logged or stored in clear. Callers audit the encoding.
 * Additive SPI: nothing else in the cases module depends on it.
 */
@Service
public class SurvivorIdentities {

    private static final Logger LOG = LoggerFactory.getLogger(SurvivorIdentities.class);

    /** A survivor's identity with the profile fields linkage needs, and the row version it was read at. */
    public record Identified(UUID survivorId, UUID organisationId, int version, SurvivorIdentity identity, String sex,
            Integer birthYear, boolean birthYearEstimated) {
    }

    /** Which survivor exists, its organisation and current version (no personal data). */
    public record Stamp(UUID survivorId, UUID organisationId, int version) {
    }

    /** The newest case of a survivor at its organisation (for the owner's view of a linkage candidate). */
    public record CaseRef(UUID caseId, String caseCode) {
    }

    private final JdbcClient jdbc;
    private final Sealer sealer;

    SurvivorIdentities(JdbcClient jdbc, Sealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /** The survivor of a case. */
    @Transactional(readOnly = true)
    public Optional<UUID> survivorOfCase(UUID caseId) {
        return jdbc.sql("select survivor_id from survivor_case where id = ?").param(caseId).query(UUID.class)
                .optional();
    }

    /** The survivor's identity, unsealed with its organisation's key. */
    @Transactional(readOnly = true)
    public Optional<Identified> identity(UUID survivorId) {
        return jdbc.sql("""
                select id, organisation_id, version, identity_sealed, sex, birth_year, birth_year_estimated
                from survivor where id = ?""").param(survivorId)
                .query((rs, n) -> {
                    UUID org = rs.getObject(2, UUID.class);
                    return new Identified(rs.getObject(1, UUID.class), org, rs.getInt(3),
                            sealer.openJson(org, rs.getBytes(4), SurvivorIdentity.class), rs.getString(5),
                            (Integer) rs.getObject(6), rs.getBoolean(7));
                })
                .optional();
    }

    /**
     * The identities of these survivors (absent ids are skipped), in one query, for batch encoding. A survivor whose
     * sealed identity cannot be opened (damaged, or sealed under a key that is gone) is skipped and logged by id, so one
     * bad row does not stop a batch job for everyone else.
     */
    @Transactional(readOnly = true)
    public List<Identified> identities(Collection<UUID> survivorIds) {
        if (survivorIds.isEmpty()) {
            return List.of();
        }
        List<Identified> rows = jdbc.sql("""
                select id, organisation_id, version, identity_sealed, sex, birth_year, birth_year_estimated
                from survivor where id = any(:ids)""").param("ids", survivorIds.toArray(UUID[]::new))
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    UUID org = rs.getObject(2, UUID.class);
                    SurvivorIdentity identity;
                    try {
                        identity = sealer.openJson(org, rs.getBytes(4), SurvivorIdentity.class);
                    } catch (FieldEncryption.DecryptionFailedException e) {
                        LOG.warn("survivor {}: identity could not be opened ({}); skipped", id, e.getClass().getSimpleName());
                        return null;
                    }
                    return new Identified(id, org, rs.getInt(3), identity, rs.getString(5),
                            (Integer) rs.getObject(6), rs.getBoolean(7));
                })
                .list();
        return rows.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Survivors in id order after {@code afterId} (null: from the start), at most {@code limit}, for batch jobs. */
    @Transactional(readOnly = true)
    public List<Stamp> stamps(UUID afterId, int limit) {
        return jdbc.sql("""
                select id, organisation_id, version from survivor
                where cast(:after as uuid) is null or id > :after order by id limit :limit""")
                .param("after", afterId).param("limit", limit)
                .query((rs, n) -> new Stamp(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
                .list();
    }

    /** Number of survivors registered, across all organisations. */
    @Transactional(readOnly = true)
    public long count() {
        return jdbc.sql("select count(*) from survivor").query(Long.class).single();
    }

    /** The newest case of each survivor (survivors without a case are absent). */
    @Transactional(readOnly = true)
    public Map<UUID, CaseRef> newestCases(Collection<UUID> survivorIds) {
        if (survivorIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                select distinct on (survivor_id) survivor_id, id, case_code from survivor_case
                where survivor_id in (:ids) order by survivor_id, identified_on desc, id""")
                .param("ids", survivorIds)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class),
                        new CaseRef(rs.getObject(2, UUID.class), rs.getString(3))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
