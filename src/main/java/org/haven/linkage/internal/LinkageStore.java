package org.haven.linkage.internal;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code linkage_encoding} and {@code linkage_candidate}. */
@Repository
public class LinkageStore {

    /** An encoding as stored, with its owner. */
    public record Stored(UUID survivorId, UUID organisationId, SurvivorEncoding encoding) {
    }

    /** Advisory lock key of linkage encoding ("linkage" in ASCII). */
    private static final long LOCK_KEY = 0x6c696e6b616765L;
    private static final String COLUMNS = "survivor_id, organisation_id, given_bloom, family_bloom, birth_bloom, "
            + "sex_bloom, phone_bloom, id_number_bloom, blocking_keys, birth_band, sex, given_key, family_key";
    /** Key of the number of encoded survivors in {@code linkage_key_count}. */
    public static final long TOTAL_KEY = 0L;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    LinkageStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** What an existing encoding contributes to the key counts (to be subtracted when it is replaced). */
    public record CountedKeys(long[] blockingKeys, Long givenKey, Long familyKey) {
    }

    /** The counted keys of these survivors' current encodings (absent: not encoded). */
    public Map<UUID, CountedKeys> countedKeys(Collection<UUID> survivorIds) {
        if (survivorIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, CountedKeys> out = new HashMap<>();
        jdbc.sql("""
                select survivor_id, blocking_keys, given_key, family_key, survivor_version from linkage_encoding
                where survivor_id = any(:ids)""").param("ids", survivorIds.toArray(UUID[]::new))
                .query(rs -> {
                    // encodings written before the counts existed (version -1) contributed nothing
                    if (rs.getInt(5) >= 0) {
                        out.put(rs.getObject(1, UUID.class), new CountedKeys(keys(rs.getArray(2)),
                                (Long) rs.getObject(3), (Long) rs.getObject(4)));
                    }
                });
        return out;
    }

    /** One encoding to write. */
    public record Write(UUID survivorId, UUID organisationId, int version, SurvivorEncoding encoding) {
    }

    /** Upserts these encodings in one JDBC batch. */
    public void saveAll(List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(writes.size());
        for (Write w : writes) {
            SurvivorEncoding e = w.encoding();
            args.add(new Object[] {w.survivorId(), w.organisationId(), w.version(), bytes(e.given()),
                    bytes(e.family()), bytes(e.birth()), bytes(e.sex()), bytes(e.phone()), bytes(e.idNumber()),
                    e.blockingKeys(), e.birthBand(), e.sexCode(), e.givenKey(), e.familyKey()});
        }
        template.batchUpdate(UPSERT, args, new int[] {Types.OTHER, Types.OTHER, Types.INTEGER, Types.BINARY,
                Types.BINARY, Types.BINARY, Types.BINARY, Types.BINARY, Types.BINARY, Types.ARRAY, Types.INTEGER,
                Types.VARCHAR, Types.BIGINT, Types.BIGINT});
    }

    private static final String UPSERT = """
            insert into linkage_encoding (survivor_id, organisation_id, survivor_version, given_bloom, family_bloom,
              birth_bloom, sex_bloom, phone_bloom, id_number_bloom, blocking_keys, birth_band, sex, given_key,
              family_key, encoded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            on conflict (survivor_id) do update set organisation_id = excluded.organisation_id,
              survivor_version = excluded.survivor_version, given_bloom = excluded.given_bloom,
              family_bloom = excluded.family_bloom, birth_bloom = excluded.birth_bloom,
              sex_bloom = excluded.sex_bloom, phone_bloom = excluded.phone_bloom,
              id_number_bloom = excluded.id_number_bloom, blocking_keys = excluded.blocking_keys,
              birth_band = excluded.birth_band, sex = excluded.sex, given_key = excluded.given_key,
              family_key = excluded.family_key, encoded_at = now()""";

    /** Adds these deltas to the key counts (one statement). */
    public void adjustCounts(Map<Long, Integer> delta) {
        List<Map.Entry<Long, Integer>> changed = delta.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (changed.isEmpty()) {
            return;
        }
        Long[] keys = changed.stream().map(Map.Entry::getKey).toArray(Long[]::new);
        Integer[] deltas = changed.stream().map(Map.Entry::getValue).toArray(Integer[]::new);
        jdbc.sql("""
                insert into linkage_key_count (key, n)
                select k, d from unnest(cast(:keys as bigint[]), cast(:deltas as integer[])) as t(k, d)
                on conflict (key) do update set n = linkage_key_count.n + excluded.n""")
                .param("keys", keys).param("deltas", deltas).update();
    }

    /** Counts of these keys (absent keys: 0, not in the map). */
    public Map<Long, Long> counts(Collection<Long> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> out = new HashMap<>();
        jdbc.sql("select key, n from linkage_key_count where key = any(:keys)")
                .param("keys", keys.toArray(Long[]::new))
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getLong(2));
                });
        return out;
    }

    /** A survivor, the blocking keys to look it up by, and its birth band. */
    public record Probe(UUID survivorId, long[] keys, Integer birthBand) {
    }

    /**
     * Pairs (probe survivor, other survivor) sharing one of the probe's keys, within two birth bands when both are
     * known: one statement for the whole batch, each key through the GIN index and at most {@code perKey} others.
     */
    public List<UUID[]> blockPairs(List<Probe> probes, int perKey) {
        List<UUID> sids = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        List<Integer> bands = new ArrayList<>();
        for (Probe p : probes) {
            for (long k : p.keys()) {
                sids.add(p.survivorId());
                keys.add(k);
                bands.add(p.birthBand());
            }
        }
        if (sids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select q.sid, e.survivor_id
                from unnest(cast(:sids as uuid[]), cast(:keys as bigint[]), cast(:bands as integer[])) as q(sid, key, band)
                cross join lateral (
                  select x.survivor_id from linkage_encoding x
                  where x.blocking_keys @> array[q.key] and x.survivor_id <> q.sid
                    and (x.birth_band is null or q.band is null or abs(x.birth_band - q.band) <= 5)
                  limit :perKey) e""")
                .param("sids", sids.toArray(UUID[]::new)).param("keys", keys.toArray(Long[]::new))
                .param("bands", bands.toArray(Integer[]::new)).param("perKey", perKey)
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
    }

    /** The stored encodings of these survivors. */
    public Map<UUID, Stored> load(Collection<UUID> survivorIds) {
        if (survivorIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Stored> out = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from linkage_encoding where survivor_id = any(:ids)")
                .param("ids", survivorIds.toArray(UUID[]::new))
                .query(rs -> {
                    Stored s = stored(rs);
                    out.put(s.survivorId(), s);
                });
        return out;
    }

    /**
     * Encodings sharing one of these keys (the GIN index), within two birth bands of {@code band} when both are
     * known, at most {@code max}: the registration check's one query.
     */
    public List<Stored> blocked(long[] keys, Integer band, int max) {
        if (keys.length == 0) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + """
                 from linkage_encoding
                where blocking_keys && :keys
                  and (birth_band is null or cast(:band as integer) is null or abs(birth_band - :band) <= 5)
                limit :max""")
                .param("keys", keys).param("band", band).param("max", max)
                .query((rs, n) -> stored(rs)).list();
    }

    /**
     * Replaces the pending candidates of these survivors with {@code found} in two statements: pairs already decided
     * (confirmed, not the same, unsure) are kept as decided; a pending pair that no longer passes is removed; a
     * pending pair found again keeps its id.
     */
    public void replacePending(Collection<UUID> survivorIds, List<Candidate> found) {
        Map<String, Candidate> unique = new LinkedHashMap<>();
        for (Candidate c : found) {
            unique.put(c.survivorA() + "|" + c.survivorB(), c);
        }
        List<UUID> keep = new ArrayList<>();
        if (!unique.isEmpty()) {
            List<Candidate> list = new ArrayList<>(unique.values());
            keep.addAll(jdbc.sql("""
                    insert into linkage_candidate (id, survivor_a, organisation_a, survivor_b, organisation_b, score,
                      explanation)
                    select i, sa, oa, sb, ob, cast(sc as numeric(5,4)), cast(ex as jsonb)
                    from unnest(cast(:ids as uuid[]), cast(:sa as uuid[]), cast(:oa as uuid[]), cast(:sb as uuid[]),
                      cast(:ob as uuid[]), cast(:sc as float8[]), cast(:ex as text[])) as t(i, sa, oa, sb, ob, sc, ex)
                    on conflict (survivor_a, survivor_b) do update set score = excluded.score,
                      explanation = excluded.explanation, organisation_a = excluded.organisation_a,
                      organisation_b = excluded.organisation_b
                      where linkage_candidate.status = 'PENDING'
                    returning id""")
                    .param("ids", list.stream().map(c -> UUID.randomUUID()).toArray(UUID[]::new))
                    .param("sa", list.stream().map(Candidate::survivorA).toArray(UUID[]::new))
                    .param("oa", list.stream().map(Candidate::organisationA).toArray(UUID[]::new))
                    .param("sb", list.stream().map(Candidate::survivorB).toArray(UUID[]::new))
                    .param("ob", list.stream().map(Candidate::organisationB).toArray(UUID[]::new))
                    .param("sc", list.stream().map(Candidate::score).toArray(Double[]::new))
                    .param("ex", list.stream().map(Candidate::explanationJson).toArray(String[]::new))
                    .query(UUID.class).list());
        }
        UUID[] ids = survivorIds.toArray(UUID[]::new);
        jdbc.sql("""
                delete from linkage_candidate where status = 'PENDING'
                  and (survivor_a = any(:s) or survivor_b = any(:s)) and not (id = any(:keep))""")
                .param("s", ids).param("keep", keep.toArray(UUID[]::new)).update();
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
        return new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                new SurvivorEncoding(longs(rs.getBytes(3)), longs(rs.getBytes(4)), longs(rs.getBytes(5)),
                        longs(rs.getBytes(6)), longs(rs.getBytes(7)), longs(rs.getBytes(8)), keys(rs.getArray(9)),
                        (Integer) rs.getObject(10), rs.getString(11), (Long) rs.getObject(12),
                        (Long) rs.getObject(13)));
    }

    private static long[] keys(Array keys) throws SQLException {
        Object[] boxed = (Object[]) keys.getArray();
        long[] k = new long[boxed.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = ((Number) boxed[i]).longValue();
        }
        return k;
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
