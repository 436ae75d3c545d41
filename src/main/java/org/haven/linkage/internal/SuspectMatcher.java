package org.haven.linkage.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.haven.linkage.engine.PartialDate;
import org.haven.linkage.engine.PreparedRecord;
import org.haven.linkage.engine.PreparedRecord.NamePart;
import org.haven.linkage.engine.Similarity;
import org.haven.linkage.names.NameNormaliser;
import org.haven.linkage.privacy.BloomEncoder;
import org.haven.linkage.privacy.EncodedRecord;

/**
 * Proposes which suspects recorded in different proceedings are the same person, with the same frequency-aware
 * Fellegi–Sunter scoring as survivors ({@link PairScorer}): names and aliases (normalised: Khmer script, romanisation
 * variants, honorifics), birth year (treated as an estimate, ±1 partly agrees), sex, phone and identity document, each
 * with an agreement level that is shown to the investigator as the reason.
 *
 * <p>Suspects carry one full name, not a given and a family name, and are written in either order: for each pair the
 * second name's words are aligned to the first's (most similar word first), then the first word is compared as the
 * family name and the rest as the given name, so "Sok Dara" and "Dara Sok" agree on both. Names of one word only are
 * never compared ("Dara", "the broker" say too little). How common a name is comes from the suspects being resolved
 * and from the encoded survivors (the population's names): agreeing on a common name is weak evidence.
 *
 * <p>A pair sharing an identity document (national id, passport) is a {@link Band#MATCH} whatever the names. Otherwise
 * a pair passes PairScorer's gates (both names at least partly agree, similarity floor, "possible" probability) and is
 * a MATCH from {@code matchProbability}, a {@link Band#POSSIBLE} below it; years of birth more than
 * {@value #MAX_YEARS_APART} apart are never the same person. Blocking: pairs share a name word's key or
 * its consonant skeleton; words held by more than {@value #BLOCK_CAP} suspects are skipped unless they are a
 * suspect's only words. Plaintext stays in memory: the Bloom filters are built with a random key per instance and never
 * stored.
 */
public final class SuspectMatcher {

    public enum Band { MATCH, POSSIBLE }

    /**
     * A suspect as the matcher needs it. {@code documents}: normalised {@code KIND:VALUE} of national ids and
     * passports; {@code phones}: normalised phone numbers.
     */
    public record Profile(UUID id, String name, List<String> aliases, String sex, Integer birthYear,
            List<String> documents, List<String> phones) {

        public Profile {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            documents = documents == null ? List.of() : List.copyOf(documents);
            phones = phones == null ? List.of() : List.copyOf(phones);
        }
    }

    /**
     * A proposed pair ({@code a} before {@code b} in the input order): band, match probability (1 for a shared
     * document), and the level of each field (field names as in the survivors' review queue, plus {@code document}).
     */
    public record Proposal(UUID a, UUID b, Band band, double score, Map<String, String> fields) {
    }

    static final int BLOCK_CAP = 200;
    /** Years of birth further apart than this (both known) are two people, unless they share a document. */
    static final int MAX_YEARS_APART = 5;

    private final NameNormaliser names;
    private final PairScorer scorer;
    private final double possibleThreshold;
    private final double possibleProbability;
    private final double matchProbability;
    private final BloomEncoder bloom;

    /**
     * @param possibleThreshold   similarity floor (as {@link LinkageSettings#possibleThreshold()})
     * @param possibleProbability probability from which a pair is proposed
     * @param matchProbability    probability from which a pair is the same person without review
     */
    public SuspectMatcher(NameNormaliser names, PairScorer scorer, double possibleThreshold,
            double possibleProbability, double matchProbability) {
        this.names = names;
        this.scorer = scorer;
        this.possibleThreshold = possibleThreshold;
        this.possibleProbability = possibleProbability;
        this.matchProbability = matchProbability;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.bloom = new BloomEncoder(key);
    }

