package org.haven.linkage.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.cases.CaseOpened;
import org.haven.cases.SurvivorIdentities;
import org.haven.cases.SurvivorIdentities.Identified;
import org.haven.cases.SurvivorIdentities.Stamp;
import org.haven.cases.SurvivorIdentityChanged;
import org.haven.security.FieldEncryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code linkage_encoding} in step with the survivors and records candidate pairs. A survivor is (re-)encoded
 * when a case is opened for it ({@link CaseOpened}), when its identity is edited ({@link SurvivorIdentityChanged},
 * after the edit commits), and whenever its row version differs from the version it was encoded at: a periodic
 * reconciliation (and the {@code linkage encode} command) catches anything missed and backfills survivors that were
 * loaded without events (generated data). Each encoding is audited as {@code linkage.encode} (system action, survivor ids only).
 *
 * <p>The Bloom key is derived from the installation's blind-index root key through {@link FieldEncryption#blindIndex}
 * (domain {@code linkage.bloom-key}): every organisation of one installation shares it, it survives master-key
 * rotation, and it never appears in code or configuration.
 */
@Service
public class SurvivorEncodings {

    private static final Logger log = LoggerFactory.getLogger(SurvivorEncodings.class);

    private final SurvivorIdentities identities;
    private final LinkageStore store;
    private final FieldEncryption encryption;
    private final AuditLog audit;
    private final LinkageSettings settings;
    private final TransactionTemplate tx;
    private volatile PairScorer scorer;
    private volatile SurvivorEncoder encoder;

    SurvivorEncodings(SurvivorIdentities identities, LinkageStore store, FieldEncryption encryption, AuditLog audit,
            LinkageSettings settings, PlatformTransactionManager transactions) {
        this.identities = identities;
        this.store = store;
        this.encryption = encryption;
        this.audit = audit;
        this.settings = settings;
        this.tx = new TransactionTemplate(transactions);
    }

    @ApplicationModuleListener
    void on(CaseOpened event) {
        identities.survivorOfCase(event.caseId()).ifPresent(id -> encode(List.of(id)));
    }

    /** Identity edits are re-encoded at once, after the edit commits (not only by the reconciliation). */
    @ApplicationModuleListener
    void on(SurvivorIdentityChanged event) {
        encode(List.of(event.survivorId()));
    }

    /** A survivor another one may be the same person as, with the pair's score. */
    public record Match(LinkageStore.Stored other, PairScorer.Scored scored) {
    }

    /**
     * Encodes these survivors and refreshes their candidates: identities read and encoded first, then one short
     * transaction for the whole batch (encodings upserted in one JDBC batch, key counts adjusted in one statement,
     * blocking for all of them in one statement, candidates replaced in two).
     */
    public int encode(List<UUID> survivorIds) {
        List<Identified> people = identities.identities(new LinkedHashSet<>(survivorIds));
        if (people.isEmpty()) {
            return 0;
        }
        SurvivorEncoder enc = encoder();
        List<LinkageStore.Write> writes = new ArrayList<>(people.size());
        for (Identified p : people) {
            writes.add(new LinkageStore.Write(p.survivorId(), p.organisationId(), p.version(), enc.encode(p)));
        }
        Integer n = tx.execute(status -> {
            // Two survivors encoded concurrently would each miss the other's uncommitted encoding and the pair would
            // never be compared: encodings are serialised (held for one short batch; blocking is indexed).
            store.lockEncodings();
            List<UUID> ids = writes.stream().map(LinkageStore.Write::survivorId).toList();
            Map<UUID, LinkageStore.CountedKeys> before = store.countedKeys(ids);
            store.saveAll(writes);
            Map<Long, Integer> delta = new HashMap<>();
            for (LinkageStore.Write w : writes) {
                LinkageStore.CountedKeys old = before.get(w.survivorId());
                if (old != null) {
                    count(delta, old.blockingKeys(), old.givenKey(), old.familyKey(), -1);
                } else {
                    delta.merge(LinkageStore.TOTAL_KEY, 1, Integer::sum);
                }
                SurvivorEncoding e = w.encoding();
                count(delta, e.blockingKeys(), e.givenKey(), e.familyKey(), 1);
            }
            store.adjustCounts(delta);
            Map<UUID, SurvivorEncoding> mine = new HashMap<>();
            writes.forEach(w -> mine.put(w.survivorId(), w.encoding()));
            Map<UUID, UUID> orgs = new HashMap<>();
            writes.forEach(w -> orgs.put(w.survivorId(), w.organisationId()));
            List<LinkageStore.Candidate> found = candidates(mine, orgs);
            store.replacePending(ids, found);
            audit.record(AuditEntry.change("survivor", "linkage.encode", ids));
            return ids.size();
        });
        return n == null ? 0 : n;
    }

