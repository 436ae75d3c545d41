package org.haven.web;

import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import jakarta.servlet.http.Cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@HavenIntegrationTest
class WebIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void homePageSpeaksKhmerAfterTheSwitchAndRemembersIt() throws Exception {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        CurrentUser user = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.CASEWORKER);

        MvcResult switched = mvc.perform(get("/").param("lang", "km").with(as(user)))
                .andExpect(status().isOk()).andReturn();
        String body = switched.getResponse().getContentAsString();
        assertThat(body).contains("សូមស្វាគមន៍").contains("lang=\"km\"").contains("អ្នកគ្រប់គ្រងករណី");
        Cookie remembered = switched.getResponse().getCookie("haven-lang");
        assertThat(remembered).isNotNull();
        assertThat(remembered.getValue()).isEqualTo("km");

        String next = mvc.perform(get("/").cookie(remembered).with(as(user)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(next).contains("សូមស្វាគមន៍");
    }

    @Test
    void homePageIsEnglishByDefaultAndIgnoresUnknownLanguages() throws Exception {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        CurrentUser user = fixtures.user(fixtures.organisation(OrganisationType.POLICE), Role.POLICE_INVESTIGATOR);
        MvcResult result = mvc.perform(get("/").param("lang", "xx").with(as(user)))
                .andExpect(status().isOk()).andReturn();
        assertThat(result.getResponse().getContentAsString()).contains("Welcome").contains("Police investigator");
        assertThat(result.getResponse().getCookie("haven-lang")).isNull();
    }

    @Test
    void objectDenialsAnswer404OnPagesAndProblemJsonOnTheApi() throws Exception {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        CurrentUser admin = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.ORG_ADMIN);
        CurrentUser stranger = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        // A user of another organisation: on the page a 404 (rendered by the error page), on the API problem+json.
        mvc.perform(get("/admin/users/" + stranger.userId()).with(as(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/admin/users/" + stranger.userId()).with(as(admin)))
                .andExpect(status().isNotFound())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void khmerFontIsServedByHavenItself() throws Exception {
        byte[] font = mvc.perform(get("/fonts/NotoSansKhmer-Regular.ttf")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(font.length).isGreaterThan(50_000);
        String css = mvc.perform(get("/css/haven.css")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(css).contains("NotoSansKhmer-Regular.ttf").doesNotContain("http://").doesNotContain("https://");
    }
}
