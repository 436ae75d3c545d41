package org.haven.security.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseSharing;
import org.haven.places.internal.GazetteerImporter;
import org.haven.prevention.TipDesk;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.HearingCalendar;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.VictimWitnessSupport;
import org.haven.referrals.ReferralManagement;
import org.haven.referrals.ServiceDirectory;
import org.haven.security.CurrentUser;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.haven.security.matrix.MatrixWorld.Relation;
import org.haven.security.matrix.MatrixWorld.Scene;
import org.haven.security.matrix.PolicyTable.Row;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The whole application's authorization, as one generated test: every handler mapping (pages, API, springdoc, the
 * error controller and actuator) × anonymous and every {@link Role} × the relation of the user's organisation to the
 * object in the path (own, other, consented share, linked proceeding; see {@link MatrixWorld}), against the committed
 * table {@code src/test/resources/authorization/policy.tsv}.
 *
 * <ul>
 * <li>A mapping without rows in the table fails ("add a row"), and so does a row whose endpoint no longer exists.</li>
 * <li>Each (endpoint, relation, role) is its own dynamic test named after them, asserting the table's outcome.</li>
 * <li>A denial (401, 403, 404, sign-in redirect) must not contain the case code, survivor name, proceeding reference
 * or suspect name of the objects in play.</li>
 * <li>Writes send the body from {@code requests.tsv}, by default an empty one ({} for the API, no fields for pages):
 * an allowed role then gets 400 from validation, which proves it passed authorization; a denied role must get its
 * denial regardless of the body, because authorization comes before validation.</li>
 * <li>Reads share one scene; each write endpoint gets a fresh scene (case, referral, proceeding) and runs its relations
 * in the order other, linked, share, own, so a state change by an allowed user cannot alter a later row.</li>
 * </ul>
 *
 * <p>Drafting rows for a new endpoint: run with {@code -Dmatrix.record=/tmp/observed.tsv}; the file then holds the
 * observed outcome of every row (also for endpoints the table lacks, with the object guessed from the path). Copy the
 * rows into the table only after checking each cell against the intended policy: the observed answer of a buggy
 * endpoint is not its policy.
 */
@HavenIntegrationTest
class AuthorizationMatrixIT {

    private static final List<Relation> WRITE_ORDER = List.of(Relation.NONE, Relation.OTHER, Relation.LINKED,
            Relation.SHARE, Relation.OWN);
    /**
     * The default API body. Not "{}": most commands carry an {@code int version}, and a JSON body without it is
     * refused while it is read (400), before any controller runs, which would hide the authorization decision.
     */
    private static final String DEFAULT_JSON = "{\"version\":0}";
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GazetteerImporter importer;
    @Autowired
    CaseManagement cases;
    @Autowired
    CaseSharing sharing;
    @Autowired
    ReferralManagement referrals;
    @Autowired
    ServiceDirectory directory;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    VictimWitnessSupport victims;
    @Autowired
    Adjudication adjudication;
    @Autowired
    HearingCalendar hearings;
    @Autowired
    TipDesk tips;

    /** One handler mapping, as "METHOD pattern", with whether it takes multipart bodies. */
    record Mapping(String method, String path, boolean multipart) {
        String endpoint() {
            return method + " " + path;
        }

        boolean write() {
            return !method.equals("GET") && !method.equals("HEAD");
        }
    }

    private final Map<String, String> observed = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    @TestFactory
    Stream<DynamicNode> authorizationMatrix() {
        PolicyTable table = PolicyTable.load();
        Map<String, Mapping> mappings = mappings();
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        table.rows.forEach(r -> rows.computeIfAbsent(r.endpoint(), k -> new ArrayList<>()).add(r));
        String record = System.getProperty("matrix.record");

        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("every handler mapping has rows in policy.tsv", () -> {
            List<String> missing = mappings.keySet().stream().filter(e -> !rows.containsKey(e)).sorted().toList();
            assertThat(missing).as("endpoints without rows in " + PolicyTable.POLICY
                    + " (add rows: see docs/security.md, 'Authorization matrix')").isEmpty();
        }));
        nodes.add(DynamicTest.dynamicTest("every row of policy.tsv names an existing handler mapping", () -> {
            List<String> stale = rows.keySet().stream().filter(e -> !mappings.containsKey(e)).sorted().toList();
            assertThat(stale).as("rows in " + PolicyTable.POLICY + " whose endpoint no longer exists").isEmpty();
        }));