    private static void count(Map<Long, Integer> delta, long[] blocking, Long given, Long family, int sign) {
        for (long k : blocking) {
            delta.merge(k, sign, Integer::sum);
        }
        if (given != null) {
            delta.merge(given, sign, Integer::sum);
        }
        if (family != null && !family.equals(given)) {
            delta.merge(family, sign, Integer::sum);
        }
    }

    private List<LinkageStore.Candidate> candidates(Map<UUID, SurvivorEncoding> mine, Map<UUID, UUID> orgs) {
        Set<Long> keys = new HashSet<>();
        mine.values().forEach(e -> {
            for (long k : e.blockingKeys()) {
                keys.add(k);
            }
        });
        keys.add(LinkageStore.TOTAL_KEY);
        Map<Long, Long> counts = new HashMap<>(store.counts(keys));
        List<LinkageStore.Probe> probes = new ArrayList<>();
        mine.forEach((id, e) -> probes.add(new LinkageStore.Probe(id, probeKeys(e.blockingKeys(), counts),
                e.birthBand())));
        List<UUID[]> pairs = store.blockPairs(probes, settings.blockCap());
        Set<UUID> otherIds = new HashSet<>();
        for (UUID[] p : pairs) {
            if (!mine.containsKey(p[1])) {
                otherIds.add(p[1]);
            }
        }
        Map<UUID, LinkageStore.Stored> others = new HashMap<>(store.load(otherIds));
        mine.forEach((id, e) -> others.put(id, new LinkageStore.Stored(id, orgs.get(id), e)));
        PairScorer.Frequencies freq = frequencies(counts, others.values());
        List<LinkageStore.Candidate> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (UUID[] p : pairs) {
            LinkageStore.Stored other = others.get(p[1]);
            if (other == null) {
                continue;
            }
            String pair = p[0].toString().compareTo(p[1].toString()) < 0 ? p[0] + "|" + p[1] : p[1] + "|" + p[0];
            if (!seen.add(pair)) {
                continue;
            }
            PairScorer.Scored s = scorer().score(mine.get(p[0]), other.encoding(), freq);
            if (isCandidate(s)) {
                out.add(LinkageStore.Candidate.of(p[0], orgs.get(p[0]), other.survivorId(), other.organisationId(),
                        Math.round(s.score() * 10000) / 10000.0, explanationJson(s)));
            }
        }
        return out;
    }

    boolean isCandidate(PairScorer.Scored s) {
        return s.namesAgree() && s.similarity() >= settings.possibleThreshold()
                && s.score() >= settings.possibleProbability();
    }

