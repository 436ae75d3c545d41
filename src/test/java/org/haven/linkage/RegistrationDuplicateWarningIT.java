package org.haven.linkage;

import java.util.List;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.OpenedCase;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The duplicate warning at registration (API and page, English and Khmer): a survivor of the same organisation is
 * named by case code, one at another organisation only as "a possible match elsewhere" — no organisation, case, score
 * or detail — and the check is audited.
 */
@HavenIntegrationTest
class RegistrationDuplicateWarningIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;

    LinkageTestSupport support;
    UUID orgA;
    UUID orgB;
    CurrentUser workerA;
    CurrentUser workerB;

    @BeforeEach
    void setUp() {
        support = new LinkageTestSupport(jdbc, caseManagement);
        SecurityFixtures f = new SecurityFixtures(jdbc);
        orgA = f.organisation(OrganisationType.SHELTER);
        orgB = f.organisation(OrganisationType.SHELTER);
        workerA = f.user(orgA, Role.CASEWORKER);
        workerB = f.user(orgB, Role.CASEWORKER);
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    static String body(SurvivorIdentity id) {
        String docs = id.documents().isEmpty() ? "[]"
                : "[{\"type\":\"OTHER\",\"number\":\"" + id.documents().get(0).number() + "\",\"issuingCountry\":\"KHM\"}]";
        return "{\"identity\":{\"familyName\":" + json(id.familyName()) + ",\"givenName\":" + json(id.givenName())
                + ",\"documents\":" + docs + "},\"profile\":{\"sex\":\"FEMALE\",\"birthYear\":1998}}";
    }

    static String json(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    String check(CurrentUser user, String body) throws Exception {
        return mvc.perform(post("/api/v1/linkage/registration-check").with(SecurityFixtures.as(user)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void withinTheOrganisationAVariantSpellingAndSwappedOrderIsNamedByCaseCode() throws Exception {
        String t = LinkageTestSupport.token();
        SurvivorIdentity registered = LinkageTestSupport.person("Sokha " + t, null);
        OpenedCase a = support.register(workerA, registered);
        support.awaitEncoded(a.caseId());
        // the same person, name order swapped and "Sokha" spelt "Sokkha": not the cases module's exact name keys
        SurvivorIdentity variant = new SurvivorIdentity("Sokkha " + t, "Test Survivor", null, null, List.of(), null,
                null, null, registered.documents());
        String result = check(workerA, body(variant));
        assertThat(result).contains(a.caseCode()).contains("\"elsewhere\":false");
        String other = check(workerB, body(variant));
        assertThat(other).contains("\"elsewhere\":true").doesNotContain(a.caseCode())
                .doesNotContain(a.caseId().toString());
    }

    @Test
    void anotherOrganisationsSurvivorIsReportedWithoutRevealingAnythingAndTheCheckIsAudited() throws Exception {
        String t = LinkageTestSupport.token();
        SurvivorIdentity person = LinkageTestSupport.person("Sreymom " + t, null);
        OpenedCase b = support.register(workerB, person);
        UUID sb = support.awaitEncoded(b.caseId());
        String orgBName = jdbc.sql("select name from organisation where id = ?").param(orgB).query(String.class)
                .single();

        String result = check(workerA, body(person));
        assertThat(result).contains("\"elsewhere\":true").contains("linkage.registration.elsewhere")
                .contains("A possible match is registered at another organisation")
                .contains("\"withinOrganisation\":[]").contains("\"similarInOrganisation\":[]")
                .doesNotContain(b.caseCode()).doesNotContain(b.caseId().toString()).doesNotContain(sb.toString())
                .doesNotContain(orgB.toString()).doesNotContain(orgBName).doesNotContain("score");
        assertThat(jdbc.sql("""
                select count(*) from audit_event where action = 'linkage.registration-check' and actor_user_id = ?
                  and ? = any(subject_ids)""").param(workerA.userId()).param(sb.toString()).query(Integer.class)
                .single()).isEqualTo(1);

        String unrelated = check(workerA, body(LinkageTestSupport.person("Vannak " + LinkageTestSupport.token(),
                null)));
        assertThat(unrelated).contains("\"elsewhere\":false").contains("\"messageCode\":null");
    }

    @Test
    void theRegistrationPageWarnsInEnglishAndKhmerAndRegistersOnlyOnceConfirmed() throws Exception {
        String t = LinkageTestSupport.token();
        SurvivorIdentity person = new SurvivorIdentity("Test Survivor", "Chanthou " + t, null, null, List.of(), null,
                null, null, List.of());
        OpenedCase b = support.register(workerB, person);
        support.awaitEncoded(b.caseId());
        int before = casesOf(orgA);

        String en = registerPage(person, false, "en");
        assertThat(en).contains("A possible match is registered at another organisation")
                .contains("Register the survivor here anyway").doesNotContain(b.caseCode());
        String km = registerPage(person, false, "km");
        assertThat(km).contains("មានការផ្គូផ្គងដែលអាចកើតមាន").doesNotContain(b.caseCode());
        assertThat(casesOf(orgA)).isEqualTo(before);

        mvc.perform(registration(person, true, "en"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(302));
        assertThat(casesOf(orgA)).isEqualTo(before + 1);
    }

    @Test
    void eachOtherRecordIsWarnedAboutOnceUnderItsStrongestReason() throws Exception {
        String t = LinkageTestSupport.token();
        SurvivorIdentity person = new SurvivorIdentity("Test Survivor", "Bopha " + t, null, null, List.of(), null,
                null, null, List.of());
        OpenedCase exact = support.register(workerA, person);
        support.awaitEncoded(exact.caseId());
        // a second survivor of the organisation, another spelling: only the encodings find it
        OpenedCase variant = support.register(workerA, new SurvivorIdentity("Bophaa " + t, "Test Survivor", null,
                null, List.of(), null, null, null, List.of()));
        support.awaitEncoded(variant.caseId());

        String result = check(workerA, body(person));
        assertThat(occurrences(result, exact.caseId().toString())).isEqualTo(1);
        assertThat(result.substring(result.indexOf("\"withinOrganisation\""),
                result.indexOf("\"similarInOrganisation\""))).contains(exact.caseCode());
        assertThat(result.substring(result.indexOf("\"similarInOrganisation\""))).doesNotContain(exact.caseCode())
                .contains(variant.caseCode());
        assertThat(occurrences(result, variant.caseCode())).isEqualTo(1);

        // the page: the exact warning names the first case, the spelling warning only the second; the exact check
        // runs once per page, so the exact match is audited once (the advisor is handed what the page found)
        long lastEvent = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
        String page = registerPage(person, false, "en");
        assertThat(jdbc.sql("select count(*) from audit_event where id > ? and actor_user_id = ? "
                + "and subject_type = 'case' and ? = any(subject_ids)")
                .params(lastEvent, workerA.userId(), exact.caseId().toString()).query(Integer.class).single())
                .isEqualTo(1);
        String main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
        assertThat(occurrences(main, exact.caseCode())).isEqualTo(1);
        assertThat(occurrences(main, variant.caseCode())).isEqualTo(1);
        assertThat(main).contains("Possibly the same person, with a different spelling or name order");
        String km = registerPage(person, false, "km");
        String kmMain = km.substring(km.indexOf("<main"), km.indexOf("</main>"));
        assertThat(occurrences(kmMain, exact.caseCode())).isEqualTo(1);
        assertThat(occurrences(kmMain, variant.caseCode())).isEqualTo(1);
    }

    static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    String registerPage(SurvivorIdentity person, boolean confirm, String lang) throws Exception {
        return mvc.perform(registration(person, confirm, lang))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200))
                .andReturn().getResponse().getContentAsString();
    }

    org.springframework.test.web.servlet.RequestBuilder registration(SurvivorIdentity person, boolean confirm,
            String lang) {
        var req = post("/cases").with(SecurityFixtures.as(workerA)).with(csrf()).param("lang", lang)
                .param("familyName", person.familyName()).param("givenName", person.givenName())
                .param("sex", "FEMALE").param("birthYear", "1998").param("nationality", "KHM")
                .param("identifiedOn", java.time.LocalDate.now(CaseManagement.ZONE).minusDays(1).toString())
                .param("identificationChannel", "HOTLINE").param("riskLevel", "MEDIUM");
        return confirm ? req.param("confirmDuplicate", "true") : req;
    }

    int casesOf(UUID org) {
        return jdbc.sql("select count(*) from survivor_case where organisation_id = ?").param(org)
                .query(Integer.class).single();
    }
}
