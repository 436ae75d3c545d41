import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-application load (issue 9): USERS simulated people for SECONDS against a running Haven with demo users and
 * generated survivors, each waiting a random think time (0.5–1.5 × THINK_MS) between actions.
 *
 * <ul>
 *   <li>6 in 10 are caseworkers on the API (shelter.caseworker): name search, open a case, and one in five actions
 *       a write (a note or a service).</li>
 *   <li>2 in 10 are supervisors in the browser pages (shelter.supervisor, signed in with the form and CSRF token):
 *       home page with its panels, case list filtered by status, a case page.</li>
 *   <li>1 in 10 is a supervisor on the API: overdue follow-ups, referral indicators, case list.</li>
 *   <li>1 in 10 is an analyst (ministry.analyst): reports page, attrition API.</li>
 * </ul>
 * Prints, per action and overall: count, errors, median, p95, p99. Any response other than the expected status is an
 * error. Survivor-level content written is synthetic ("Synthetic load note").
 *
 * <p>java bench/load/Load.java BASE_URL PASSWORD NAMES_CSV [USERS=50] [SECONDS=600] [THINK_MS=1000]
 */
public class Load {

    static final ConcurrentLinkedQueue<Object[]> SAMPLES = new ConcurrentLinkedQueue<>();
    static final Map<String, AtomicInteger> ERRORS = new ConcurrentHashMap<>();
    /** Cases seen by the caseworker account (its reach: assigned cases) and by the supervisor account (all). */
    static final List<String> CASEWORKER_IDS = Collections.synchronizedList(new ArrayList<>());
    static final List<String> SUPERVISOR_IDS = Collections.synchronizedList(new ArrayList<>());
    static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern CASE_LINK = Pattern.compile("href=\"/cases/([0-9a-f-]{36})\"");

    static String base;
    static String password;
    static List<String> names = new ArrayList<>();