    static String explanationJson(PairScorer.Scored s) {
        return s.explanation().entrySet().stream()
                .map(x -> "\"" + x.getKey() + "\":\"" + x.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * The blocking keys worth looking up: those held by at most {@code blockCap} survivors; when all are more common,
     * the rarest one alone (the lookup is limited to {@code blockCap} others per key).
     */
    long[] probeKeys(long[] keys, Map<Long, Long> counts) {
        List<Long> out = new ArrayList<>();
        long rarest = 0;
        long rarestCount = Long.MAX_VALUE;
        for (long k : keys) {
            long c = counts.getOrDefault(k, 0L);
            if (c <= settings.blockCap()) {
                out.add(k);
            }
            if (c < rarestCount) {
                rarestCount = c;
                rarest = k;
            }
        }
        if (out.isEmpty() && keys.length > 0) {
            out.add(rarest);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Frequencies of the name keys of these encodings (one query), with the total from {@code counts}. */
    PairScorer.Frequencies frequencies(Map<Long, Long> counts, Collection<LinkageStore.Stored> encodings) {
        Set<Long> names = new HashSet<>();
        for (LinkageStore.Stored s : encodings) {
            if (s.encoding().givenKey() != null) {
                names.add(s.encoding().givenKey());
            }
            if (s.encoding().familyKey() != null) {
                names.add(s.encoding().familyKey());
            }
        }
        names.removeAll(counts.keySet());
        Map<Long, Long> all = new HashMap<>(counts);
        all.putAll(store.counts(names));
        long total = all.getOrDefault(LinkageStore.TOTAL_KEY, 0L);
        return new PairScorer.Frequencies() {
            @Override
            public long total() {
                return total;
            }

            @Override
            public long count(Long key) {
                return key == null ? 0 : all.getOrDefault(key, 0L);
            }
        };
    }

    /**
     * Encoded survivors that may be the same person as this not yet registered one (nothing is written): the
     * registration check. Index-backed: one count lookup, one blocking query on the GIN index, one frequency lookup.
     */
    public List<Match> matches(Identified person) {
        SurvivorEncoding e = encoder().encode(person);
        Set<Long> keys = new HashSet<>();
        for (long k : e.blockingKeys()) {
            keys.add(k);
        }
        keys.add(LinkageStore.TOTAL_KEY);
        if (e.givenKey() != null) {
            keys.add(e.givenKey());
        }
        if (e.familyKey() != null) {
            keys.add(e.familyKey());
        }
        Map<Long, Long> counts = store.counts(keys);
        long[] probe = probeKeys(e.blockingKeys(), counts);
        List<LinkageStore.Stored> others = store.blocked(probe, e.birthBand(), settings.blockCap() * 4);
        PairScorer.Frequencies freq = frequencies(counts, others);
        List<Match> out = new ArrayList<>();
        for (LinkageStore.Stored o : others) {
            PairScorer.Scored s = scorer().score(e, o.encoding(), freq);
            if (isCandidate(s)) {
                out.add(new Match(o, s));
            }
        }
        out.sort((x, y) -> Double.compare(y.scored().score(), x.scored().score()));
        return out;
    }

    /**
     * How common these normalised name keys are among the encoded survivors (share in [0, 1]; absent: never seen),
     * looked up under the same keyed hashes as the survivors' own name frequencies (one query). Used to weigh names
     * of suspects by the population's names.
     */
    public Map<String, Double> nameShares(Collection<String> nameKeys) {
        if (nameKeys.isEmpty()) {
            return Map.of();
        }
        SurvivorEncoder enc = encoder();
        Map<Long, String> hashes = new HashMap<>();
        for (String k : nameKeys) {
            if (k != null && !k.isEmpty()) {
                hashes.put(enc.nameKeyHash(k), k);
            }
        }
        Set<Long> keys = new HashSet<>(hashes.keySet());
        keys.add(LinkageStore.TOTAL_KEY);
        Map<Long, Long> counts = store.counts(keys);
        long total = counts.getOrDefault(LinkageStore.TOTAL_KEY, 0L);
        Map<String, Double> out = new HashMap<>();
        if (total <= 0) {
            return out;
        }
        counts.forEach((h, n) -> {
            String k = hashes.get(h);
            if (k != null && n > 0) {
                out.put(k, (double) n / total);
            }
        });
        return out;
    }

    private PairScorer scorer() {
        PairScorer s = scorer;
        if (s == null) {
            s = new PairScorer(settings.duplicateRate());
            scorer = s;
        }
        return s;
    }

    /** Encodes every survivor whose encoding is missing or stale; returns how many were encoded. */
    public int reconcile() {
        int total = 0;
        UUID after = null;
        while (true) {
            List<Stamp> page = identities.stamps(after, settings.batchSize());
            if (page.isEmpty()) {
                return total;
            }
            Map<UUID, Integer> versions = store.versions(page.stream().map(Stamp::survivorId).toList());
            List<UUID> stale = page.stream()
                    .filter(s -> !Integer.valueOf(s.version()).equals(versions.get(s.survivorId())))
                    .map(Stamp::survivorId).toList();
            if (!stale.isEmpty()) {
                total += encode(stale);
            }
            after = page.get(page.size() - 1).survivorId();
        }
    }

    @Scheduled(fixedDelayString = "${haven.linkage.reconcile-interval-ms:300000}",
            initialDelayString = "${haven.linkage.reconcile-initial-delay-ms:60000}")
    void scheduledReconcile() {
        try {
            int n = reconcile();
            if (n > 0) {
                log.info("Linkage: encoded {} survivors", n);
            }
        } catch (RuntimeException e) {
            log.warn("Linkage reconciliation failed: {}", e.getClass().getSimpleName());
        }
    }

    SurvivorEncoder encoder() {
        SurvivorEncoder e = encoder;
        if (e == null) {
            synchronized (this) {
                if (encoder == null) {
                    encoder = new SurvivorEncoder(
                            HexFormat.of().parseHex(encryption.blindIndex("linkage.bloom-key", "haven:linkage:v1")));
                }
                e = encoder;
            }
        }
        return e;
    }
}
