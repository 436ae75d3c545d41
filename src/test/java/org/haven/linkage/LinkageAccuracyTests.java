package org.haven.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.haven.HavenApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accuracy regression on the reference data sets with fixed thresholds (pairwise F1 over the CLI's output). The
 * thresholds are the targets; the measured values are in docs/benchmarks.md.
 */
class LinkageAccuracyTests {

    private static final String[] FEBRL_MAP = {"--id", "rec_id", "--map", "given_name=given_name", "--map",
        "family_name=surname", "--map", "birth_date=date_of_birth:yyyyMMdd", "--map", "id_number=soc_sec_id", "--map",
        "address=street_number", "--map", "address=address_1", "--map", "locality=suburb", "--map",
        "postcode=postcode", "--map", "region=state"};

    @TempDir
    Path dir;

    @Test
    void febrl1() throws IOException {
        Path data = SharedData.path("linkage/febrl/dataset1.csv");
        double f1 = f1(run(List.of("--input", data.toString()), FEBRL_MAP),
                pairs(SharedData.path("linkage/febrl/dataset1_true_pairs.csv")));
        assertThat(f1).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void febrl3() throws IOException {
        Path data = SharedData.path("linkage/febrl/dataset3.csv");
        double f1 = f1(run(List.of("--input", data.toString()), FEBRL_MAP),
                pairs(SharedData.path("linkage/febrl/dataset3_true_pairs.csv")));
        assertThat(f1).isGreaterThanOrEqualTo(0.993);
    }

    @Test
    void febrl4OneToOneAndPrivacyModeWithinOnePointOfIt() throws IOException {
        List<String> inputs = List.of("--input", SharedData.path("linkage/febrl/dataset4a.csv").toString(), "--input",
                SharedData.path("linkage/febrl/dataset4b.csv").toString(), "--one-to-one");
        Set<Set<String>> truth = pairs(SharedData.path("linkage/febrl/dataset4_true_pairs.csv"));
        double plain = f1(run(inputs, FEBRL_MAP), truth);
        List<String> privacy = new ArrayList<>(inputs);
        privacy.add("--privacy");
        double encoded = f1(run(privacy, FEBRL_MAP), truth);
        assertThat(plain).isGreaterThanOrEqualTo(0.997);
        assertThat(encoded).isGreaterThanOrEqualTo(plain - 0.01);
    }

    @Test
    void splinkFake1000() throws IOException {
        Path data = SharedData.path("linkage/splink_fake_1000/fake_1000.csv");
        double f1 = f1(run(List.of("--input", data.toString()), "--id", "unique_id", "--map", "given_name=first_name",
                "--map", "family_name=surname", "--map", "birth_date=dob", "--map", "locality=city"),
                clusters(data, "unique_id", "cluster"));
        assertThat(f1).isGreaterThanOrEqualTo(0.87);
    }

    @Test
    void khmerRegistrations() throws IOException {
        Path data = Path.of("src/test/resources/linkage/khmer_registrations.csv");
        double f1 = f1(run(List.of("--input", data.toString()), "--id", "record_id", "--map",
                "family_name=family_name", "--map", "given_name=given_name", "--map", "sex=sex", "--map",
                "birth_date=birth_date", "--map", "birth_year=birth_year", "--map", "phone=phone", "--map",
                "locality=village"), clusters(data, "record_id", "person_id"));
        assertThat(f1).isGreaterThanOrEqualTo(0.95);
    }

    private Set<Set<String>> run(List<String> inputs, String... map) throws IOException {
        Path out = dir.resolve("links-" + System.nanoTime() + ".csv");
        List<String> args = new ArrayList<>(List.of("linkage", "run"));
        args.addAll(inputs);
        args.addAll(List.of(map));
        args.addAll(List.of("--out", out.toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HavenApplication.runCommand(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertThat(status).as(err.toString()).isZero();
        Set<Set<String>> links = new HashSet<>();
        List<String> lines = Files.readAllLines(out);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            links.add(Set.of(f[0], f[1]));
        }
        return links;
    }

    private static Set<Set<String>> pairs(Path file) throws IOException {
        Set<Set<String>> truth = new HashSet<>();
        List<String> lines = Files.readAllLines(file);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            truth.add(Set.of(f[0].trim(), f[1].trim()));
        }
        return truth;
    }

    private static Set<Set<String>> clusters(Path file, String idColumn, String clusterColumn) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf(idColumn);
        int cluster = header.indexOf(clusterColumn);
        Map<String, List<String>> groups = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            // the generated file quotes no field that holds a comma in these two columns
            groups.computeIfAbsent(f[f.length - (header.size() - cluster)].trim(), k -> new ArrayList<>())
                    .add(f[id].trim());
        }
        Set<Set<String>> truth = new HashSet<>();
        for (List<String> g : groups.values()) {
            for (int i = 0; i < g.size(); i++) {
                for (int j = i + 1; j < g.size(); j++) {
                    truth.add(Set.of(g.get(i), g.get(j)));
                }
            }
        }
        return truth;
    }

    private static double f1(Set<Set<String>> links, Set<Set<String>> truth) {
        long tp = links.stream().filter(truth::contains).count();
        double p = links.isEmpty() ? 0 : tp / (double) links.size();
        double r = truth.isEmpty() ? 0 : tp / (double) truth.size();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
