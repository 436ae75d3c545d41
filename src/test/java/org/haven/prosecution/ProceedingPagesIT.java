package org.haven.prosecution;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class ProceedingPagesIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    VictimWitnessSupport victims;
    @Autowired
    HearingCalendar hearings;
    @Autowired
    ProsecutionTestBeans.TestCases cases;

    @AfterEach
    void tearDown() {
        signOut();
    }

    @Test
    void pagesInEnglishAndKhmerAndTheStageForm() throws Exception {
        World w = ProsecutionFixtures.world(jdbc);
        signIn(w.investigator());
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police());
        UUID id = tracking.open(ProsecutionFixtures.aComplaint(w, LocalDate.now().minusDays(20)));
        victims.link(id, caseId, VictimLink.Role.WITNESS);
        hearings.schedule(id, new HearingCalendar.ScheduleHearing(Instant.now().plus(5, ChronoUnit.DAYS),
                "Test Provincial Court", Hearing.Type.TRIAL, true, Set.of(Hearing.Measure.VIDEO_TESTIMONY)));
        signOut();

        String list = mvc.perform(get("/proceedings").with(as(w.investigator()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Proceedings").contains(id.toString()).contains("Forced criminality");
        String km = mvc.perform(get("/proceedings/" + id).param("lang", "km").with(as(w.investigator())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(km).contains("ពាក្យបណ្ដឹង").contains("សក្ខីកម្មតាមវីដេអូ").contains("PR-TEST-1");

        mvc.perform(post("/proceedings/" + id + "/stage").with(as(w.investigator())).with(csrf())
                .param("version", "0").param("to", "VERDICT").param("on", LocalDate.now().toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(tracking.currentStageForTest(id)).isEqualTo(Stage.COMPLAINT);
        mvc.perform(post("/proceedings/" + id + "/stage").with(as(w.investigator())).with(csrf())
                .param("version", "0").param("to", "INVESTIGATION").param("on", LocalDate.now().toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(tracking.currentStageForTest(id)).isEqualTo(Stage.INVESTIGATION);

        // the shelter's caseworker sees the course but not the police report number, and the hearing on the home page
        String shelter = mvc.perform(get("/proceedings/" + id).with(as(w.caseworker()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(shelter).doesNotContain("PR-TEST-1").contains("Investigation");
        String home = mvc.perform(get("/").with(as(w.caseworker()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(home).contains("A hearing involving your survivor has been scheduled");
        mvc.perform(get("/proceedings/" + id).with(as(w.otherCaseworker()))).andExpect(status().isNotFound());

        String attrition = mvc.perform(get("/proceedings/attrition").param("lang", "km").with(as(w.analyst())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(attrition).contains("<svg").contains("ការធ្លាក់ចុះពីពាក្យបណ្ដឹងដល់សាលក្រម");
    }
}
