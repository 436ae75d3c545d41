package org.haven.linkage.internal;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code linkage_encoding} and {@code linkage_candidate}. */
@Repository
public class LinkageStore {

    /** An encoding as stored, with its owner. */
    public record Stored(UUID survivorId, UUID organisationId, SurvivorEncoding encoding) {
    }

    private static final int MAX_BLOCK = 2000;
    /** Advisory lock key of linkage encoding ("linkage" in ASCII). */
    private static final long LOCK_KEY = 0x6c696e6b616765L;
    private static final String COLUMNS = "survivor_id, organisation_id, given_bloom, family_bloom, birth_bloom, "
            + "sex_bloom, phone_bloom, id_number_bloom, blocking_keys, birth_band, sex";

    private final JdbcClient jdbc;

    LinkageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(UUID survivorId, UUID organisationId, int version, SurvivorEncoding e) {
        jdbc.sql("""
                insert into linkage_encoding (survivor_id, organisation_id, survivor_version, given_bloom, family_bloom,
                  birth_bloom, sex_bloom, phone_bloom, id_number_bloom, blocking_keys, birth_band, sex, encoded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (survivor_id) do update set organisation_id = excluded.organisation_id,
                  survivor_version = excluded.survivor_version, given_bloom = excluded.given_bloom,
                  family_bloom = excluded.family_bloom, birth_bloom = excluded.birth_bloom,
                  sex_bloom = excluded.sex_bloom, phone_bloom = excluded.phone_bloom,
                  id_number_bloom = excluded.id_number_bloom, blocking_keys = excluded.blocking_keys,
                  birth_band = excluded.birth_band, sex = excluded.sex, encoded_at = now()""")
                .params(survivorId, organisationId, version, bytes(e.given()), bytes(e.family()), bytes(e.birth()),
                        bytes(e.sex()), bytes(e.phone()), bytes(e.idNumber()), e.blockingKeys(), e.birthBand(),
                        e.sexCode())
                .update();
    }

    /** Transaction-scoped advisory lock that serialises encoding and candidate detection across nodes. */
    public void lockEncodings() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query((rs, n) -> 1).list();
    }

    /** Encoded versions of these survivors (absent: never encoded). */
    public Map<UUID, Integer> versions(Collection<UUID> survivorIds) {
        if (survivorIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select survivor_id, survivor_version from linkage_encoding where survivor_id in (:ids)")
                .param("ids", survivorIds)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Other survivors sharing at least one keyed blocking key (GIN index on the key array), within two birth bands
     * when both bands are known; at most {@value #MAX_BLOCK} (a block that large is a very common key and adds no
     * evidence).
     */
    public List<Stored> blockedWith(UUID survivorId, SurvivorEncoding e) {
        if (e.blockingKeys().length == 0) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + """
                 from linkage_encoding
                where blocking_keys && :keys and survivor_id <> :id
                  and (birth_band is null or cast(:band as integer) is null or abs(birth_band - :band) <= 5)
                limit :max""")
                .param("keys", e.blockingKeys()).param("id", survivorId).param("band", e.birthBand())
                .param("max", MAX_BLOCK)
                .query((rs, n) -> stored(rs)).list();
    }

    /**
     * Replaces the pending candidates of a survivor with {@code found}. Pairs already decided (confirmed, not the same,
     * unsure) are kept as decided; a pending pair that no longer passes is removed.
     */
    public void replacePending(UUID survivorId, List<Candidate> found) {
        List<UUID> keep = new ArrayList<>();
        for (Candidate c : found) {
            UUID id = jdbc.sql("""
                    insert into linkage_candidate (id, survivor_a, organisation_a, survivor_b, organisation_b, score,
                      explanation)
                    values (?, ?, ?, ?, ?, ?, cast(? as jsonb))
                    on conflict (survivor_a, survivor_b) do update set score = excluded.score,
                      explanation = excluded.explanation, organisation_a = excluded.organisation_a,
                      organisation_b = excluded.organisation_b
                      where linkage_candidate.status = 'PENDING'
                    returning id""")
                    .params(UUID.randomUUID(), c.survivorA(), c.organisationA(), c.survivorB(), c.organisationB(),
                            c.score(), c.explanationJson())
                    .query(UUID.class).optional().orElse(null);
            if (id != null) {
                keep.add(id);
            }
        }
        jdbc.sql("""
                delete from linkage_candidate where status = 'PENDING' and (survivor_a = :s or survivor_b = :s)
                  and not (id = any(:keep))""")
                .param("s", survivorId).param("keep", keep.toArray(UUID[]::new)).update();
    }

    /** A pair to record, ordered so that {@code survivorA < survivorB} as PostgreSQL orders uuids. */
    public record Candidate(UUID survivorA, UUID organisationA, UUID survivorB, UUID organisationB, double score,
            String explanationJson) {

        public static Candidate of(UUID s1, UUID o1, UUID s2, UUID o2, double score, String explanationJson) {
            // PostgreSQL compares uuids bytewise (unsigned); the lower-case text form sorts the same way, while
            // UUID.compareTo compares signed longs and would disagree with the table's check constraint.
            return s1.toString().compareTo(s2.toString()) < 0
                    ? new Candidate(s1, o1, s2, o2, score, explanationJson)
                    : new Candidate(s2, o2, s1, o1, score, explanationJson);
        }
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Array keys = rs.getArray(9);
        Object[] boxed = (Object[]) keys.getArray();
        long[] k = new long[boxed.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = ((Number) boxed[i]).longValue();
        }
        return new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                new SurvivorEncoding(longs(rs.getBytes(3)), longs(rs.getBytes(4)), longs(rs.getBytes(5)),
                        longs(rs.getBytes(6)), longs(rs.getBytes(7)), longs(rs.getBytes(8)), k,
                        (Integer) rs.getObject(10), rs.getString(11)));
    }

    static byte[] bytes(long[] filter) {
        if (filter == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(filter.length * 8);
        for (long w : filter) {
            b.putLong(w);
        }
        return b.array();
    }

    static long[] longs(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] out = new long[bytes.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }
}
