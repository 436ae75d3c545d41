import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load tool for the case API: USERS concurrent users for SECONDS, each alternating a name search
 * (GET /api/v1/cases?q=<romanised name from the kname list>) and a case page (GET /api/v1/cases/{id} of a case found
 * by an earlier search). Prints count, median, p95, p99 per kind.
 *
 * java bench/cases/Bench.java BASE_URL USERNAME PASSWORD NAMES_CSV [USERS] [SECONDS]
 */
public class Bench {

    public static void main(String[] a) throws Exception {
        String base = a[0];
        int users = a.length > 4 ? Integer.parseInt(a[4]) : 20;
        int seconds = a.length > 5 ? Integer.parseInt(a[5]) : 60;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String login = "{\"username\":\"" + a[1] + "\",\"password\":\"" + a[2] + "\",\"totp\":null}";
        HttpResponse<String> tok = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(tok.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + tok.statusCode() + " " + tok.body());
        }
        String token = m.group(1);
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(a[3]))) {
            String[] f = line.split(",");
            if (f.length > 3 && !f[0].equals("surname")) {
                names.add(f[2] + " " + f[3]);
            }
        }
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        Pattern idp = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(users);
        for (int u = 0; u < users; u++) {
            final int seed = u;
            pool.submit(() -> {
                Random r = new Random(seed);
                int errors = 0;
                while (System.nanoTime() < end) {
                    boolean search = ids.size() < 50 || r.nextBoolean();
                    String url = search
                            ? base + "/api/v1/cases?size=20&q=" + URLEncoder.encode(names.get(r.nextInt(names.size())), StandardCharsets.UTF_8)
                            : base + "/api/v1/cases/" + ids.get(r.nextInt(ids.size()));
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                        long t = System.nanoTime() - t0;
                        if (res.statusCode() != 200) {
                            errors++;
                            continue;
                        }
                        samples.add(new long[] {search ? 0 : 1, t});
                        if (search && ids.size() < 5000) {
                            Matcher im = idp.matcher(res.body());
                            while (im.find()) {
                                ids.add(im.group(1));
                            }
                        }
                    } catch (Exception e) {
                        errors++;
                    }
                }
                if (errors > 0) {
                    System.err.println("user " + seed + ": " + errors + " errors");
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        System.out.printf("total request time %.0f ms over %d requests%n",
                samples.stream().mapToLong(x -> x[1]).sum() / 1e6, samples.size());
        for (int kind = 0; kind < 2; kind++) {
            final int k = kind;
            List<Long> t = samples.stream().filter(s -> s[0] == k).map(s -> s[1]).sorted().toList();
            if (t.isEmpty()) {
                continue;
            }
            System.out.printf("%-12s n=%6d  median=%6.1f ms  p95=%6.1f ms  p99=%6.1f ms  throughput=%.1f/s%n",
                    k == 0 ? "name search" : "case page", t.size(), ms(t, 0.5), ms(t, 0.95), ms(t, 0.99),
                    t.size() / (double) seconds);
        }
    }

    static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