        nodes.add(DynamicTest.dynamicTest("every line of requests.tsv names an existing handler mapping", () -> {
            List<String> stale = table.requests.keySet().stream().filter(e -> !mappings.containsKey(e)).sorted()
                    .toList();
            assertThat(stale).as("lines in " + PolicyTable.REQUESTS + " whose endpoint no longer exists").isEmpty();
        }));

        MatrixWorld world = new MatrixWorld(jdbc, importer, cases, sharing, referrals, directory, tracking, victims,
                adjudication, hearings, tips);
        Scene shared = world.scene();

        List<Mapping> ordered = new ArrayList<>(mappings.values());
        ordered.sort(Comparator.comparing(Mapping::write).thenComparing(Mapping::path).thenComparing(Mapping::method));
        String only = System.getProperty("matrix.only");
        for (Mapping m : ordered) {
            if (only != null && !m.endpoint().matches(only)) {
                continue;
            }
            List<Row> endpointRows = rows.get(m.endpoint());
            if (endpointRows == null) {
                if (record == null) {
                    continue;
                }
                endpointRows = guessedRows(m);
            }
            List<Row> sortedRows = new ArrayList<>(endpointRows);
            if (m.write()) {
                sortedRows.sort(Comparator.comparing(r -> WRITE_ORDER.indexOf(r.relation())));
            }
            // a write to an object gets fresh objects; a write without one (creating something) can share
            Supplier<Scene> scene = m.write() && m.path().contains("{") ? memoize(() -> {
                world.restore();
                return world.scene();
            }) : () -> shared;
            List<DynamicNode> tests = new ArrayList<>();
            for (Row row : sortedRows) {
                for (String column : PolicyTable.COLUMNS) {
                    String expected = row.expect().get(column);
                    String name = row.relation().code + " · " + column + " → " + expected;
                    tests.add(DynamicTest.dynamicTest(name, () -> check(world, scene.get(), table, m, row, column,
                            expected)));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(m.endpoint(), tests));
        }
        if (record != null) {
            nodes.add(DynamicTest.dynamicTest("record observed outcomes to " + record, () -> writeObserved(
                    Path.of(record), ordered, rows)));
        }
        return nodes.stream();
    }

    private void check(MatrixWorld world, Scene scene, PolicyTable table, Mapping m, Row row, String column,
            String expected) throws Exception {
        CurrentUser user = column.equals("anonymous") ? null : world.user(row.relation(), Role.valueOf(column));
        AbstractMockHttpServletRequestBuilder<?> request = request(world, scene, table, m, row);
        if (user != null) {
            request = request.with(SecurityFixtures.as(user));
        }
        // a distinct client address per request, so the public forms' flood guard never answers instead of the policy
        int n = requests.incrementAndGet();
        request = request.with(r -> {
            r.setRemoteAddr("10.77." + ((n >> 8) & 255) + "." + (n & 255));
            return r;
        });
        MockHttpServletResponse response = mvc.perform(request.with(csrf())).andReturn().getResponse();
        String got = outcome(m, response);
        observed.put(m.endpoint() + "|" + row.relation().code + "|" + column,
                got.equals("ok") && response.getStatus() != 200 ? "ok:" + response.getStatus() : got);
        if (System.getProperty("matrix.record") != null) {
            return; // drafting: observe only
        }
        String detail = response.getStatus() + (response.getRedirectedUrl() == null ? ""
                : " → " + response.getRedirectedUrl());
        assertThat(matches(expected, m, response)).as("%s as %s (%s): expected %s, got %s (%s)", m.endpoint(), column,
                row.relation().code, expected, got, detail).isTrue();
        if (Set.of("401", "403", "404", "login").contains(expected)) {
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            for (String canary : scene.canaries()) {
                assertThat(body).as("%s as %s (%s): the denial shows identifying data", m.endpoint(), column,
                        row.relation().code).doesNotContain(canary);
            }
        }
    }

