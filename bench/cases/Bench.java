import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
 * by an earlier search). Prints count, median, p95, p99 per kind. Each user keeps one HTTP/1.1 keep-alive connection
 * and sends requests on it with a plain blocking socket: the load tool shares the machine's two cores with the server,
 * and java.net.http's asynchronous machinery took a noticeable share of them (see docs/benchmarks.md).
 *
 * java bench/cases/Bench.java BASE_URL USERNAME PASSWORD NAMES_CSV [USERS] [SECONDS]
 */
public class Bench {

    public static void main(String[] a) throws Exception {
        String base = a[0];
        int users = a.length > 4 ? Integer.parseInt(a[4]) : 20;
        int seconds = a.length > 5 ? Integer.parseInt(a[5]) : 60;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // BENCH_CLIENT=jdk sends the measured requests with java.net.http instead (the client of earlier runs)
        boolean jdk = "jdk".equals(System.getenv("BENCH_CLIENT"));
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
                Connection conn = new Connection(URI.create(base));
                while (System.nanoTime() < end) {
                    boolean search = ids.size() < 50 || r.nextBoolean();
                    String path = search
                            ? "/api/v1/cases?size=20&q=" + URLEncoder.encode(names.get(r.nextInt(names.size())), StandardCharsets.UTF_8)
                            : "/api/v1/cases/" + ids.get(r.nextInt(ids.size()));
                    long t0 = System.nanoTime();
                    try {
                        Response res = jdk ? send(http, base + path, token) : conn.get(path, token);
                        long t = System.nanoTime() - t0;
                        if (res.status() != 200) {
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
                        conn.close();
                    }
                }
                conn.close();
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

    record Response(int status, String body) {
    }

    static Response send(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(res.statusCode(), res.body());
    }

    /** One keep-alive HTTP/1.1 connection: GET with a bearer token, body by Content-Length or chunked. */
    static final class Connection {
        private final URI base;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(URI base) {
            this.base = base;
        }

        Response get(String path, String token) throws IOException {
            if (socket == null) {
                socket = new Socket(base.getHost(), base.getPort());
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closeAfter = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int n = Integer.parseInt(line().split(";")[0].trim(), 16); n > 0;
                        n = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(n));
                    line();
                }
                line();
            } else if (length >= 0) {
                body.write(in.readNBytes(length));
            }
            if (closeAfter) {
                close();
            }
            return new Response(code, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
