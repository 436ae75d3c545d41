package org.haven.linkage;

import java.util.List;

import org.haven.HavenIntegrationTest;
import org.haven.linkage.OffenderNetwork.Kind;
import org.haven.linkage.OffenderNetwork.Network;
import org.haven.linkage.OffenderNetwork.Node;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Suspects resolved across proceedings and the network view: the same recruiter recorded three times becomes one
 * person (name variant and order; shared passport), a namesake twenty years younger stays apart, the broker sharing
 * the recruiter's phone is linked through the phone; the recruiter is the top broker; API and page (English and
 * Khmer, server-side SVG, no external request); the read is audited; another police unit sees none of it.
 */
@HavenIntegrationTest
class NetworkViewIT {

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

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    @Test
    void suspectsAreResolvedIntoPeopleAndTheRecruiterIsTheBroker() throws Exception {
        SecurityFixtures f = new SecurityFixtures(jdbc);
        CurrentUser investigator = f.user(f.organisation(OrganisationType.POLICE), Role.POLICE_INVESTIGATOR);
        NetworkTestWorld w = new NetworkTestWorld(tracking, adjudication, investigator);

        SecurityFixtures.signIn(investigator);
        Network n = network.network();
        SecurityFixtures.signOut();

        assertThat(n.proceedings()).isEqualTo(3);
        assertThat(n.suspects()).isEqualTo(5);
        assertThat(n.people()).isEqualTo(3);
        Node recruiter = person(n, w.recruiter1.toString());
        assertThat(recruiter.suspectIds()).containsExactlyInAnyOrder(w.recruiter1, w.recruiter2, w.recruiter3);
        assertThat(recruiter.reasons()).containsExactlyInAnyOrder("SCORED_MATCH", "SAME_DOCUMENT");
        Node stranger = person(n, w.stranger.toString());
        assertThat(stranger.suspectIds()).containsExactly(w.stranger);
        Node broker = person(n, w.broker.toString());
        assertThat(broker.suspectIds()).containsExactly(w.broker);
        // recruiter: three proceedings and the phone; broker: one proceeding and the same phone (one phone node)
        assertThat(recruiter.degree()).isEqualTo(4);
        assertThat(broker.degree()).isEqualTo(2);
        assertThat(n.nodes().stream().filter(x -> x.kind() == Kind.PHONE)).hasSize(1);
        assertThat(n.nodes().stream().filter(x -> x.kind() == Kind.PLACE)).hasSize(1);
        assertThat(n.groups()).hasSize(1);
        assertThat(n.groups().get(0).people()).isEqualTo(3);
        assertThat(n.brokers().get(0).id()).isEqualTo(recruiter.id());
        assertThat(recruiter.betweenness()).isGreaterThan(broker.betweenness());
        assertThat(n.edges()).anySatisfy(e -> assertThat(e.label()).isEqualTo("RECRUITER"));

        assertThat(jdbc.sql("""
                select count(*) from audit_event where actor_user_id = ? and action = 'suspect.read'
                  and details ->> 'view' = 'network' and subject_ids @> array[?, ?]::text[]""")
                .params(investigator.userId(), w.recruiter1.toString(), w.broker.toString()).query(Integer.class)
                .single()).isEqualTo(1);

        String api = mvc.perform(get("/api/v1/linkage/network").with(SecurityFixtures.as(investigator)))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200))
                .andReturn().getResponse().getContentAsString();
        assertThat(api).contains("Test Broker Vannak " + w.token).contains("\"kind\":\"PHONE\"")
                .contains("\"brokers\"");

        String page = mvc.perform(get("/linkage/network").with(SecurityFixtures.as(investigator)))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200))
                .andReturn().getResponse().getContentAsString();
        String main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
        assertThat(main).contains("<svg").contains("<circle").contains("<line").contains("Most connected people")
                .contains("Test Broker Vannak " + w.token).contains("same identity document")
                .doesNotContain("style=").doesNotContain("<script").doesNotContain("http://cdn")
                .doesNotContain("https://");
        String km = mvc.perform(get("/linkage/network").param("lang", "km").with(SecurityFixtures.as(investigator)))
                .andReturn().getResponse().getContentAsString();
        assertThat(km).contains("បណ្តាញជនល្មើស").contains("មនុស្សដែលមានទំនាក់ទំនងច្រើនបំផុត");

        // another police unit: none of these proceedings are within its reach
        CurrentUser other = f.user(f.organisation(OrganisationType.POLICE), Role.POLICE_INVESTIGATOR);
        String otherApi = mvc.perform(get("/api/v1/linkage/network").with(SecurityFixtures.as(other)))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200))
                .andReturn().getResponse().getContentAsString();
        assertThat(otherApi).doesNotContain(w.token).doesNotContain(w.recruiter1.toString());
    }

    private static Node person(Network n, String suspectId) {
        List<Node> found = n.nodes().stream().filter(x -> x.kind() == Kind.PERSON)
                .filter(x -> x.suspectIds().stream().anyMatch(s -> s.toString().equals(suspectId))).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
