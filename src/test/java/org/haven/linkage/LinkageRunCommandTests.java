package org.haven.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.haven.HavenApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code linkage run} command-line contract, run through the application's command dispatcher. */
class LinkageRunCommandTests {

    @TempDir
    Path dir;

    private Path people;
    private Path other;
    private Path out;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void files() throws IOException {
        people = dir.resolve("people.csv");
        // spaces around fields and in the header, Khmer script and romanisations, swapped order, titles
        Files.writeString(people, String.join("\n",
                "id , family , given , dob , phone , village",
                "1 , Test Sok , Dara Demo , 1990-05-12 , 012 345 678 , Ta Mol",
                "2 , DARA DEMO , Test Sokh , 1990-05-12 , 012345678 , Ta Mol",
                "3 , Test Chea , Sophea Demo , 1985-01-02 , , Kouk Chas",
                "4 , Test Chea , Sopheap Demo , 1971-11-30 , 099888777 , Prey Veng",
                "5 , Test Vong , Bopha Demo , 2001-07-07 , 011222333 , Svay Rieng",
                "6 , Test Vong , Bupha Demo , 2001-07-07 , 011222333 , Svay Rieng",
                "7 , Test Lim , Rithy Demo , 1960-02-02 , 016555444 , Kampot") + "\n", StandardCharsets.UTF_8);
        other = dir.resolve("other.csv");
        Files.writeString(other, String.join("\n",
                "ref;family;given;dob",
                "B1;Test Sok;Dara Demo;12/05/1990",
                "B2;Test Lim;Rithy Demo;02/02/1960",
                "B3;Test Kim;Nobody Demo;03/03/1999") + "\n", StandardCharsets.UTF_8);
        out = dir.resolve("links.csv");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("linkage", "run"));
        all.addAll(List.of(args));
        return HavenApplication.runCommand(all.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void findsDuplicatesInOneInputAndWritesTheContractFormat() throws IOException {
        int status = run("--input", people.toString(), "--id", "id", "--map", "family_name=family", "--map",
                "given_name=given", "--map", "birth_date=dob", "--map", "phone=phone", "--map", "locality=village",
                "--out", out.toString());

        assertThat(status).isZero();
        List<String> lines = lines();
        assertThat(lines.get(0)).isEqualTo("id_a,id_b,score");
        assertThat(lines).anyMatch(l -> l.startsWith("1,2,"));
        assertThat(lines).anyMatch(l -> l.startsWith("5,6,"));
        assertThat(lines).noneMatch(l -> l.startsWith("3,4,")); // Sophea is not Sopheap (and other dates)
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.matches("[^,]+,[^,]+,(0|1)\\.\\d{4}"));
        String summary = stdout.toString(StandardCharsets.UTF_8).trim();
        assertThat(summary.lines()).hasSize(1);
        assertThat(summary).matches("records 7, candidate pairs \\d+, matches " + (lines.size() - 1) + ", seconds [0-9.]+");
    }

    @Test
    void linksTwoInputsOneToOneWithADateFormat() throws IOException {
        int status = run("--input", people.toString(), "--input", other.toString(), "--id", "id", "--map",
                "family_name=family", "--map", "given_name=given", "--map", "birth_date=dob", "--one-to-one", "--out",
                out.toString());
        // the id column is called "ref" in the second file
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("'id'").contains("other.csv");

        stderr.reset();
        Files.writeString(other, Files.readString(other).replaceFirst("ref", "id"));
        status = run("--input", people.toString(), "--input", other.toString(), "--id", "id", "--map",
                "family_name=family", "--map", "given_name=given", "--map", "birth_date=dob", "--one-to-one", "--out",
                out.toString());
        assertThat(status).isEqualTo(0);
        List<String> lines = lines();
        // ISO dates in the first file, dd/MM/yyyy in the second: default ISO cannot read them, but names still link
        assertThat(lines).anyMatch(l -> l.startsWith("7,B2,"));
        long usesOf1 = lines.stream().filter(l -> l.startsWith("1,") || l.startsWith("2,")).count();
        assertThat(usesOf1).isLessThanOrEqualTo(1); // one-to-one: B1 matched at most once
        assertThat(lines).noneMatch(l -> l.contains("B3"));
    }

