package org.haven.prosecution;

import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.security.DemoDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The demo profile's proceeding: the demo survivor's case from complaint to conviction, with a hearing under
 * protective measures and compensation partly paid, as the demo investigator, prosecutor, legal officer and shelter
 * caseworker see it; and the complicity and attrition pages have data.
 */
@HavenIntegrationTest
@ActiveProfiles("demo")
class ProsecutionDemoDataIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoDirectory demo;

    String html(String path, String username) throws Exception {
        var r = mvc.perform(get(path).with(as(demo.user(username)))).andReturn().getResponse();
        assertThat(r.getStatus()).as("GET %s as %s", path, username).isEqualTo(200);
        return r.getContentAsString();
    }

    @Test
    void theDemoProceedingGoesFromComplaintToConvictionAndEachDemoUserSeesTheirPart() throws Exception {
        UUID id = jdbc.sql("select id from proceeding where police_report_no = 'DEMO-PR-0001'").query(UUID.class)
                .single();
        assertThat(jdbc.sql("select stage from proceeding where id = ?").param(id).query(String.class).single())
                .isEqualTo("VERDICT");
        assertThat(jdbc.sql("select verdict from proceeding_defendant where proceeding_id = ?").param(id)
                .query(String.class).single()).isEqualTo("CONVICTED");
        String p = "/proceedings/" + id;
        for (String u : new String[] {"police.investigator", "prosecutor"}) {
            assertThat(html(p, u)).contains("DEMO-PR-0001");
            assertThat(html(p + "/suspects", u)).contains("Demo Suspect Vuthy (synthetic)");
            assertThat(html(p + "/verdicts", u)).contains("1,500.00 USD").contains("600.00 USD");
            assertThat(html(p + "/hearings", u)).contains("Closed hearing");
        }
        assertThat(html(p + "/victims", "legal.officer")).contains("consent does not cover your organisation");
        String shelter = html(p, "shelter.caseworker");
        assertThat(shelter).doesNotContain("DEMO-PR-0001").contains("Convicted");
        assertThat(html(p + "/suspects", "shelter.caseworker")).doesNotContain("Vuthy");
        assertThat(html(p + "/verdicts", "shelter.caseworker")).contains("600.00 USD");
        assertThat(mvc.perform(get(p).with(as(demo.user("other.caseworker")))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(html("/proceedings/complicity", "prosecutor")).contains("Forced labour");
        assertThat(html("/proceedings/trainings", "police.investigator")).contains("Demo training hall (synthetic)");
    }
}
