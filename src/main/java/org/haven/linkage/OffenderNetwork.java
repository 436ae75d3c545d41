package org.haven.linkage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.linkage.internal.LinkageSettings;
import org.haven.linkage.internal.PairScorer;
import org.haven.linkage.internal.SuspectMatcher;
import org.haven.linkage.internal.SurvivorEncodings;
import org.haven.linkage.names.NameNormaliser;
import org.haven.places.Gazetteer;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.Defendant;
import org.haven.prosecution.ProceedingSummary;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.Suspect;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspects resolved across proceedings, and the offender network: people, phones, places and proceedings as a graph.
 *
 * <p>Suspects are read through the prosecution module's public API (the proceedings within the user's reach, then
 * their defendants — only proceedings where the user has full reach carry identities), so its access rules and audit
 * apply unchanged. Suspects recorded separately in several proceedings are proposed as the same person by the
 * survivors' frequency-aware Fellegi–Sunter scoring ({@link SuspectMatcher}: names and aliases in any spelling, order
 * or script, birth year, sex, phone, identity document), each pair with its reasons (the level of every field) and a
 * band: MATCH (probability from {@value #MATCH_PROBABILITY}, or a shared identity document) or POSSIBLE. Matches and
 * pairs an investigator confirmed are one person; POSSIBLE pairs stay apart until reviewed ({@link #decide}: confirm,
 * not the same, unsure; a pair declared not the same is never merged). A shared phone does not make two people one
 * (a broker's phone is lent), but links both to the phone.
 *
 * <p>Edges: person — proceeding (defendant, with the role), person — phone, proceeding — place (province). Connected
 * groups are the graph's components; brokers are the people with the highest betweenness centrality (Brandes),
 * then degree.
 *
 * <p>Reach: every proceeding within the user's reach is listed; a {@link Filter} keeps those of a period (complaint
 * date) and a province, and a starting person (name, any spelling) or phone keeps only the connected groups that
 * contain it. The defendants of at most {@value #MAX_PROCEEDINGS} proceedings of the scope are read, newest first
 * ({@value #MAX_START_PROCEEDINGS} with a starting person or phone, since only its group is returned); the result
 * says when the scope held more ({@link Network#truncated()}, with the counts), so the investigator narrows it.
 *
 * <p>Access: {@link Permission#NETWORK_VIEW} (police investigators and prosecutors only), otherwise {@link Forbidden}.
 * Audited in the same transaction: the prosecution module audits each proceeding's defendants; the view is recorded as
 * a read of every suspect it returns with detail {@code view=network}; a review decision as {@code linkage.suspect-decide}.
 */
@Service
public class OffenderNetwork {

    public enum Kind { PERSON, PHONE, PLACE, PROCEEDING }

    /** A node; {@code group} is its connected group (1 = largest), {@code suspectIds} set for people only. */
    public record Node(String id, Kind kind, String label, int group, int degree, double betweenness,
            List<UUID> suspectIds, List<String> reasons) {
    }

    public record Edge(String from, String to, String label) {
    }

    public record Group(int id, int people, int nodes) {
    }

    /**
     * What to show: proceedings with a complaint date in [{@code from}, {@code to}] (either open), of a province
     * (code as recorded, e.g. {@code 12} or {@code TH-10}), and only the connected groups of a person (name, any
     * spelling or order) or a phone. All optional.
     */
    public record Filter(LocalDate from, LocalDate to, String province, String person, String phone) {

        public static final Filter NONE = new Filter(null, null, null, null, null);

        public Filter {
            province = blankToNull(province);
            person = blankToNull(person);
            phone = blankToNull(phone);
        }

        public boolean hasStart() {
            return person != null || phone != null;
        }

        public boolean isEmpty() {
            return from == null && to == null && province == null && !hasStart();
        }
    }

    /**
     * A pair of suspect records proposed as the same person (or decided on): each side with one proceeding it is a
     * defendant in; {@code band} MATCH or POSSIBLE (null when only a decision remains), the score and the level of
     * each field; {@code status} PENDING until an investigator decides (CONFIRMED, NOT_SAME, UNSURE).
     */
    public record Pair(UUID suspectA, String nameA, UUID proceedingA, String proceedingLabelA, UUID suspectB,
            String nameB, UUID proceedingB, String proceedingLabelB, String band, double score,
            Map<String, String> fields, String status, String decidedByOrganisation, Instant decidedAt,
            String reason) {
    }

    /**
     * The graph. {@code proceedings}: proceedings whose defendants were read; {@code proceedingsInScope}: those
     * matching the filter's period and province; {@code truncated} when the scope held more than were read.
     * {@code startFound}: with a starting person or phone, whether it was found (the groups shown are its own).
     */
    public record Network(List<Node> nodes, List<Edge> edges, List<Group> groups, List<Node> brokers,
            int proceedings, int suspects, int people, boolean truncated, Filter filter, int proceedingsInScope,
            boolean startFound, List<Pair> pairs) {
    }

    static final int MAX_PROCEEDINGS = 1000;
    static final int MAX_START_PROCEEDINGS = 5000;
    /** Proceedings listed at most (summaries only) before the period and province filters. */
    static final int MAX_LISTED = 200_000;
    static final double MATCH_PROBABILITY = 0.9;
    static final int REASON_MAX = 500;
    private static final int PAGE = 200;

    private final ProsecutionTracking tracking;
    private final Adjudication adjudication;
    private final AuditLog audit;
    private final Gazetteer gazetteer;
    private final SurvivorEncodings encodings;
    private final JdbcClient jdbc;
    private final NameNormaliser names = NameNormaliser.standard();
    private final SuspectMatcher matcher;

    OffenderNetwork(ProsecutionTracking tracking, Adjudication adjudication, AuditLog audit, Gazetteer gazetteer,
            SurvivorEncodings encodings, JdbcClient jdbc, LinkageSettings settings) {
        this.tracking = tracking;
        this.adjudication = adjudication;
        this.audit = audit;
        this.gazetteer = gazetteer;
        this.encodings = encodings;
        this.jdbc = jdbc;
        this.matcher = new SuspectMatcher(names, new PairScorer(settings.duplicateRate()),
                settings.possibleThreshold(), settings.possibleProbability(), MATCH_PROBABILITY);
    }

    @Transactional
    public Network network() {
        return network(Filter.NONE);
    }

    @Transactional
    public Network network(Filter filter) {
        requireInvestigator();
        Filter f = filter == null ? Filter.NONE : filter;
        if (f.from() != null && f.to() != null && f.from().isAfter(f.to())) {
            throw InvalidInput.of("to", "linkage.error.period", "The end of the period is before its start.");
        }
        List<ProceedingSummary> scope = new ArrayList<>();
        for (int offset = 0; offset < MAX_LISTED; offset += PAGE) {
            List<ProceedingSummary> page = tracking.list(null, PAGE, offset);
            for (ProceedingSummary p : page) {
                if (inScope(p, f)) {
                    scope.add(p);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        int max = f.hasStart() ? MAX_START_PROCEEDINGS : MAX_PROCEEDINGS;
        List<ProceedingSummary> proceedings = scope.size() > max ? scope.subList(0, max) : scope;
        boolean truncated = scope.size() > proceedings.size();
        Map<UUID, Suspect> suspects = new LinkedHashMap<>();
        Map<UUID, ProceedingSummary> firstProceeding = new HashMap<>();
        List<Object[]> roles = new ArrayList<>(); // suspect id, proceeding, role
        for (ProceedingSummary p : proceedings) {
            for (Defendant d : adjudication.defendants(p.id())) {
                if (d.suspect() == null) {
                    continue; // no full reach: identities are not ours to see
                }
                suspects.putIfAbsent(d.suspectId(), d.suspect());
                firstProceeding.putIfAbsent(d.suspectId(), p);
                roles.add(new Object[] {d.suspectId(), p, d.role()});
            }
        }
        List<Suspect> all = new ArrayList<>(suspects.values());
        List<SuspectMatcher.Proposal> proposals = matcher.propose(profiles(all), encodings::nameShares);
        Map<String, Decided> decisions = decisions(suspects.keySet());
        Map<UUID, Resolved> people = resolve(all, proposals, decisions);
        Graph g = new Graph();
        Set<UUID> withSuspects = new LinkedHashSet<>();
        for (Object[] r : roles) {
            Resolved person = people.get((UUID) r[0]);
            ProceedingSummary p = (ProceedingSummary) r[1];
            withSuspects.add(p.id());
            g.edge(person.nodeId, proceeding(p), ((Suspect.SchemeRole) r[2]).name());
        }
        Map<String, String> placeNames = new HashMap<>();
        for (ProceedingSummary p : proceedings) {
            if (withSuspects.contains(p.id())) {
                g.label(proceeding(p), Kind.PROCEEDING, label(p));
                if (p.provinceCode() != null) {
                    String code = "KH".equals(p.countryCode()) ? p.provinceCode() : p.provinceCode().contains("-")
                            ? p.provinceCode() : p.countryCode() + "-" + p.provinceCode();
                    String name = placeNames.computeIfAbsent(code, c -> gazetteer.find(c)
                            .map(x -> x.nameLatin() + " (" + x.countryCode() + ")").orElse(c));
                    g.label(place(p), Kind.PLACE, name);
                    g.edge(proceeding(p), place(p), null);
                }
            }
        }
        for (Suspect s : suspects.values()) {
            for (String phone : phones(s)) {
                g.label("phone:" + phone, Kind.PHONE, phone);
                g.edge(people.get(s.id()).nodeId, "phone:" + phone, null);
            }
        }
        for (Resolved r : new LinkedHashSet<>(people.values())) {
            g.label(r.nodeId, Kind.PERSON, r.label);
        }
        Network n = g.build(people);
        List<Node> nodes = n.nodes();
        List<Edge> edges = n.edges();
        List<Group> groups = n.groups();
        List<Node> brokers = n.brokers();
        boolean startFound = false;
        if (f.hasStart()) {
            Set<Integer> keep = startGroups(nodes, f, people);
            startFound = !keep.isEmpty();
            Set<String> kept = new HashSet<>();
            nodes = nodes.stream().filter(x -> keep.contains(x.group())).toList();
            nodes.forEach(x -> kept.add(x.id()));
            edges = edges.stream().filter(e -> kept.contains(e.from())).toList();
            groups = groups.stream().filter(x -> keep.contains(x.id())).toList();
            brokers = brokers.stream().filter(x -> keep.contains(x.group())).toList();
        }
        Set<UUID> shown = new LinkedHashSet<>();
        nodes.forEach(x -> shown.addAll(x.suspectIds()));
        List<Pair> pairs = pairs(proposals, decisions, suspects, firstProceeding, shown);
        if (!shown.isEmpty()) {
            audit.record(AuditEntry.read("suspect", List.copyOf(shown)).withDetail("view", "network"));
        }
        int persons = (int) nodes.stream().filter(x -> x.kind() == Kind.PERSON).count();
        return new Network(nodes, edges, groups, brokers, proceedings.size(), shown.size(), persons, truncated, f,
                scope.size(), startFound, pairs);
    }

    /**
     * Records an investigator's decision on a pair of suspects: CONFIRMED (one person), NOT_SAME (never merged) or
     * UNSURE; a reason is required for CONFIRMED and NOT_SAME (at most {@value #REASON_MAX} characters, seen by every
     * investigator who can see both suspects: no names). Each suspect is named with a proceeding it is a defendant in,
     * which must be within the user's full reach ({@link NotFound} otherwise). A pair already confirmed or declared not
     * the same answers {@link Conflict}.
     */
    @Transactional
    public Pair decide(UUID suspectA, UUID proceedingA, UUID suspectB, UUID proceedingB, String decision,
            String reason) {
        CurrentUser user = requireInvestigator();
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (suspectA == null || proceedingA == null || suspectB == null || proceedingB == null) {
            errors.add(new InvalidInput.FieldError("suspectA", "linkage.error.pairRequired",
                    "Name both suspects and a proceeding of each."));
        } else if (suspectA.equals(suspectB)) {
            errors.add(new InvalidInput.FieldError("suspectB", "linkage.error.pairSame",
                    "A suspect record cannot be paired with itself."));
        }
        RecordLinkage.Decision d = null;
        if (decision == null || decision.isBlank()) {
            errors.add(new InvalidInput.FieldError("decision", "linkage.error.decisionRequired",
                    "Choose a decision: CONFIRMED, NOT_SAME or UNSURE."));
        } else {
            try {
                d = RecordLinkage.Decision.valueOf(decision.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidInput.FieldError("decision", "linkage.error.decisionUnknown",
                        "Unknown decision. Use CONFIRMED, NOT_SAME or UNSURE."));
            }
        }
        String r = reason == null || reason.isBlank() ? null : reason.strip();
        if (r == null && d != null && d != RecordLinkage.Decision.UNSURE) {
            errors.add(new InvalidInput.FieldError("reason", "linkage.error.reasonRequired",
                    "Give the reason for this decision."));
        }
        if (r != null && r.length() > REASON_MAX) {
            errors.add(new InvalidInput.FieldError("reason", "linkage.error.reasonTooLong", "At most 500 characters."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Suspect a = defendant(proceedingA, suspectA);
        Suspect b = defendant(proceedingB, suspectB);
        List<SuspectMatcher.Proposal> scored = matcher.propose(profiles(List.of(a, b)), encodings::nameShares);
        Double score = scored.isEmpty() ? null : scored.get(0).score();
        boolean ordered = suspectA.toString().compareTo(suspectB.toString()) < 0;
        UUID x = ordered ? suspectA : suspectB;
        UUID y = ordered ? suspectB : suspectA;
        int n = jdbc.sql("""
                insert into linkage_suspect_decision (suspect_a, suspect_b, status, score, decided_by, decided_org,
                  reason) values (:a, :b, :status, cast(:score as numeric(5,4)), :user, :org, :reason)
                on conflict (suspect_a, suspect_b) do update set status = excluded.status, score = excluded.score,
                  decided_by = excluded.decided_by, decided_org = excluded.decided_org, decided_at = now(),
                  reason = excluded.reason, version = linkage_suspect_decision.version + 1
                  where linkage_suspect_decision.status = 'UNSURE'""")
                .param("a", x).param("b", y).param("status", d.name()).param("score", score)
                .param("user", user.userId()).param("org", user.organisationId()).param("reason", r).update();
        if (n == 0) {
            throw new Conflict("linkage.decided", "This pair has already been decided. Reload it.");
        }
        audit.record(AuditEntry.change("suspect", "linkage.suspect-decide", List.of(suspectA, suspectB))
                .withDetail("decision", d.name()));
        Decided decided = decisions(Set.of(suspectA, suspectB)).get(x + "|" + y);
        Map<String, String> fields = scored.isEmpty() ? Map.of() : scored.get(0).fields();
        String band = scored.isEmpty() ? null : scored.get(0).band().name();
        return new Pair(suspectA, a.name(), proceedingA, null, suspectB, b.name(), proceedingB, null, band,
                score == null ? 0 : score, fields, decided.status, decided.organisation, decided.at, decided.reason);
    }

    private Suspect defendant(UUID proceedingId, UUID suspectId) {
        for (Defendant d : adjudication.defendants(proceedingId)) {
            if (d.suspectId().equals(suspectId) && d.suspect() != null) {
                return d.suspect();
            }
        }
        throw new NotFound("suspect");
    }

    private static CurrentUser requireInvestigator() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.NETWORK_VIEW) || !user.can(Permission.PROCEEDING_READ)) {
            throw new Forbidden("The network view is for police investigators and prosecutors.");
        }
        return user;
    }

    private static boolean inScope(ProceedingSummary p, Filter f) {
        if (f.from() != null && (p.complaintOn() == null || p.complaintOn().isBefore(f.from()))) {
            return false;
        }
        if (f.to() != null && (p.complaintOn() == null || p.complaintOn().isAfter(f.to()))) {
            return false;
        }
        if (f.province() != null) {
            String want = f.province().strip().toUpperCase(Locale.ROOT);
            String code = p.provinceCode() == null ? "" : p.provinceCode().toUpperCase(Locale.ROOT);
            String full = (p.countryCode() == null ? "" : p.countryCode().toUpperCase(Locale.ROOT)) + "-" + code;
            return want.equals(code) || want.equals(full);
        }
        return true;
    }

    /** Groups holding a person whose name or alias has every word of the filter's name, or the filter's phone. */
    private Set<Integer> startGroups(List<Node> nodes, Filter f, Map<UUID, Resolved> people) {
        Set<Integer> out = new HashSet<>();
        String phone = f.phone() == null ? null : "phone:" + Suspect.normalise(Suspect.IdentifierKind.PHONE, f.phone());
        Set<String> words = new HashSet<>();
        if (f.person() != null) {
            names.tokens(f.person()).forEach(t -> words.add(t.key()));
            words.remove("");
        }
        Map<String, Resolved> byNode = new HashMap<>();
        people.values().forEach(r -> byNode.put(r.nodeId, r));
        for (Node n : nodes) {
            if (phone != null && n.id().equals(phone)) {
                out.add(n.group());
            }
            Resolved r = byNode.get(n.id());
            if (!words.isEmpty() && r != null && r.words.containsAll(words)) {
                out.add(n.group());
            }
        }
        return out;
    }

    private static String label(ProceedingSummary p) {
        return p.courtCaseNo() != null && !p.courtCaseNo().isBlank() ? p.courtCaseNo()
                : "P-" + p.id().toString().substring(0, 8);
    }

    private String proceeding(ProceedingSummary p) {
        return "proceeding:" + p.id();
    }

    private String place(ProceedingSummary p) {
        return "place:" + p.countryCode() + "-" + p.provinceCode();
    }

    private static List<String> phones(Suspect s) {
        List<String> out = new ArrayList<>();
        for (Suspect.Identifier i : s.identifiers()) {
            if (i.kind() == Suspect.IdentifierKind.PHONE && i.value() != null && !i.value().isBlank()) {
                String phone = Suspect.normalise(i.kind(), i.value());
                if (!phone.isEmpty() && !out.contains(phone)) {
                    out.add(phone);
                }
            }
        }
        return out;
    }

    private static List<SuspectMatcher.Profile> profiles(List<Suspect> suspects) {
        List<SuspectMatcher.Profile> out = new ArrayList<>(suspects.size());
        for (Suspect s : suspects) {
            List<String> documents = new ArrayList<>();
            for (Suspect.Identifier i : s.identifiers()) {
                if ((i.kind() == Suspect.IdentifierKind.NATIONAL_ID || i.kind() == Suspect.IdentifierKind.PASSPORT)
                        && i.value() != null && !i.value().isBlank()) {
                    documents.add(i.kind() + ":" + Suspect.normalise(i.kind(), i.value()));
                }
            }
            out.add(new SuspectMatcher.Profile(s.id(), s.name(), s.aliases(), s.sex(), s.birthYear(), documents,
                    phones(s)));
        }
        return out;
    }

    // ---------------------------------------------------------------- decisions

    private record Decided(String status, String organisation, Instant at, String reason) {
    }

    /** Decisions on pairs of these suspects, by "a|b" (a &lt; b as PostgreSQL orders uuids). */
    private Map<String, Decided> decisions(Set<UUID> suspectIds) {
        if (suspectIds.isEmpty()) {
            return Map.of();
        }
        UUID[] ids = suspectIds.toArray(UUID[]::new);
        Map<String, Decided> out = new HashMap<>();
        jdbc.sql("""
                select d.suspect_a, d.suspect_b, d.status, o.name, d.decided_at, d.reason
                from linkage_suspect_decision d join organisation o on o.id = d.decided_org
                where d.suspect_a = any(:ids) and d.suspect_b = any(:ids)""")
                .param("ids", ids)
                .query(rs -> {
                    OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                    out.put(rs.getObject(1, UUID.class) + "|" + rs.getObject(2, UUID.class),
                            new Decided(rs.getString(3), rs.getString(4), at == null ? null : at.toInstant(),
                                    rs.getString(6)));
                });
        return out;
    }

    private static String key(UUID a, UUID b) {
        return a.toString().compareTo(b.toString()) < 0 ? a + "|" + b : b + "|" + a;
    }

    private List<Pair> pairs(List<SuspectMatcher.Proposal> proposals, Map<String, Decided> decisions,
            Map<UUID, Suspect> suspects, Map<UUID, ProceedingSummary> firstProceeding, Set<UUID> shown) {
        List<Pair> out = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (SuspectMatcher.Proposal p : proposals) {
            if (shown.contains(p.a()) && shown.contains(p.b())) {
                listed.add(key(p.a(), p.b()));
                out.add(pair(p.a(), p.b(), p.band().name(), p.score(), p.fields(), decisions.get(key(p.a(), p.b())),
                        suspects, firstProceeding));
            }
        }
        decisions.forEach((k, d) -> {
            UUID a = UUID.fromString(k.substring(0, k.indexOf('|')));
            UUID b = UUID.fromString(k.substring(k.indexOf('|') + 1));
            if (!listed.contains(k) && shown.contains(a) && shown.contains(b)) {
                out.add(pair(a, b, null, 0, Map.of(), d, suspects, firstProceeding));
            }
        });
        // to review first: pending possible pairs, then unsure, then the rest; within each the highest score first
        out.sort(Comparator.comparingInt(OffenderNetwork::rank).thenComparing(
                Comparator.comparingDouble(Pair::score).reversed()));
        return out;
    }

    private static int rank(Pair p) {
        if ("PENDING".equals(p.status())) {
            return "POSSIBLE".equals(p.band()) ? 0 : 2;
        }
        return "UNSURE".equals(p.status()) ? 1 : 3;
    }

    private static Pair pair(UUID a, UUID b, String band, double score, Map<String, String> fields, Decided d,
            Map<UUID, Suspect> suspects, Map<UUID, ProceedingSummary> firstProceeding) {
        ProceedingSummary pa = firstProceeding.get(a);
        ProceedingSummary pb = firstProceeding.get(b);
        return new Pair(a, suspects.get(a).name(), pa.id(), label(pa), b, suspects.get(b).name(), pb.id(), label(pb),
                band, score, fields, d == null ? "PENDING" : d.status, d == null ? null : d.organisation,
                d == null ? null : d.at, d == null ? null : d.reason);
    }

    // ---------------------------------------------------------------- resolution

    /** One resolved person: its node id, label, suspects, the words of their names and why they were merged. */
    static final class Resolved {
        final String nodeId;
        final String label;
        final List<UUID> suspectIds = new ArrayList<>();
        final Set<String> reasons = new LinkedHashSet<>();
        final Set<String> words = new HashSet<>();

        Resolved(String nodeId, String label) {
            this.nodeId = nodeId;
            this.label = label;
        }
    }

    /**
     * Suspect id → resolved person (several suspects may map to the same instance): pairs in the MATCH band and pairs
     * confirmed by an investigator are merged, unless an investigator declared them not the same.
     */
    Map<UUID, Resolved> resolve(List<Suspect> suspects, List<SuspectMatcher.Proposal> proposals,
            Map<String, Decided> decisions) {
        int n = suspects.size();
        Map<UUID, Integer> index = new HashMap<>();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            index.put(suspects.get(i).id(), i);
        }
        List<Set<String>> reasons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            reasons.add(new LinkedHashSet<>());
        }
        for (SuspectMatcher.Proposal p : proposals) {
            Decided d = decisions.get(key(p.a(), p.b()));
            if (p.band() != SuspectMatcher.Band.MATCH || d != null && !"UNSURE".equals(d.status)) {
                continue; // decided pairs follow the decision, below
            }
            String why = "AGREE".equals(p.fields().get("id_number")) && p.score() >= 1.0 ? "SAME_DOCUMENT"
                    : "SCORED_MATCH";
            merge(parent, reasons, index.get(p.a()), index.get(p.b()), why);
        }
        decisions.forEach((k, d) -> {
            if ("CONFIRMED".equals(d.status)) {
                Integer a = index.get(UUID.fromString(k.substring(0, k.indexOf('|'))));
                Integer b = index.get(UUID.fromString(k.substring(k.indexOf('|') + 1)));
                if (a != null && b != null) {
                    merge(parent, reasons, a, b, "CONFIRMED");
                }
            }
        });
        Map<Integer, Resolved> roots = new HashMap<>();
        Map<UUID, Resolved> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            Suspect s = suspects.get(i);
            Resolved r = roots.computeIfAbsent(root, k -> new Resolved("person:" + suspects.get(k).id(),
                    suspects.get(k).name()));
            r.suspectIds.add(s.id());
            r.reasons.addAll(reasons.get(i));
            List<String> all = new ArrayList<>(s.aliases());
            all.add(s.name());
            for (String name : all) {
                names.tokens(name).forEach(t -> r.words.add(t.key()));
            }
            out.put(s.id(), r);
        }
        return out;
    }

    /** Joins two suspects' people; the reason is kept even when they were already joined by another pair. */
    private static void merge(int[] parent, List<Set<String>> reasons, int i, int j, String why) {
        union(parent, i, j);
        reasons.get(i).add(why);
        reasons.get(j).add(why);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static boolean union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return false;
        }
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---------------------------------------------------------------- graph

    private static final class Graph {
        final Map<String, Integer> index = new LinkedHashMap<>();
        final List<String> ids = new ArrayList<>();
        final Map<String, Kind> kinds = new HashMap<>();
        final Map<String, String> labels = new HashMap<>();
        final List<Set<Integer>> adjacency = new ArrayList<>();
        final Map<String, Edge> edges = new LinkedHashMap<>();

        int node(String id) {
            Integer i = index.get(id);
            if (i == null) {
                i = ids.size();
                index.put(id, i);
                ids.add(id);
                adjacency.add(new LinkedHashSet<>());
            }
            return i;
        }

        void label(String id, Kind kind, String label) {
            node(id);
            kinds.put(id, kind);
            labels.putIfAbsent(id, label);
        }

        void edge(String a, String b, String label) {
            int x = node(a);
            int y = node(b);
            if (x == y) {
                return;
            }
            adjacency.get(x).add(y);
            adjacency.get(y).add(x);
            String key = a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
            edges.merge(key, new Edge(a, b, label), (old, nu) -> old.label() == null || nu.label() == null
                    || old.label().contains(nu.label()) ? old : new Edge(old.from(), old.to(),
                            old.label() + ", " + nu.label()));
        }

        Network build(Map<UUID, Resolved> people) {
            int n = ids.size();
            int[] component = new int[n];
            Arrays.fill(component, -1);
            List<List<Integer>> components = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                if (component[s] >= 0) {
                    continue;
                }
                List<Integer> members = new ArrayList<>();
                Deque<Integer> queue = new ArrayDeque<>();
                queue.add(s);
                component[s] = components.size();
                while (!queue.isEmpty()) {
                    int v = queue.poll();
                    members.add(v);
                    for (int w : adjacency.get(v)) {
                        if (component[w] < 0) {
                            component[w] = components.size();
                            queue.add(w);
                        }
                    }
                }
                components.add(members);
            }
            // groups numbered from the largest
            Integer[] order = new Integer[components.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingInt((Integer c) -> -components.get(c).size())
                    .thenComparingInt(c -> c));
            int[] groupOf = new int[components.size()];
            for (int i = 0; i < order.length; i++) {
                groupOf[order[i]] = i + 1;
            }
            double[] betweenness = betweenness(n);
            Map<String, Resolved> byNode = new HashMap<>();
            people.values().forEach(r -> byNode.put(r.nodeId, r));
            List<Node> nodes = new ArrayList<>(n);
            for (int v = 0; v < n; v++) {
                String id = ids.get(v);
                Kind kind = kinds.getOrDefault(id, id.startsWith("proceeding:") ? Kind.PROCEEDING : Kind.PLACE);
                String label = labels.getOrDefault(id, id.substring(id.indexOf(':') + 1));
                Resolved r = byNode.get(id);
                nodes.add(new Node(id, kind, label, groupOf[component[v]], adjacency.get(v).size(),
                        Math.round(betweenness[v] * 1000) / 1000.0, r == null ? List.of() : List.copyOf(r.suspectIds),
                        r == null ? List.of() : List.copyOf(r.reasons)));
            }
            List<Group> groups = new ArrayList<>();
            for (int i = 0; i < order.length; i++) {
                List<Integer> members = components.get(order[i]);
                int persons = (int) members.stream().filter(v -> nodes.get(v).kind() == Kind.PERSON).count();
                groups.add(new Group(i + 1, persons, members.size()));
            }
            List<Node> brokers = nodes.stream().filter(x -> x.kind() == Kind.PERSON && x.degree() > 1)
                    .sorted(Comparator.comparingDouble(Node::betweenness).reversed()
                            .thenComparing(Comparator.comparingInt(Node::degree).reversed())
                            .thenComparing(Node::label, Comparator.nullsLast(Comparator.naturalOrder())))
                    .limit(10).toList();
            nodes.sort(Comparator.comparingInt(Node::group).thenComparing(Node::kind)
                    .thenComparing(Node::label, Comparator.nullsLast(Comparator.comparing(
                            x -> x.toLowerCase(Locale.ROOT)))));
            return new Network(nodes, List.copyOf(edges.values()), groups, brokers, 0, 0, 0, false, Filter.NONE, 0, false,
                    List.of());
        }

        /** Brandes' algorithm, unweighted, undirected (each pair counted once). */
        double[] betweenness(int n) {
            double[] cb = new double[n];
            int[] sigma = new int[n];
            int[] dist = new int[n];
            double[] delta = new double[n];
            List<List<Integer>> pred = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pred.add(new ArrayList<>());
            }
            int[] stack = new int[n];
            int[] queue = new int[n];
            for (int s = 0; s < n; s++) {
                for (int i = 0; i < n; i++) {
                    pred.get(i).clear();
                }
                Arrays.fill(sigma, 0);
                Arrays.fill(dist, -1);
                Arrays.fill(delta, 0);
                sigma[s] = 1;
                dist[s] = 0;
                int head = 0;
                int tail = 0;
                int top = 0;
                queue[tail++] = s;
                while (head < tail) {
                    int v = queue[head++];
                    stack[top++] = v;
                    for (int w : adjacency.get(v)) {
                        if (dist[w] < 0) {
                            dist[w] = dist[v] + 1;
                            queue[tail++] = w;
                        }
                        if (dist[w] == dist[v] + 1) {
                            sigma[w] += sigma[v];
                            pred.get(w).add(v);
                        }
                    }
                }
                while (top > 0) {
                    int w = stack[--top];
                    for (int v : pred.get(w)) {
                        delta[v] += (double) sigma[v] / sigma[w] * (1 + delta[w]);
                    }
                    if (w != s) {
                        cb[w] += delta[w];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                cb[i] /= 2;
            }
            return cb;
        }
    }
}