    @Test
    void fullNameInKhmerScriptMatchesItsRomanisation() throws IOException {
        Path khmer = dir.resolve("khmer.csv");
        Files.writeString(khmer, String.join("\n", "id,name,dob", "k1,សុខ ដារា,1990-05-12",
                "k2,Dara Sok,1990-05-12", "k3,Chea Sophea,1990-05-12", "k4,Vong Bopha,1970-01-01") + "\n", StandardCharsets.UTF_8);
        int status = run("--input", khmer.toString(), "--id", "id", "--map", "full_name=name", "--map",
                "birth_date=dob", "--out", out.toString());
        assertThat(status).isZero();
        assertThat(lines()).anyMatch(l -> l.startsWith("k1,k2,"));
        assertThat(lines()).hasSize(2);
    }

    @Test
    void privacyModeProducesTheSameFormat() throws IOException {
        int status = run("--input", people.toString(), "--id", "id", "--map", "family_name=family", "--map",
                "given_name=given", "--map", "birth_date=dob", "--map", "phone=phone", "--privacy", "--out",
                out.toString());
        assertThat(status).isZero();
        assertThat(lines().get(0)).isEqualTo("id_a,id_b,score");
        assertThat(lines()).anyMatch(l -> l.startsWith("5,6,"));
    }

    @Test
    void missingColumnIsAUsageErrorNamingIt() {
        int status = run("--input", people.toString(), "--id", "id", "--map", "given_name=first_name", "--out",
                out.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("first_name").doesNotContain("\n");
    }

    @Test
    void unknownAttributeIsAUsageErrorNamingIt() {
        int status = run("--input", people.toString(), "--id", "id", "--map", "nickname=given", "--out",
                out.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("nickname").doesNotContain("\n");
    }

    @Test
    void badDateFormatIsAUsageErrorNamingIt() {
        int status = run("--input", people.toString(), "--id", "id", "--map", "birth_date=dob:qqqq", "--out",
                out.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("qqqq");

        stderr.reset();
        status = run("--input", people.toString(), "--id", "id", "--map", "given_name=given:yyyy", "--out",
                out.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("yyyy");
    }

    @Test
    void missingOptionsAndUnknownOptionsAreUsageErrors() {
        assertThat(run("--id", "id", "--map", "given_name=given", "--out", out.toString())).isEqualTo(2);
        assertThat(run("--input", people.toString(), "--map", "given_name=given", "--out", out.toString()))
                .isEqualTo(2);
        assertThat(run("--input", people.toString(), "--id", "id", "--out", out.toString())).isEqualTo(2);
        assertThat(run("--input", people.toString(), "--id", "id", "--map", "given_name=given")).isEqualTo(2);
        assertThat(run("--input", people.toString(), "--id", "id", "--map", "given_name=given", "--out",
                out.toString(), "--fast")).isEqualTo(2);
        assertThat(run("--input", dir.resolve("absent.csv").toString(), "--id", "id", "--map", "given_name=given",
                "--out", out.toString())).isEqualTo(2);
        assertThat(err()).contains("absent.csv");
    }

    @Test
    void explainWritesWeightsPerField() throws IOException {
        Path explain = dir.resolve("explain.csv");
        int status = run("--input", people.toString(), "--id", "id", "--map", "family_name=family", "--map",
                "given_name=given", "--map", "birth_date=dob", "--out", out.toString(), "--explain",
                explain.toString());
        assertThat(status).isZero();
        assertThat(Files.readString(explain)).contains("given_name=L").contains("birth=L");
    }
}
