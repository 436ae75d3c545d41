package org.haven.linkage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.linkage.OffenderNetwork.Filter;
import org.haven.linkage.OffenderNetwork.Kind;
import org.haven.linkage.OffenderNetwork.Network;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.OpenProceeding;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.Suspect;
import org.haven.prosecution.Suspect.Identifier;
import org.haven.prosecution.Suspect.IdentifierKind;
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
 * The network beyond the newest proceedings: a police unit with a connected group made of two old proceedings (a
 * recruiter and a broker sharing a phone, six years ago) and more than {@value OffenderNetwork#MAX_PROCEEDINGS}
 * newer proceedings. Unfiltered, the view reads the newest ones and says it was cut, with the counts; the old group
 * is reached by a period, by its phone and by a name (another spelling), each showing only that group; the page says
 * so in English and Khmer, and a bad date is a field error.
 */
@HavenIntegrationTest
class NetworkReachIT {

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
    void aConnectedGroupOfOldProceedingsCanBeReached() throws Exception {
        SecurityFixtures f = new SecurityFixtures(jdbc);
        CurrentUser investigator = f.user(f.organisation(OrganisationType.POLICE), Role.POLICE_INVESTIGATOR);
        String t = LinkageTestSupport.token();
        String phone = "+855 96 " + (100 + (int) (Math.random() * 800)) + " " + (1000 + (int) (Math.random() * 8000));
        LocalDate old = LocalDate.now().minusYears(6);
        SecurityFixtures.signIn(investigator);
        UUID o1 = tracking.open(proceeding(old, "15"));
        UUID o2 = tracking.open(proceeding(old.plusDays(20), "15"));
        UUID recruiter = adjudication.recordSuspect(o1, suspect("Test Recruiter Chhorn " + t, phone),
                Suspect.SchemeRole.RECRUITER);
        UUID broker = adjudication.recordSuspect(o2, suspect("Test Broker Mealea " + t, phone.replace(" ", "")),
                Suspect.SchemeRole.BROKER);
        LocalDate recent = LocalDate.now().minusMonths(6);
        for (int i = 0; i < OffenderNetwork.MAX_PROCEEDINGS + 5; i++) {
            tracking.open(proceeding(recent.plusDays(i % 150), "12"));
        }
        SecurityFixtures.signOut();

        // unfiltered: the newest proceedings only, and said so with the counts
        Network all = view(investigator, Filter.NONE);
        assertThat(all.proceedings()).isEqualTo(OffenderNetwork.MAX_PROCEEDINGS);
        assertThat(all.proceedingsInScope()).isEqualTo(OffenderNetwork.MAX_PROCEEDINGS + 7);
        assertThat(all.truncated()).isTrue();
        assertThat(all.nodes()).noneMatch(n -> n.suspectIds().contains(recruiter));

        // a period: the old group, complete
        Network period = view(investigator, new Filter(old.minusDays(1), old.plusDays(30), null, null, null));
        assertThat(period.truncated()).isFalse();
        assertThat(period.proceedings()).isEqualTo(2);
        assertThat(people(period)).containsExactlyInAnyOrder(recruiter, broker);
        assertThat(period.groups()).hasSize(1);

        // a province
        Network province = view(investigator, new Filter(null, null, "15", null, null));
        assertThat(province.proceedingsInScope()).isEqualTo(2);
        assertThat(people(province)).containsExactlyInAnyOrder(recruiter, broker);

        // its phone, written another way, with no period: only that group
        Network byPhone = view(investigator, new Filter(null, null, null, null, "0" + phone.substring(5)));
        assertThat(byPhone.startFound()).isTrue();
        assertThat(byPhone.truncated()).isFalse();
        assertThat(people(byPhone)).containsExactlyInAnyOrder(recruiter, broker);
        assertThat(byPhone.nodes()).anyMatch(n -> n.kind() == Kind.PHONE);
        assertThat(byPhone.groups()).hasSize(1);
        assertThat(byPhone.nodes()).allMatch(n -> n.group() == byPhone.groups().get(0).id());

        // a name in another spelling and order
        Network byName = view(investigator, new Filter(null, null, null, t + " Chorn", null));
        assertThat(byName.startFound()).isTrue();
        assertThat(people(byName)).containsExactlyInAnyOrder(recruiter, broker);

        Network nobody = view(investigator, new Filter(null, null, null, "Nobody Here " + t, null));
        assertThat(nobody.startFound()).isFalse();
        assertThat(nobody.nodes()).isEmpty();

        String page = mvc.perform(get("/linkage/network").with(SecurityFixtures.as(investigator)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Only the newest 1,000 of the 1,007 proceedings in this scope were read")
                .doesNotContain("Test Recruiter Chhorn " + t);
        String km = mvc.perform(get("/linkage/network").param("lang", "km").with(SecurityFixtures.as(investigator)))
                .andReturn().getResponse().getContentAsString();
        assertThat(km).contains("បានអានតែនីតិវិធីថ្មីបំផុត");
        String found = mvc.perform(get("/linkage/network").param("phone", phone)
                .with(SecurityFixtures.as(investigator))).andReturn().getResponse().getContentAsString();
        assertThat(found).contains("Test Recruiter Chhorn " + t).contains("Test Broker Mealea " + t)
                .contains("Only the connected groups of the person or phone you started from are shown")
                .doesNotContain("proceedings in this scope were read");
        String api = mvc.perform(get("/api/v1/linkage/network").param("from", old.minusDays(1).toString())
                .param("to", old.plusDays(30).toString()).with(SecurityFixtures.as(investigator)))
                .andReturn().getResponse().getContentAsString();
        assertThat(api).contains(recruiter.toString()).contains("\"proceedingsInScope\":2");
        int bad = mvc.perform(get("/api/v1/linkage/network").param("from", "yesterday")
                .with(SecurityFixtures.as(investigator))).andReturn().getResponse().getStatus();
        assertThat(bad).isEqualTo(400);
        String badPage = mvc.perform(get("/linkage/network").param("from", "2025-02-01").param("to", "2025-01-01")
                .with(SecurityFixtures.as(investigator))).andReturn().getResponse().getContentAsString();
        assertThat(badPage).contains("The end of the period is before its start.");
    }

    private Network view(CurrentUser user, Filter filter) {
        SecurityFixtures.signIn(user);
        try {
            return network.network(filter);
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private static List<UUID> people(Network n) {
        return n.nodes().stream().filter(x -> x.kind() == Kind.PERSON).flatMap(x -> x.suspectIds().stream())
                .toList();
    }

    private static OpenProceeding proceeding(LocalDate on, String province) {
        return new OpenProceeding("KH", province, "Test Provincial Court", "PR-REACH-" + on, null,
                ExploitationForm.FORCED_LABOUR, on, List.of());
    }

    private static Suspect.RecordSuspect suspect(String name, String phone) {
        return new Suspect.RecordSuspect(name, List.of(), "KH", "MALE", 1979, false, null, null,
                List.of(new Identifier(IdentifierKind.PHONE, phone)));
    }
}
