package org.haven.linkage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.linkage.names.NameNormaliser;
import org.haven.places.Gazetteer;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.Defendant;
import org.haven.prosecution.ProceedingSummary;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.Suspect;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Forbidden;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspects resolved across proceedings, and the offender network: people, phones, places and proceedings as a graph.
 *
 * <p>Suspects are read through the prosecution module's public API (the proceedings within the user's reach, then
 * their defendants — only proceedings where the user has full reach carry identities), so its access rules and audit
 * apply unchanged. Suspects recorded separately in several proceedings are resolved into one person when they share
 * an identity document number (national id, passport), or when a name or alias is the same name after the linkage
 * normaliser (Khmer script, romanisation variants, order) and their birth years (±2) and sexes do not contradict.
 * A shared phone does not make two people one (a broker's phone is lent), but links both to the phone.
 *
 * <p>Edges: person — proceeding (defendant, with the role), person — phone, proceeding — place (province). Connected
 * groups are the graph's components; brokers are the people with the highest betweenness centrality (Brandes),
 * then degree.
 *
 * <p>Access: {@link Permission#NETWORK_VIEW} (police investigators and prosecutors only), otherwise {@link Forbidden}.
 * Audited in the same transaction: the prosecution module audits each proceeding's defendants; the view is recorded as
 * a read of every suspect in it with detail {@code view=network}.
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

    /** The graph; {@code truncated} when more proceedings were within reach than were read. */
    public record Network(List<Node> nodes, List<Edge> edges, List<Group> groups, List<Node> brokers,
            int proceedings, int suspects, int people, boolean truncated) {
    }

    static final int MAX_PROCEEDINGS = 1000;
    private static final int PAGE = 200;

    private final ProsecutionTracking tracking;
    private final Adjudication adjudication;
    private final AuditLog audit;
    private final Gazetteer gazetteer;
    private final NameNormaliser names = NameNormaliser.standard();

    OffenderNetwork(ProsecutionTracking tracking, Adjudication adjudication, AuditLog audit, Gazetteer gazetteer) {
        this.tracking = tracking;
        this.adjudication = adjudication;
        this.audit = audit;
        this.gazetteer = gazetteer;
    }

    @Transactional
    public Network network() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.NETWORK_VIEW) || !user.can(Permission.PROCEEDING_READ)) {
            throw new Forbidden("The network view is for police investigators and prosecutors.");
        }
        List<ProceedingSummary> proceedings = new ArrayList<>();
        boolean truncated = false;
        for (int offset = 0; ; offset += PAGE) {
            List<ProceedingSummary> page = tracking.list(null, PAGE, offset);
            proceedings.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            if (proceedings.size() >= MAX_PROCEEDINGS) {
                truncated = true;
                break;
            }
        }
        Map<UUID, Suspect> suspects = new LinkedHashMap<>();
        List<Object[]> roles = new ArrayList<>(); // suspect id, proceeding, role
        for (ProceedingSummary p : proceedings) {
            for (Defendant d : adjudication.defendants(p.id())) {
                if (d.suspect() == null) {
                    continue; // no full reach: identities are not ours to see
                }
                suspects.putIfAbsent(d.suspectId(), d.suspect());
                roles.add(new Object[] {d.suspectId(), p, d.role()});
            }
        }
        Map<UUID, Resolved> people = resolve(new ArrayList<>(suspects.values()));
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
                g.label(proceeding(p), Kind.PROCEEDING, p.courtCaseNo() != null && !p.courtCaseNo().isBlank()
                        ? p.courtCaseNo() : "P-" + p.id().toString().substring(0, 8));
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
            for (Suspect.Identifier i : s.identifiers()) {
                if (i.kind() == Suspect.IdentifierKind.PHONE && i.value() != null && !i.value().isBlank()) {
                    String phone = Suspect.normalise(i.kind(), i.value());
                    g.label("phone:" + phone, Kind.PHONE, phone);
                    g.edge(people.get(s.id()).nodeId, "phone:" + phone, null);
                }
            }
        }
        for (Resolved r : new LinkedHashSet<>(people.values())) {
            g.label(r.nodeId, Kind.PERSON, r.label);
        }
        Network n = g.build(people);
        if (!suspects.isEmpty()) {
            audit.record(AuditEntry.read("suspect", List.copyOf(suspects.keySet())).withDetail("view", "network"));
        }
        return new Network(n.nodes(), n.edges(), n.groups(), n.brokers(), proceedings.size(), suspects.size(),
                (int) people.values().stream().distinct().count(), truncated);
    }

    private String proceeding(ProceedingSummary p) {
        return "proceeding:" + p.id();
    }

    private String place(ProceedingSummary p) {
        return "place:" + p.countryCode() + "-" + p.provinceCode();
    }

    // ---------------------------------------------------------------- resolution

    /** One resolved person: its node id, label, suspects and why they were merged. */
    static final class Resolved {
        final String nodeId;
        final String label;
        final List<UUID> suspectIds = new ArrayList<>();
        final Set<String> reasons = new LinkedHashSet<>();

        Resolved(String nodeId, String label) {
            this.nodeId = nodeId;
            this.label = label;
        }
    }

    /** Suspect id → resolved person (several suspects may map to the same instance). */
    Map<UUID, Resolved> resolve(List<Suspect> suspects) {
        int n = suspects.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<Set<String>> reasons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            reasons.add(new LinkedHashSet<>());
        }
        // same identity document: exact, through a map
        Map<String, Integer> documents = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (Suspect.Identifier id : suspects.get(i).identifiers()) {
                if (id.kind() == Suspect.IdentifierKind.NATIONAL_ID || id.kind() == Suspect.IdentifierKind.PASSPORT) {
                    String key = id.kind() + ":" + Suspect.normalise(id.kind(), id.value());
                    Integer j = documents.putIfAbsent(key, i);
                    if (j != null && union(parent, i, j)) {
                        reasons.get(i).add("SAME_DOCUMENT");
                        reasons.get(j).add("SAME_DOCUMENT");
                    }
                }
            }
        }
        // same name (blocked by the sorted token keys of each name and alias), compatible birth year and sex
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String key : nameKeys(suspects.get(i))) {
                byName.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> block : byName.values()) {
            for (int x = 0; x < block.size(); x++) {
                for (int y = x + 1; y < block.size(); y++) {
                    int i = block.get(x);
                    int j = block.get(y);
                    if (compatible(suspects.get(i), suspects.get(j)) && union(parent, i, j)) {
                        reasons.get(i).add("SAME_NAME");
                        reasons.get(j).add("SAME_NAME");
                    }
                }
            }
        }
        Map<Integer, Resolved> roots = new HashMap<>();
        Map<UUID, Resolved> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            Suspect s = suspects.get(i);
            Resolved r = roots.computeIfAbsent(root, k -> new Resolved("person:" + suspects.get(k).id(),
                    suspects.get(k).name()));
            r.suspectIds.add(s.id());
            r.reasons.addAll(reasons.get(i));
            out.put(s.id(), r);
        }
        return out;
    }

    /** Name keys of a suspect's name and aliases: token keys sorted and joined (order and spacing ignored). */
    Set<String> nameKeys(Suspect s) {
        Set<String> out = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        all.add(s.name());
        all.addAll(s.aliases());
        for (String name : all) {
            List<String> keys = new ArrayList<>();
            names.tokens(name).forEach(t -> keys.add(t.key()));
            keys.removeIf(String::isEmpty);
            if (keys.size() >= 2) { // one word ("Dara", "the broker") is not enough to merge people
                keys.sort(null);
                out.add(String.join("|", keys));
                out.add("~" + String.join("", keys));
            }
        }
        return out;
    }

    private static boolean compatible(Suspect a, Suspect b) {
        if (a.birthYear() != null && b.birthYear() != null && Math.abs(a.birthYear() - b.birthYear()) > 2) {
            return false;
        }
        return a.sex() == null || b.sex() == null || a.sex().equalsIgnoreCase(b.sex());
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
            return new Network(nodes, List.copyOf(edges.values()), groups, brokers, 0, 0, 0, false);
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
