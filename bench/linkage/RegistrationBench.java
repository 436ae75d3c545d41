import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registration duplicate check, one request at a time: POST /api/v1/linkage/registration-check with a person drawn
 * from the kname list (romanised names, birth year 1960–2010), timed end to end (HTTP on localhost, authentication,
 * JSON, the cases module's exact check, encoding, blocking query, scoring, audit). Prints p50, p95, p99, max and how
 * many answers reported a match elsewhere or in the organisation.
 *
 * java bench/linkage/RegistrationBench.java BASE_URL USERNAME PASSWORD NAMES_CSV [WARMUP] [REQUESTS]
 */
public class RegistrationBench {

    public static void main(String[] a) throws Exception {
        String base = a[0];
        int warmup = a.length > 4 ? Integer.parseInt(a[4]) : 200;
        int requests = a.length > 5 ? Integer.parseInt(a[5]) : 1000;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String login = "{\"username\":\"" + a[1] + "\",\"password\":\"" + a[2] + "\",\"totp\":null}";
        HttpResponse<String> tok = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(tok.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + tok.statusCode());
        }
        String token = m.group(1);
        List<String[]> names = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(a[3]))) {
            String[] f = line.split(",");
            if (f.length > 4 && !f[0].equals("surname")) {
                names.add(new String[] {f[2], f[3], "female".equalsIgnoreCase(f[4]) ? "FEMALE" : "MALE"});
            }
        }
        Random r = new Random(7);
        long[] times = new long[requests];
        int elsewhere = 0;
        int within = 0;
        for (int i = -warmup; i < requests; i++) {
            double u = r.nextDouble();
            String[] fam = names.get((int) (u * u * names.size()));
            String[] giv = names.get(r.nextInt(names.size()));
            String body = "{\"identity\":{\"familyName\":\"" + fam[0] + "\",\"givenName\":\"" + giv[1]
                    + "\"},\"profile\":{\"sex\":\"" + giv[2] + "\",\"birthYear\":" + (1960 + r.nextInt(51)) + "}}";
            long t0 = System.nanoTime();
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/linkage/registration-check")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long t = System.nanoTime() - t0;
            if (res.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
            }
            if (i >= 0) {
                times[i] = t;
                elsewhere += res.body().contains("\"elsewhere\":true") ? 1 : 0;
                within += res.body().contains("\"similarInOrganisation\":[]") ? 0 : 1;
            }
        }
        Arrays.sort(times);
        System.out.printf("registration check, %d sequential requests after %d warm-up: p50 %.1f ms, p95 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms; %d reported a match elsewhere, %d a similar survivor in the organisation%n",
                requests, warmup, times[requests / 2] / 1e6, times[(int) (requests * 0.95)] / 1e6,
                times[(int) (requests * 0.99)] / 1e6, times[requests - 1] / 1e6, elsewhere, within);
    }
}