    public static void main(String[] a) throws Exception {
        base = a[0];
        password = a[1];
        for (String line : Files.readAllLines(Path.of(a[2]))) {
            String[] f = line.split(",");
            if (f.length > 3 && !f[0].equals("surname")) {
                names.add(f[2] + " " + f[3]);
            }
        }
        int users = a.length > 3 ? Integer.parseInt(a[3]) : 50;
        int seconds = a.length > 4 ? Integer.parseInt(a[4]) : 600;
        int think = a.length > 5 ? Integer.parseInt(a[5]) : 1000;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(users);
        for (int u = 0; u < users; u++) {
            final int id = u;
            pool.submit(() -> {
                try {
                    simulate(id, end, think);
                } catch (Exception e) {
                    error("setup:" + e.getClass().getSimpleName());
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
        report(seconds);
    }

    static void simulate(int id, long end, int think) throws Exception {
        Random r = new Random(id);
        int kind = id % 10;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String user = kind < 6 ? "shelter.caseworker" : kind < 9 ? "shelter.supervisor" : "ministry.analyst";
        boolean pages = kind == 6 || kind == 7 || kind == 9;
        String token = pages ? null : token(http, user);
        if (pages) {
            signIn(http, user);
        }
        Thread.sleep(r.nextInt(Math.max(think, 1)));
        while (System.nanoTime() < end) {
            if (kind < 6) {
                caseworker(http, token, r);
            } else if (kind < 8) {
                supervisorPages(http, r);
            } else if (kind == 8) {
                supervisorApi(http, token, r);
            } else {
                analyst(http, r);
            }
            Thread.sleep((long) (think * (0.5 + r.nextDouble())));
        }
    }

    static void caseworker(HttpClient http, String token, Random r) throws Exception {
        double x = r.nextDouble();
        List<String> ids = CASEWORKER_IDS;
        if (ids.size() < 20 || x < 0.4) {
            String body = get(http, token, "api search", "/api/v1/cases?size=20&q="
                    + URLEncoder.encode(names.get(r.nextInt(names.size())), StandardCharsets.UTF_8), 200);
            collect(ids, body, CASE_ID);
        } else if (x < 0.8) {
            get(http, token, "api case", "/api/v1/cases/" + pick(ids, r), 200);
        } else if (x < 0.9) {
            post(http, token, "api note", "/api/v1/cases/" + pick(ids, r) + "/notes",
                    "{\"body\":\"Synthetic load note " + r.nextInt(1000) + "\"}", 201);
        } else {
            post(http, token, "api service", "/api/v1/cases/" + pick(ids, r) + "/services",
                    "{\"serviceType\":\"PSYCHOSOCIAL\",\"providerName\":\"Synthetic counselling\",\"startedOn\":\""
                            + LocalDate.now() + "\",\"fundingSource\":\"Synthetic Donor A\"}", 201);
        }
    }

    static void supervisorPages(HttpClient http, Random r) throws Exception {
        double x = r.nextDouble();
        if (x < 0.3) {
            get(http, null, "page home", "/", 200);
        } else if (x < 0.6 || SUPERVISOR_IDS.size() < 20) {
            String[] statuses = {"OPEN", "ACTIVE", "REINTEGRATION"};
            collect(SUPERVISOR_IDS, get(http, null, "page case list", "/cases?status=" + statuses[r.nextInt(3)], 200),
                    CASE_LINK);
        } else {
            get(http, null, "page case", "/cases/" + pick(SUPERVISOR_IDS, r), 200);
        }
    }

    static void supervisorApi(HttpClient http, String token, Random r) throws Exception {
        double x = r.nextDouble();
        if (x < 0.4) {
            get(http, token, "api overdue follow-ups", "/api/v1/cases/follow-ups/overdue", 200);
        } else if (x < 0.7) {
            get(http, token, "api referral indicators", "/api/v1/referrals/indicators", 200);
        } else {
            collect(SUPERVISOR_IDS, get(http, token, "api case list", "/api/v1/cases?status=ACTIVE&size=20&page="
                    + r.nextInt(20), 200), CASE_ID);
        }
    }

    static void analyst(HttpClient http, Random r) throws Exception {
        if (r.nextBoolean()) {
            get(http, null, "page reports", "/reports", 200);
        } else {
            get(http, null, "page attrition", "/proceedings/attrition?year=" + (LocalDate.now().getYear() - 1), 200);
        }
    }

    static String pick(List<String> ids, Random r) {
        synchronized (ids) {
            return ids.get(r.nextInt(ids.size()));
        }
    }

    static void collect(List<String> ids, String body, Pattern p) {
        if (body == null || ids.size() > 5000) {
            return;
        }
        Matcher m = p.matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
    }

    static String get(HttpClient http, String token, String label, String path, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(http, b.build(), label, expected);
    }

    static String post(HttpClient http, String token, String label, String path, String json, int expected)
            throws Exception {
        return send(http, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                label, expected);
    }

    static String send(HttpClient http, HttpRequest req, String label, int expected) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            long t = System.nanoTime() - t0;
            SAMPLES.add(new Object[] {label, t});
            if (res.statusCode() != expected) {
                error(label + " " + res.statusCode());
                return null;
            }
            return res.body();
        } catch (Exception e) {
            error(label + " " + e.getClass().getSimpleName());
            return null;
        }
    }

    static void error(String what) {
        ERRORS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    static String token(HttpClient http, String user) throws Exception {
        String login = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"totp\":null}";
        HttpResponse<String> tok = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(tok.body());
        if (!m.find()) {
            throw new IllegalStateException("no token for " + user + ": " + tok.statusCode());
        }
        return m.group(1);
    }

    /** Signs in through the form, as a browser does: fetch the page for its CSRF token, post, keep the cookie. */
    static void signIn(HttpClient http, String user) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            m = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
        }
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = res.headers().firstValue("Location").orElse("");
        if (res.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed for " + user + ": " + res.statusCode() + " " + location);
        }
    }

    static void report(int seconds) {
        Map<String, List<Long>> by = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        for (Object[] s : SAMPLES) {
            by.computeIfAbsent((String) s[0], k -> new ArrayList<>()).add((Long) s[1]);
            all.add((Long) s[1]);
        }
        by.put("ALL", all);
        int errors = ERRORS.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("%-26s %7s %10s %10s %10s%n", "action", "n", "median ms", "p95 ms", "p99 ms");
        by.forEach((label, t) -> {
            Collections.sort(t);
            System.out.printf("%-26s %7d %10.1f %10.1f %10.1f%n", label, t.size(), ms(t, 0.5), ms(t, 0.95),
                    ms(t, 0.99));
        });
        System.out.printf("requests %d in %d s (%.1f/s), errors %d %s%n", all.size(), seconds,
                all.size() / (double) seconds, errors, errors == 0 ? "" : ERRORS);
    }

    static double ms(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