    /** The name keys (normalised words) of a suspect's name and aliases: what {@code shares} is asked about. */
    public Set<String> nameKeys(Profile p) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> n : names(p)) {
            out.addAll(n);
            out.add(String.join("", n.subList(1, n.size())));
        }
        return out;
    }

    /**
     * Proposed pairs among these suspects. {@code populationShare}: for a name key, its share among the encoded
     * survivors (0 when unknown); may be null.
     */
    public List<Proposal> propose(List<Profile> suspects, Function<Collection<String>, Map<String, Double>>
            populationShare) {
        int n = suspects.size();
        List<List<List<String>>> tokens = new ArrayList<>(n);
        Map<String, Integer> counts = new HashMap<>();
        for (Profile p : suspects) {
            List<List<String>> t = names(p);
            tokens.add(t);
            Set<String> mine = new HashSet<>();
            for (List<String> name : t) {
                mine.addAll(name);
                mine.add(String.join("", name.subList(1, name.size())));
            }
            mine.forEach(k -> counts.merge(k, 1, Integer::sum));
        }
        Map<String, Double> shares = populationShare == null ? Map.of() : populationShare.apply(counts.keySet());
        long population = Math.max(PairScorer.MIN_POPULATION, n);
        Map<Long, String> hashed = new HashMap<>();
        Map<String, List<String>> joined = new HashMap<>();
        PairScorer.Frequencies freq = new PairScorer.Frequencies() {
            @Override
            public long total() {
                return population;
            }

            @Override
            public long count(Long key) {
                String k = key == null ? null : hashed.get(key);
                if (k == null) {
                    return 0;
                }
                List<String> words = joined.get(k);
                if (words == null || words.size() < 2) {
                    return word(k);
                }
                // several words: the combination is at most as common as its rarest word
                long min = Long.MAX_VALUE;
                for (String w : words) {
                    min = Math.min(min, word(w));
                }
                return Math.max(min, Math.round(shares.getOrDefault(k, 0.0) * population));
            }

            private long word(String k) {
                long here = counts.getOrDefault(k, 0);
                long there = Math.round(shares.getOrDefault(k, 0.0) * population);
                // a name met once among the suspects is the pair's own: unknown rather than "rare"
                return here <= 1 && there == 0 ? 0 : Math.max(here, there);
            }
        };
        Set<Long> pairs = new LinkedHashSet<>();
        // shared document: exact
        Map<String, List<Integer>> byDocument = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String d : suspects.get(i).documents()) {
                byDocument.computeIfAbsent(d, k -> new ArrayList<>()).add(i);
            }
        }
        byDocument.values().forEach(block -> addPairs(pairs, block));
        // name words and their skeletons
        Map<String, List<Integer>> byWord = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Set<String> words = new HashSet<>();
            for (List<String> name : tokens.get(i)) {
                for (String w : name) {
                    words.add(w);
                    words.add("~" + NameNormaliser.skeleton(w));
                }
            }
            for (String w : words) {
                byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> block : byWord.values()) {
            if (block.size() <= BLOCK_CAP) {
                addPairs(pairs, block);
            }
        }
        List<Proposal> out = new ArrayList<>();
        for (long pair : pairs) {
            int i = (int) (pair >>> 32);
            int j = (int) pair;
            Proposal p = score(suspects.get(i), tokens.get(i), suspects.get(j), tokens.get(j), freq, hashed,
                    joined);
            if (p != null) {
                out.add(p);
            }
        }
        out.sort((x, y) -> Double.compare(y.score(), x.score()));
        return out;
    }

    private static void addPairs(Set<Long> pairs, List<Integer> block) {
        for (int x = 0; x < block.size(); x++) {
            for (int y = x + 1; y < block.size(); y++) {
                int i = Math.min(block.get(x), block.get(y));
                int j = Math.max(block.get(x), block.get(y));
                if (i != j) {
                    pairs.add(((long) i << 32) | j);
                }
            }
        }
    }

    private Proposal score(Profile a, List<List<String>> ta, Profile b, List<List<String>> tb,
            PairScorer.Frequencies freq, Map<Long, String> hashed, Map<String, List<String>> joined) {
        boolean sameDocument = false;
        for (String d : a.documents()) {
            sameDocument |= b.documents().contains(d);
        }
        if (!sameDocument && a.birthYear() != null && b.birthYear() != null
                && Math.abs(a.birthYear() - b.birthYear()) > MAX_YEARS_APART) {
            return null; // a namesake of another generation, whatever the name
        }
        String phone = shared(a.phones(), b.phones());
        PairScorer.Scored best = null;
        for (List<String> na : ta) {
            for (List<String> nb : tb) {
                List<String> aligned = align(na, nb);
                SuspectEncoding ea = encode(a, na, phone, hashed, joined);
                SuspectEncoding eb = encode(b, aligned, phone, hashed, joined);
                PairScorer.Scored s = scorer.score(ea.encoding, eb.encoding, freq);
                if (best == null || s.score() > best.score()) {
                    best = s;
                }
            }
        }
        if (best == null && !sameDocument) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (best != null) {
            best.explanation().forEach((k, v) -> fields.put(k, v.name()));
        } else {
            fields.put("given_name", PairScorer.Level.MISSING.name());
            fields.put("family_name", PairScorer.Level.MISSING.name());
        }
        if (!a.documents().isEmpty() && !b.documents().isEmpty()) {
            // the scorer saw the first document of each; the reason is whether any of them is shared
            fields.put("id_number", sameDocument ? PairScorer.Level.AGREE.name() : PairScorer.Level.DISAGREE.name());
        }
        if (sameDocument) {
            return new Proposal(a.id(), b.id(), Band.MATCH, 1.0, fields);
        }
        boolean candidate = best.namesAgree() && best.similarity() >= possibleThreshold
                && best.score() >= possibleProbability;
        if (!candidate) {
            return null;
        }
        double score = Math.round(best.score() * 10000) / 10000.0;
        return new Proposal(a.id(), b.id(), best.score() >= matchProbability ? Band.MATCH : Band.POSSIBLE, score,
                fields);
    }

    private static String shared(List<String> a, List<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return x;
            }
        }
        return null;
    }

    /** The words of {@code b} reordered to follow those of {@code a}: each of a's words takes b's most similar one. */
    static List<String> align(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(b);
        List<String> out = new ArrayList<>(b.size());
        for (String w : a) {
            if (rest.isEmpty()) {
                break;
            }
            int best = 0;
            double bestSim = -1;
            for (int i = 0; i < rest.size(); i++) {
                double s = Similarity.jaroWinkler(w, rest.get(i));
                if (s > bestSim) {
                    bestSim = s;
                    best = i;
                }
            }
            out.add(rest.remove(best));
        }
        out.addAll(rest);
        return out;
    }

    private record SuspectEncoding(SurvivorEncoding encoding) {
    }

    private SuspectEncoding encode(Profile p, List<String> words, String sharedPhone, Map<Long, String> hashed,
            Map<String, List<String>> joined) {
        String familyKey = words.get(0);
        String givenKey = String.join("", words.subList(1, words.size()));
        NamePart family = part(familyKey);
        NamePart given = part(givenKey);
        PartialDate birth = p.birthYear() == null ? PartialDate.UNKNOWN
                : new PartialDate(p.birthYear(), 0, 0, true); // a suspect's year of birth is usually an estimate
        String phone = sharedPhone != null ? sharedPhone : p.phones().isEmpty() ? null : p.phones().get(0);
        String document = p.documents().isEmpty() ? null : p.documents().get(0);
        PreparedRecord r = new PreparedRecord(p.id().toString(), 0, given, family, null, birth, sex(p.sex()),
                phone == null ? null : lastDigits(phone), document, null, null, null, null, null);
        EncodedRecord e = bloom.encode(r);
        long gk = hash(givenKey);
        long fk = hash(familyKey);
        hashed.put(gk, givenKey);
        hashed.put(fk, familyKey);
        joined.putIfAbsent(givenKey, List.copyOf(words.subList(1, words.size())));
        return new SuspectEncoding(new SurvivorEncoding(e.given(), e.family(), e.birth(), e.sex(), e.phone(),
                e.idNumber(), e.blockingKeys(), null, r.sex(), gk, fk));
    }

    private static long hash(String key) {
        long h = Similarity.hash64(key);
        return h == 0 ? 1 : h;
    }

    private NamePart part(String key) {
        return new NamePart(key, key, NameNormaliser.skeleton(key), false, names.isKnownKey(key));
    }

    private static String lastDigits(String phone) {
        String d = phone.replaceAll("[^0-9]", "");
        return d.length() > 8 ? d.substring(d.length() - 8) : d;
    }

    private static String sex(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("m") ? "m" : s.startsWith("f") ? "f" : s;
    }

    /** Names and aliases as lists of word keys; only those of two words or more. */
    private List<List<String>> names(Profile p) {
        List<String> all = new ArrayList<>();
        all.add(p.name());
        all.addAll(p.aliases());
        List<List<String>> out = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (String name : all) {
            List<String> keys = new ArrayList<>();
            names.tokens(name).forEach(t -> keys.add(t.key()));
            keys.removeIf(String::isEmpty);
            if (keys.size() >= 2 && seen.add(keys)) {
                out.add(keys);
            }
        }
        return out;
    }
}
