package org.haven.linkage.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates an obviously synthetic test set of registrations of the same people at several organisations, with
 * ground truth ({@code person_id}), and the errors real Cambodian registrations have: Khmer script in one record and
 * a romanisation in another, romanisation variants, family/given order swapped, honorifics, an estimated age (birth
 * year) instead of a date, the commune instead of the village, typos, missing fields. Names come from the shipped
 * dictionary (kname pairs and the variant table), places from the NCDD gazetteer.
 *
 * <p>Names follow a realistic, concentrated distribution: surnames Zipf-distributed (exponent 1, in the order of the
 * variant table, which lists the most common surnames first; a handful of surnames cover a large share of people, as
 * in Cambodia), given names either one dictionary name or, as many Khmer given names are, two written together
 * (Srey + Mom = Sreymom, ស្រីមុំ), Zipf-distributed with exponent 0.8 over a few thousand names. So at 100,000
 * people many different people share a full name — which the matcher must survive — but not one in ten.
 *
 * <p>Usage: {@code java -cp haven.jar -Dloader.main=org.haven.linkage.batch.KhmerTestSetGenerator
 * org.springframework.boot.loader.launch.PropertiesLauncher OUT.csv [PEOPLE] [SEED]} or from tests via
 * {@link #generate(int, long)}.
 */
public final class KhmerTestSetGenerator {

    record Name(String khmer, String latin, List<String> variants, List<Name> parts) {
        Name(String khmer, String latin, List<String> variants) {
            this(khmer, latin, variants, List.of());
        }
    }

    record Place(String villageKm, String villageLatin, String communeKm, String communeLatin) {
    }

    public static final String HEADER = "record_id,organisation,family_name,given_name,sex,birth_date,birth_year,phone,"
            + "village,person_id";

    private static final String[] ORGANISATIONS = {"Test NGO Alpha", "Test Shelter Beta", "Test Police Gamma",
        "Test Clinic Delta"};

    private final SplittableRandom random;
    private final List<Name> surnames = new ArrayList<>();
    private final List<Name> givenNames = new ArrayList<>();
    private final List<Place> places = new ArrayList<>();
    private double[] surnameCdf;
    private double[] givenCdf;

    public KhmerTestSetGenerator(long seed) {
        this.random = new SplittableRandom(seed);
        Map<String, Name> sur = new LinkedHashMap<>();
        Map<String, Name> giv = new LinkedHashMap<>();
        for (String[] r : rows("/linkage/name_variants.csv")) {
            if (r.length < 3 || r[0].equals("khmer") || r[1].equals("honorific")) {
                continue;
            }
            List<String> v = r.length > 3 && !r[3].isEmpty() ? List.of(r[3].split("\\|")) : List.of();
            Name n = new Name(r[0], r[2], v);
            if (r[1].contains("surname")) {
                sur.put(r[0], n);
            }
            if (r[1].contains("given")) {
                giv.put(r[0], n);
            }
        }
        for (String[] r : rows("/linkage/kname_pairs.csv")) {
            if (r.length < 3 || r[0].equals("khmer")) {
                continue;
            }
            (r[1].equals("surname") ? sur : giv).putIfAbsent(r[0], new Name(r[0], r[2], List.of()));
        }
        surnames.addAll(sur.values());
        List<Name> singles = new ArrayList<>(giv.values());
        givenNames.addAll(singles);
        List<Name> compounds = new ArrayList<>();
        for (Name a : singles) {
            for (Name b : singles) {
                if (a != b && !a.latin().equalsIgnoreCase(b.latin()) && a.latin().indexOf(' ') < 0
                        && b.latin().indexOf(' ') < 0) {
                    compounds.add(new Name(a.khmer() + b.khmer(), a.latin() + b.latin().toLowerCase(Locale.ROOT),
                            List.of(), List.of(a, b)));
                }
            }
        }
        // a fixed pseudo-random order of the compounds (ranks of the Zipf law), independent of the data seed
        SplittableRandom order = new SplittableRandom(7);
        for (int i = compounds.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            Name t = compounds.get(i);
            compounds.set(i, compounds.get(j));
            compounds.set(j, t);
        }
        // singles interleaved with the compounds: every fourth rank among the first is a single name
        List<Name> ranked = new ArrayList<>();
        int si = 0;
        int ci = 0;
        while (si < singles.size() || ci < compounds.size()) {
            if (si < singles.size() && (ranked.size() % 4 == 0 || ci >= compounds.size())) {
                ranked.add(singles.get(si++));
            } else {
                ranked.add(compounds.get(ci++));
            }
        }
        givenNames.clear();
        givenNames.addAll(ranked);
        surnameCdf = zipf(surnames.size(), 1.0);
        givenCdf = zipf(givenNames.size(), 0.8);
        Map<String, String[]> byCode = new LinkedHashMap<>();
        for (String[] r : rows("/linkage/gazetteer.csv")) {
            if (r.length >= 5) {
                byCode.put(r[0], r);
            }
        }
        for (String[] r : byCode.values()) {
            if (r[1].equals("4") && !r[4].isEmpty() && byCode.containsKey(r[2])) {
                String[] c = byCode.get(r[2]);
                places.add(new Place(r[3], r[4], c[3], c[4]));
            }
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "khmer_registrations.csv");
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Files.writeString(out, String.join("\n", new KhmerTestSetGenerator(seed).generate(people)) + "\n");
    }

    /** CSV lines (header first) for the given number of people. */
    public static List<String> generate(int people, long seed) {
        return new KhmerTestSetGenerator(seed).generate(people);
    }

    List<String> generate(int people) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        int recordNo = 0;
        for (int p = 0; p < people; p++) {
            Name family = surnames.get(draw(surnameCdf));
            Name given = givenNames.get(draw(givenCdf));
            boolean female = random.nextBoolean();
            LocalDate born = LocalDate.of(1965, 1, 1).plusDays(random.nextInt(365 * 45));
            Place place = places.get(random.nextInt(places.size()));
            String phone = random.nextDouble() < 0.6 ? "0" + (10 + random.nextInt(90)) + String.format("%07d",
                    random.nextInt(10_000_000)) : null;
            double r = random.nextDouble();
            int registrations = r < 0.35 ? 1 : r < 0.7 ? 2 : r < 0.9 ? 3 : 4;
            for (int k = 0; k < registrations; k++) {
                recordNo++;
                lines.add(record(recordNo, k, p, family, given, female, born, place, phone));
            }
        }
        // shuffle records (keep header)
        List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
        for (int i = body.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = body.get(i);
            body.set(i, body.get(j));
            body.set(j, t);
        }
        List<String> out = new ArrayList<>();
        out.add(HEADER);
        out.addAll(body);
        return out;
    }

    private String record(int recordNo, int k, int person, Name family, Name given, boolean female, LocalDate born,
            Place place, String phone) {
        boolean khmer = random.nextDouble() < 0.3;
        String fam = khmer ? family.khmer() : spell(family);
        String giv = khmer ? given.khmer() : spell(given);
        if (random.nextDouble() < 0.03) {
            giv = "";
        }
        if (!khmer && random.nextDouble() < 0.3) {
            fam = fam.toUpperCase(Locale.ROOT);
        }
        if (random.nextDouble() < 0.08) {
            giv = (khmer ? (female ? "កញ្ញា" : "លោក") : (female ? "Neak Neang " : "Lok ")) + giv;
        }
        if (random.nextDouble() < 0.15) {
            String t = fam;
            fam = giv;
            giv = t;
        }
        String sex = random.nextDouble() < 0.9 ? (female ? "F" : "M") : "";
        String date = "";
        String year = "";
        double d = random.nextDouble();
        if (d < 0.55) {
            LocalDate b = born;
            double e = random.nextDouble();
            if (e < 0.04 && b.getDayOfMonth() <= 12) {
                b = LocalDate.of(b.getYear(), b.getDayOfMonth(), b.getMonthValue());
            } else if (e < 0.08) {
                b = b.plusDays(random.nextInt(3) - 1);
            }
            date = b.toString();
        } else if (d < 0.87) {
            double e = random.nextDouble();
            int off = e < 0.5 ? 0 : e < 0.85 ? (random.nextBoolean() ? 1 : -1) : (random.nextBoolean() ? 2 : -2);
            year = Integer.toString(born.getYear() + off);
        }
        String village = "";
        double v = random.nextDouble();
        if (v < 0.4) {
            village = place.villageLatin();
        } else if (v < 0.55) {
            village = place.villageKm();
        } else if (v < 0.75) {
            village = place.communeLatin();
        }
        String ph = phone != null && random.nextDouble() < 0.55 ? phone : "";
        if (!ph.isEmpty() && random.nextDouble() < 0.1) {
            ph = typo(ph, true);
        }
        String org = ORGANISATIONS[(k + person) % ORGANISATIONS.length];
        return String.join(",", "R" + recordNo, org, quote(fam), quote(giv), sex, date, year, ph, quote(village),
                "P" + person);
    }

    /** Cumulative Zipf distribution over n ranks with exponent e. */
    private static double[] zipf(int n, double e) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, e);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private int draw(double[] cdf) {
        int i = java.util.Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    private String spell(Name n) {
        if (!n.parts().isEmpty()) {
            String a = spellPart(n.parts().get(0));
            String b = spellPart(n.parts().get(1));
            String s = random.nextDouble() < 0.2 ? a + " " + b : a + b.toLowerCase(Locale.ROOT);
            return random.nextDouble() < 0.07 ? typo(s, false) : s;
        }
        String s = spellPart(n);
        return random.nextDouble() < 0.07 ? typo(s, false) : s;
    }

    private String spellPart(Name n) {
        String s = n.latin();
        double r = random.nextDouble();
        if (r < 0.35 && !n.variants().isEmpty()) {
            s = n.variants().get(random.nextInt(n.variants().size()));
        } else if (r < 0.45) {
            s = ruleVariant(s);
        }
        return s;
    }

    /** A romanisation variant by rule: doubled final consonant, dropped aspirate, ey/ay. */
    private String ruleVariant(String s) {
        switch (random.nextInt(4)) {
            case 0:
                return s.matches(".*[nlk]$") ? s + s.charAt(s.length() - 1) : s;
            case 1:
                return s.replaceFirst("(?i)(ch|k|t|p)h", "$1");
            case 2:
                return s.replace("ey", "ay");
            default:
                return s.replace("ou", "u");
        }
    }

    private String typo(String s, boolean digits) {
        if (s.length() < 3) {
            return s;
        }
        int i = 1 + random.nextInt(s.length() - 2);
        char c = digits ? (char) ('0' + random.nextInt(10)) : (char) ('a' + random.nextInt(26));
        switch (random.nextInt(digits ? 2 : 4)) {
            case 0:
                return s.substring(0, i) + c + s.substring(i + 1);
            case 1:
                return s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
            case 2:
                return s.substring(0, i) + s.substring(i + 1);
            default:
                return s.substring(0, i) + c + s.substring(i);
        }
    }

    private static String quote(String v) {
        return v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static List<String[]> rows(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = KhmerTestSetGenerator.class.getResourceAsStream(resource)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    rows.add(line.replace("\"", "").split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static void write(Path out, List<String> lines) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            lines.forEach(w::println);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