    /** The table's outcome names: see the header of policy.tsv. */
    static boolean matches(String expected, Mapping m, MockHttpServletResponse r) {
        int s = r.getStatus();
        boolean toLogin = toLogin(r);
        switch (expected) {
            case "ok":
                return m.write() ? (s >= 200 && s < 400 && !toLogin) || s == 400 || s == 409 || s == 422
                        : s >= 200 && s < 300;
            case "redirect":
                return s >= 300 && s < 400 && !toLogin;
            case "login":
                return toLogin;
            default:
                return s == Integer.parseInt(expected);
        }
    }

    static String outcome(Mapping m, MockHttpServletResponse r) {
        for (String candidate : List.of("login", "ok", "redirect")) {
            if (matches(candidate, m, r)) {
                return candidate;
            }
        }
        return String.valueOf(r.getStatus());
    }

    private static boolean toLogin(MockHttpServletResponse r) {
        String location = r.getRedirectedUrl();
        return r.getStatus() == 302 && location != null
                && (location.endsWith("/login") || location.contains("/login?") || location.contains("/login/"));
    }

    private AbstractMockHttpServletRequestBuilder<?> request(MatrixWorld world, Scene scene, PolicyTable table, Mapping m,
            Row row) {
        Map<String, String> values = values(world, scene, row);
        String path = fill(m.path(), values);
        PolicyTable.RequestSpec spec = table.requests.get(m.endpoint());
        String query = spec == null ? "" : fill(spec.query(), values);
        String uri = query.isEmpty() ? path : path + "?" + query;
        boolean api = m.path().startsWith("/api/");
        String body = spec == null || spec.body() == null ? null : fill(spec.body(), values);
        if ("multipart:png".equals(body)) {
            return MockMvcRequestBuilders.multipart(HttpMethod.valueOf(m.method()), uri)
                    .file(new MockMultipartFile("file", "matrix.png", "image/png", MatrixWorld.png()));
        }
        if (m.multipart() || "multipart".equals(body)) {
            return MockMvcRequestBuilders.multipart(HttpMethod.valueOf(m.method()), uri)
                    .file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]));
        }
        MockHttpServletRequestBuilder b = MockMvcRequestBuilders.request(HttpMethod.valueOf(m.method()), uri);
        if (!m.write()) {
            return b;
        }
        if (api) {
            return b.contentType(MediaType.APPLICATION_JSON).content(body == null ? DEFAULT_JSON : body);
        }
        return b.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body == null ? "" : body);
    }

    /** Path variables and request placeholders, for the object the row addresses. */
    private static Map<String, String> values(MatrixWorld w, Scene s, Row row) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("caseId", s.caseId().toString());
        v.put("orgA", w.orgA.toString());
        v.put("orgB", w.orgB.toString());
        v.put("orgC", w.orgC.toString());
        v.put("today", w.today.toString());
        v.put("referral", s.referral().toString());
        v.put("proceeding", s.proceeding().toString());
        v.put("suspect", s.suspect().toString());
        v.put("victim", s.victim().toString());
        v.put("grantId", s.referralGrant().toString());
        v.put("attachmentId", s.attachment().toString());
        v.put("sharingConsent", s.sharingConsent().toString());
        // withdrawing a consent uses it up: every request gets its own, so the next role is judged on its own
        v.put("consentId", row.path().contains("{consentId}") ? w.freshConsent(s).toString() : "");
        v.put("followUpId", UUID.randomUUID().toString()); // no follow-up exists: see policy.tsv
        // corrections of case records (decision 0004): no such record exists either; CaseCorrectionsIT uses real ones
        for (String record : List.of("episodeId", "assessmentId", "identificationId", "goalId")) {
            v.put(record, UUID.randomUUID().toString());
        }
        v.put("step", "VERIFICATION");
        v.put("compensationId", s.compensation().toString());
        v.put("suspectId", s.suspect().toString());
        v.put("chargeId", s.charge().toString());
        v.put("hearingId", s.hearing().toString());
        v.put("victimId", s.victim().toString());
        v.put("code", "01");
        String id = switch (row.object()) {
            case "case" -> s.caseId().toString();
            case "referral" -> s.referral().toString();
            case "proceeding" -> s.proceeding().toString();
            case "service" -> s.service().toString();
            case "activity" -> s.activity().toString();
            case "campaign" -> s.campaign().toString();
            case "tip" -> s.tip().toString();
            case "user" -> s.targetUser().toString();
            case "organisation" -> w.orgA.toString();
            case "hotline" -> s.hotline().toString();
            default -> UUID.randomUUID().toString();
        };
        v.put("id", id);
        return v;
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {" + matcher.group(1) + "} in " + template
                        + ": add it to AuthorizationMatrixIT.values");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Every request mapping of every RequestMappingInfo handler mapping (controllers, springdoc, actuator). */
    private Map<String, Mapping> mappings() {
        Map<String, Mapping> result = new TreeMap<>();
        for (RequestMappingInfoHandlerMapping hm : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : hm.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                // A mapping without a method answers every method; GET stands for it in the table.
                List<String> names = methods.isEmpty() ? List.of("GET")
                        : methods.stream().map(RequestMethod::name).sorted().toList();
                boolean multipart = info.getConsumesCondition().getConsumableMediaTypes().stream()
                        .anyMatch(t -> t.isCompatibleWith(MediaType.MULTIPART_FORM_DATA));
                Set<String> patterns = info.getPathPatternsCondition() != null
                        ? info.getPathPatternsCondition().getPatternValues()
                        : info.getPatternsCondition().getPatterns();
                for (String pattern : patterns) {
                    for (String method : names) {
                        Mapping m = new Mapping(method, pattern, multipart);
                        result.merge(m.endpoint(), m, (a, b) -> new Mapping(a.method(), a.path(),
                                a.multipart() || b.multipart()));
                    }
                }
            }
        }
        return result;
    }

    /** Record mode only: rows for an endpoint the table lacks, the object guessed from the path. */
    private static List<Row> guessedRows(Mapping m) {
        String p = m.path();
        String object;
        if (!p.contains("{")) {
            object = "-";
        } else if (p.contains("/suspects/{")) {
            object = "suspect";
        } else if (p.matches(".*/cases/\\{.*")) {
            object = "case";
        } else if (p.matches(".*/referrals/\\{.*")) {
            object = "referral";
        } else if (p.matches(".*/proceedings/\\{.*")) {
            object = "proceeding";
        } else if (p.matches(".*/services/\\{.*")) {
            object = "service";
        } else if (p.matches(".*/activities/\\{.*")) {
            object = "activity";
        } else if (p.matches(".*/campaigns/\\{.*")) {
            object = "campaign";
        } else if (p.matches(".*/tips/.*\\{.*")) {
            object = "tip";
        } else if (p.matches(".*/users/\\{.*")) {
            object = "user";
        } else if (p.matches(".*/organisations/\\{.*")) {
            object = "organisation";
        } else if (p.matches(".*/hotlines/\\{.*")) {
            object = "hotline";
        } else {
            object = "place";
        }
        List<Row> rows = new ArrayList<>();
        for (Relation r : PolicyTable.OBJECTS.get(object)) {
            Map<String, String> expect = new LinkedHashMap<>();
            PolicyTable.COLUMNS.forEach(c -> expect.put(c, "?"));
            rows.add(new Row(0, m.method(), p, object, r, expect));
        }
        return rows;
    }

    private void writeObserved(Path file, List<Mapping> ordered, Map<String, List<Row>> rows) {
        List<String> out = new ArrayList<>();
        for (Mapping m : ordered) {
            List<Row> rs = rows.getOrDefault(m.endpoint(), guessedRows(m));
            for (Row r : rs) {
                StringBuilder line = new StringBuilder();
                line.append(String.format("%-7s %-58s %-12s %-7s", m.method(), m.path(), r.object(), r.relation().code));
                for (String c : PolicyTable.COLUMNS) {
                    line.append(String.format(" %-8s", observed.getOrDefault(m.endpoint() + "|" + r.relation().code
                            + "|" + c, "?")));
                }
                out.add(line.toString().stripTrailing());
            }
        }
        try {
            Files.write(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
