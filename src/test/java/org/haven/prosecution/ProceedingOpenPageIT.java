package org.haven.prosecution;

import java.time.LocalDate;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Opening a proceeding from the pages: police and prosecutors only; bad input re-renders with nothing written. */
@HavenIntegrationTest
class ProceedingOpenPageIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anInvestigatorOpensAComplaintFromThePageInEnglishAndKhmer() throws Exception {
        ProsecutionFixtures.World w = ProsecutionFixtures.world(jdbc);
        String list = mvc.perform(get("/proceedings").with(as(w.investigator()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("href=\"/proceedings/new\"");
        assertThat(mvc.perform(get("/proceedings/new").param("lang", "km").with(as(w.investigator())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("បើកនីតិវិធី");
        String reference = "PR-" + UUID.randomUUID().toString().substring(0, 8);
        String location = mvc.perform(post("/proceedings/new").with(as(w.investigator())).with(csrf())
                .param("complaintOn", LocalDate.now().minusDays(3).toString()).param("exploitationForm", "FORCED_LABOUR")
                .param("provinceCode", "12").param("policeReportNo", reference))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("select stage || '/' || exploitation_form || '/' || country_code from proceeding where id = ?")
                .param(id).query(String.class).single()).isEqualTo("COMPLAINT/FORCED_LABOUR/" + w.investigator().countryCode());
        String page = mvc.perform(get(location).with(as(w.investigator()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(reference);
    }

    @Test
    void badInputIsAClearErrorAndWritesNothing() throws Exception {
        ProsecutionFixtures.World w = ProsecutionFixtures.world(jdbc);
        long before = jdbc.sql("select count(*) from proceeding").query(Long.class).single();
        String page = mvc.perform(post("/proceedings/new").with(as(w.prosecutor())).with(csrf())
                .param("complaintOn", LocalDate.now().plusDays(30).toString()).param("exploitationForm", "DANCING")
                .param("provinceCode", "99"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-field=\"exploitationForm\"");
        mvc.perform(post("/proceedings/new").with(as(w.prosecutor())).with(csrf())
                .param("complaintOn", LocalDate.now().plusDays(30).toString()).param("exploitationForm", "BEGGING")
                .param("provinceCode", "99")).andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from proceeding").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void rolesWithoutProceedingWriteAreRefused() throws Exception {
        ProsecutionFixtures.World w = ProsecutionFixtures.world(jdbc);
        mvc.perform(get("/proceedings/new").with(as(w.legalOfficer()))).andExpect(status().isForbidden());
        mvc.perform(post("/proceedings/new").with(as(w.legalOfficer())).with(csrf())
                .param("complaintOn", LocalDate.now().toString()).param("exploitationForm", "BEGGING"))
                .andExpect(status().isForbidden());
        assertThat(mvc.perform(get("/proceedings").with(as(w.legalOfficer()))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("href=\"/proceedings/new\"");
    }
}
