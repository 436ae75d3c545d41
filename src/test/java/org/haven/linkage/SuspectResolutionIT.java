package org.haven.linkage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.linkage.OffenderNetwork.Kind;
import org.haven.linkage.OffenderNetwork.Network;
import org.haven.linkage.OffenderNetwork.Node;
import org.haven.linkage.OffenderNetwork.Pair;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.OpenProceeding;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.Suspect;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Suspects resolved across proceedings with the survivors' probabilistic scoring: a spelling variant in swapped order
 * and a Khmer-script record of a Latin one, each in another proceeding, are proposed with their reasons; namesakes
 * sharing only a common family name are not. Investigators review pairs (API and page, English and Khmer): a
 * confirmed pair becomes one person, a pair declared not the same never is; a decided pair answers 409, a decision
 * needs a reason, another police unit cannot decide on these suspects (404) and a caseworker is refused (403).
 */
@HavenIntegrationTest
class SuspectResolutionIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    Adjudication adjudication;
    @Autowired
    OffenderNetwork network;

    final String token = LinkageTestSupport.token();
    CurrentUser investigator;
    UUID police;
    UUID p1;
    UUID p2;
    UUID p3;
    UUID variant1;
    UUID variant2;
    UUID khmer;
    UUID latin;
    UUID namesake1;
    UUID namesake2;

    @BeforeEach
    void setUp() {
        SecurityFixtures f = new SecurityFixtures(jdbc);
        police = f.organisation(OrganisationType.POLICE);
        investigator = f.user(police, Role.POLICE_INVESTIGATOR);
        SecurityFixtures.signIn(investigator);
        LocalDate on = LocalDate.now().minusMonths(2);
        p1 = tracking.open(proceeding(on));
        p2 = tracking.open(proceeding(on.plusDays(3)));
        p3 = tracking.open(proceeding(on.plusDays(6)));
        variant1 = record(p1, "Chhun Sokha Demo" + token, 1980);
        variant2 = record(p2, "Demo" + token + " Sokkha Chun", 1981);
        khmer = record(p1, "សុខ ដារា Test" + token, 1985);
        latin = record(p3, "Sok Dara Test" + token, 1985);
        namesake1 = record(p2, "Sok Vibol", 1970);
        namesake2 = record(p3, "Sok Piseth", 1970);
        SecurityFixtures.signOut();
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    private UUID record(UUID proceeding, String name, int birthYear) {
        return adjudication.recordSuspect(proceeding, new Suspect.RecordSuspect(name, List.of(), "KH", "MALE",
                birthYear, false, null, null, List.of()), Suspect.SchemeRole.RECRUITER);
    }

    private static OpenProceeding proceeding(LocalDate on) {
        return new OpenProceeding("KH", "12", "Test Provincial Court", "PR-SUS-" + on, null,
                ExploitationForm.FORCED_LABOUR, on, List.of());
    }

    private Network view() {
        SecurityFixtures.signIn(investigator);
        try {
            return network.network();
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private static Pair pair(Network n, UUID a, UUID b) {
        List<Pair> found = n.pairs().stream().filter(p -> p.suspectA().equals(a) && p.suspectB().equals(b)
                || p.suspectA().equals(b) && p.suspectB().equals(a)).toList();
        assertThat(found).as("pair " + a + " " + b).hasSize(1);
        return found.get(0);
    }

    private static Node person(Network n, UUID suspect) {
        List<Node> found = n.nodes().stream().filter(x -> x.kind() == Kind.PERSON)
                .filter(x -> x.suspectIds().contains(suspect)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private int decide(CurrentUser user, UUID a, UUID pa, UUID b, UUID pb, String decision, String reason)
            throws Exception {
        String body = """
                {"suspectA":"%s","proceedingA":"%s","suspectB":"%s","proceedingB":"%s","decision":"%s"%s}"""
                .formatted(a, pa, b, pb, decision, reason == null ? "" : ",\"reason\":\"" + reason + "\"");
        return mvc.perform(post("/api/v1/linkage/suspects/decision").with(SecurityFixtures.as(user)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getStatus();
    }

    @Test
    void variantsSwappedOrderAndKhmerScriptAreProposedWithReasonsAndNamesakesAreNot() throws Exception {
        Network n = view();
        Pair variants = pair(n, variant1, variant2);
        assertThat(variants.band()).isIn("MATCH", "POSSIBLE");
        assertThat(variants.score()).isGreaterThanOrEqualTo(0.5);
        assertThat(variants.fields().get("family_name")).startsWith("AGREE");
        assertThat(variants.fields().get("given_name")).isIn("AGREE", "AGREE_COMMON", "PARTIAL");
        assertThat(variants.fields()).containsEntry("birth", "PARTIAL").containsEntry("sex", "AGREE");
        assertThat(variants.status()).isEqualTo("PENDING");
        Pair script = pair(n, khmer, latin);
        assertThat(script.fields().get("family_name")).startsWith("AGREE");
        assertThat(script.fields().get("given_name")).startsWith("AGREE");
        assertThat(script.fields()).containsEntry("birth", "AGREE");
        assertThat(n.pairs()).noneMatch(p -> List.of(p.suspectA(), p.suspectB()).contains(namesake1)
                || List.of(p.suspectA(), p.suspectB()).contains(namesake2));
        assertThat(person(n, namesake1).id()).isNotEqualTo(person(n, namesake2).id());

        String api = mvc.perform(get("/api/v1/linkage/suspects").with(SecurityFixtures.as(investigator)))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200))
                .andReturn().getResponse().getContentAsString();
        assertThat(api).contains(variant1.toString()).contains(khmer.toString()).contains("\"family_name\"")
                .contains("\"band\"").doesNotContain(namesake1.toString());

        String page = mvc.perform(get("/linkage/suspects").with(SecurityFixtures.as(investigator)))
                .andReturn().getResponse().getContentAsString();
        String main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
        assertThat(main).contains("Same person across proceedings?").contains("Chhun Sokha Demo" + token)
                .contains("Family name").contains("Save decision").doesNotContain("Sok Vibol")
                .doesNotContain("style=").doesNotContain("<script");
        String km = mvc.perform(get("/linkage/suspects").param("lang", "km").with(SecurityFixtures.as(investigator)))
                .andReturn().getResponse().getContentAsString();
        assertThat(km).contains("មនុស្សតែមួយឆ្លងនីតិវិធី?").contains("ព័ត៌មានលម្អិតណាដែលដូចគ្នា");
        assertThat(jdbc.sql("""
                select count(*) from audit_event where actor_user_id = ? and action = 'suspect.read'
                  and details ->> 'view' = 'network' and subject_ids @> array[?, ?]::text[]""")
                .params(investigator.userId(), variant1.toString(), khmer.toString()).query(Integer.class).single())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void confirmedPairsAreOnePersonAndPairsDeclaredNotTheSameNeverAre() throws Exception {
        // a reason is required to confirm; an unknown decision is refused
        assertThat(decide(investigator, khmer, p1, latin, p3, "CONFIRMED", null)).isEqualTo(400);
        assertThat(decide(investigator, khmer, p1, latin, p3, "MAYBE", "x")).isEqualTo(400);
        // a suspect named with a proceeding it is not a defendant in
        assertThat(decide(investigator, khmer, p2, latin, p3, "CONFIRMED", "Same photo")).isEqualTo(404);
        // another police unit: these proceedings are not within its reach
        SecurityFixtures f = new SecurityFixtures(jdbc);
        CurrentUser stranger = f.user(f.organisation(OrganisationType.POLICE), Role.POLICE_INVESTIGATOR);
        assertThat(decide(stranger, khmer, p1, latin, p3, "CONFIRMED", "Same photo")).isEqualTo(404);
        // a caseworker may not review suspects at all
        CurrentUser caseworker = f.user(f.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        assertThat(decide(caseworker, khmer, p1, latin, p3, "CONFIRMED", "Same photo")).isEqualTo(403);

        assertThat(decide(investigator, khmer, p1, latin, p3, "CONFIRMED", "Same photo in both files")).isEqualTo(200);
        assertThat(decide(investigator, variant1, p1, variant2, p2, "NOT_SAME", "Brothers, checked")).isEqualTo(200);
        assertThat(decide(investigator, variant2, p2, variant1, p1, "CONFIRMED", "again")).isEqualTo(409);

        Network n = view();
        Node dara = person(n, khmer);
        assertThat(dara.suspectIds()).containsExactlyInAnyOrder(khmer, latin);
        assertThat(dara.reasons()).contains("CONFIRMED");
        assertThat(person(n, variant1).id()).isNotEqualTo(person(n, variant2).id());
        assertThat(pair(n, variant1, variant2).status()).isEqualTo("NOT_SAME");
        assertThat(pair(n, variant1, variant2).reason()).isEqualTo("Brothers, checked");
        assertThat(pair(n, khmer, latin).status()).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("""
                select count(*) from audit_event where actor_user_id = ? and action = 'linkage.suspect-decide'""")
                .param(investigator.userId()).query(Integer.class).single()).isEqualTo(2);

        // the page's form: UNSURE needs no reason, the pair stays proposed and can still be decided
        UUID other = record2();
        String redirect = mvc.perform(post("/linkage/suspects/decision").with(SecurityFixtures.as(investigator))
                .with(csrf()).param("suspectA", namesake1.toString()).param("proceedingA", p2.toString())
                .param("suspectB", other.toString()).param("proceedingB", p3.toString()).param("decision", "UNSURE"))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).startsWith("/linkage/suspects?decided");
        String page = mvc.perform(post("/linkage/suspects/decision").with(SecurityFixtures.as(investigator))
                .with(csrf()).param("suspectA", namesake1.toString()).param("proceedingA", p2.toString())
                .param("suspectB", other.toString()).param("proceedingB", p3.toString())
                .param("decision", "NOT_SAME").param("lang", "km"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("field-error");
        assertThat(jdbc.sql("select status from linkage_suspect_decision where suspect_a = ? or suspect_b = ?")
                .params(namesake1, namesake1).query(String.class).list()).containsExactly("UNSURE");
    }

    private UUID record2() {
        SecurityFixtures.signIn(investigator);
        try {
            return record(p3, "Sok Vibol", 1971);
        } finally {
            SecurityFixtures.signOut();
        }
    }
}
