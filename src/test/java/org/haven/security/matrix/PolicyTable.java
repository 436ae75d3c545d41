package org.haven.security.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.haven.security.Role;
import org.haven.security.matrix.MatrixWorld.Relation;

/**
 * The committed authorization policy ({@code src/test/resources/authorization/policy.tsv}; its header explains the
 * format) and the request details some endpoints need ({@code requests.tsv}).
 */
final class PolicyTable {

    static final String POLICY = "/authorization/policy.tsv";
    static final String REQUESTS = "/authorization/requests.tsv";

    /** Column order after METHOD PATH OBJECT RELATION: anonymous, then every role in {@link Role} order. */
    static final List<String> COLUMNS;
    static {
        List<String> c = new ArrayList<>();
        c.add("anonymous");
        for (Role r : Role.values()) {
            c.add(r.name());
        }
        COLUMNS = List.copyOf(c);
    }

    /** What the object named in the path is, and so which relations a row set must cover. */
    static final Map<String, List<Relation>> OBJECTS = Map.ofEntries(
            Map.entry("-", List.of(Relation.NONE)),
            Map.entry("case", List.of(Relation.OWN, Relation.OTHER, Relation.SHARE, Relation.LINKED)),
            Map.entry("referral", List.of(Relation.OWN, Relation.OTHER, Relation.SHARE, Relation.LINKED)),
            Map.entry("proceeding", List.of(Relation.OWN, Relation.OTHER, Relation.SHARE, Relation.LINKED)),
            Map.entry("suspect", List.of(Relation.OWN, Relation.OTHER, Relation.SHARE, Relation.LINKED)),
            Map.entry("service", List.of(Relation.OWN, Relation.OTHER)),
            Map.entry("activity", List.of(Relation.OWN, Relation.OTHER)),
            Map.entry("campaign", List.of(Relation.OWN, Relation.OTHER)),
            Map.entry("tip", List.of(Relation.OWN, Relation.OTHER)),
            Map.entry("user", List.of(Relation.OWN, Relation.OTHER)),
            Map.entry("organisation", List.of(Relation.OWN, Relation.OTHER)),
            Map.entry("hotline", List.of(Relation.NONE)),
            Map.entry("place", List.of(Relation.NONE)),
            // a record-linkage candidate: none exists in the matrix's world, so an allowed role gets 404 (role gate only)
            Map.entry("candidate", List.of(Relation.NONE)));

    /** ok, redirect, login, or an exact status (three digits); see the table's header. */
    static boolean validOutcome(String cell) {
        return Set.of("ok", "redirect", "login").contains(cell) || cell.matches("[1-5][0-9][0-9]");
    }

    record Row(int line, String method, String path, String object, Relation relation, Map<String, String> expect) {
        String endpoint() {
            return method + " " + path;
        }
    }

    /** Query string and body for one endpoint, with {placeholders} filled from the scene. */
    record RequestSpec(String query, String body) {
    }

    final List<Row> rows;
    final Map<String, RequestSpec> requests;

    private PolicyTable(List<Row> rows, Map<String, RequestSpec> requests) {
        this.rows = rows;
        this.requests = requests;
    }

    static PolicyTable load() {
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int n = 0;
        for (String raw : lines(POLICY)) {
            n++;
            String line = strip(raw);
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 4 + COLUMNS.size()) {
                errors.add("policy.tsv:" + n + ": expected " + (4 + COLUMNS.size()) + " columns, found " + f.length);
                continue;
            }
            if (!OBJECTS.containsKey(f[2])) {
                errors.add("policy.tsv:" + n + ": unknown object '" + f[2] + "' (one of " + OBJECTS.keySet() + ")");
                continue;
            }
            Relation relation;
            try {
                relation = Relation.of(f[3]);
            } catch (IllegalArgumentException e) {
                errors.add("policy.tsv:" + n + ": " + e.getMessage());
                continue;
            }
            Map<String, String> expect = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                String cell = f[4 + i];
                if (!validOutcome(cell)) {
                    errors.add("policy.tsv:" + n + ": unknown outcome '" + cell + "' for " + COLUMNS.get(i));
                }
                expect.put(COLUMNS.get(i), cell);
            }
            rows.add(new Row(n, f[0], f[1], f[2], relation, expect));
        }
        // every endpoint has exactly the relations its object calls for, once each
        Map<String, List<Row>> byEndpoint = new LinkedHashMap<>();
        rows.forEach(r -> byEndpoint.computeIfAbsent(r.endpoint(), k -> new ArrayList<>()).add(r));
        byEndpoint.forEach((endpoint, rs) -> {
            List<Relation> wanted = OBJECTS.get(rs.get(0).object());
            List<Relation> got = rs.stream().map(Row::relation).toList();
            if (rs.stream().map(Row::object).distinct().count() > 1 || !got.containsAll(wanted)
                    || got.size() != wanted.size()) {
                errors.add("policy.tsv: " + endpoint + " needs one row for each of " + wanted + ", has " + got);
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalStateException("policy table is malformed:\n  " + String.join("\n  ", errors));
        }
        Map<String, RequestSpec> requests = new LinkedHashMap<>();
        for (String raw : lines(REQUESTS)) {
            String line = strip(raw);
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+", 4);
            requests.put(f[0] + " " + f[1], new RequestSpec(f[2].equals("-") ? "" : f[2],
                    f.length < 4 || f[3].equals("-") ? null : f[3]));
        }
        return new PolicyTable(rows, requests);
    }

    private static String strip(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = PolicyTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
