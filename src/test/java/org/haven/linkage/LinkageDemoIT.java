package org.haven.linkage;

import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.DemoDirectory;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The demo data gives the demo shelter's supervisor a cross-organisation pair to review. */
@HavenIntegrationTest
@ActiveProfiles("demo")
class LinkageDemoIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    DemoDirectory demo;

    @Test
    void demoSupervisorFindsTheDemoPairAtTheOtherShelter() throws Exception {
        CurrentUser supervisor = demo.user("shelter.supervisor");
        String body = "";
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until && !body.contains("Other Demo Shelter")) {
            body = mvc.perform(get("/api/v1/linkage/candidates").with(SecurityFixtures.as(supervisor))).andReturn()
                    .getResponse().getContentAsString();
            Thread.sleep(200);
        }
        assertThat(body).contains("Other Demo Shelter (synthetic)").contains("\"given_name\":\"AGREE\"")
                .doesNotContain("Sokkha").doesNotContain("Sokha");
    }
}
