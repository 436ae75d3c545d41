package org.haven.linkage.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.cases.CaseOpened;
import org.haven.cases.SurvivorIdentities;
import org.haven.cases.SurvivorIdentities.Identified;
import org.haven.cases.SurvivorIdentities.Stamp;
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
 * when a case is opened for it ({@link CaseOpened}) and whenever its row version differs from the version it was
 * encoded at — the cases module publishes no event for identity edits, so a periodic reconciliation (and the
 * {@code linkage encode} command) picks those up, and also backfills survivors that were loaded without events
 * (generated data). Each encoding is audited as {@code linkage.encode} (system action, survivor ids only).
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
    private final PairScorer scorer = new PairScorer();
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

    /** Encodes these survivors and refreshes their candidates, in the caller's transaction (or a new one). */
    public int encode(List<UUID> survivorIds) {
        Integer n = tx.execute(status -> {
            // Two survivors encoded concurrently would each miss the other's uncommitted encoding and the pair would
            // never be compared: encodings are serialised (held for one short batch; candidate search is indexed).
            store.lockEncodings();
            List<UUID> done = new ArrayList<>();
            for (UUID id : survivorIds) {
                Optional<Identified> s = identities.identity(id);
                if (s.isEmpty()) {
                    continue;
                }
                SurvivorEncoding e = encoder().encode(s.get());
                store.save(id, s.get().organisationId(), s.get().version(), e);
                store.replacePending(id, candidates(id, s.get().organisationId(), e));
                done.add(id);
            }
            if (!done.isEmpty()) {
                audit.record(AuditEntry.change("survivor", "linkage.encode", done));
            }
            return done.size();
        });
        return n == null ? 0 : n;
    }

    private List<LinkageStore.Candidate> candidates(UUID survivorId, UUID org, SurvivorEncoding e) {
        List<LinkageStore.Candidate> out = new ArrayList<>();
        for (LinkageStore.Stored other : store.blockedWith(survivorId, e)) {
            PairScorer.Scored s = scorer.score(e, other.encoding());
            if (s.namesAgree() && s.score() >= settings.possibleThreshold()) {
                String json = s.explanation().entrySet().stream()
                        .map(x -> "\"" + x.getKey() + "\":\"" + x.getValue() + "\"")
                        .collect(Collectors.joining(",", "{", "}"));
                out.add(LinkageStore.Candidate.of(survivorId, org, other.survivorId(), other.organisationId(),
                        Math.round(s.score() * 10000) / 10000.0, json));
            }
        }
        return out;
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

    private SurvivorEncoder encoder() {
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
