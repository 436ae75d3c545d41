package org.haven.places;

import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.places.internal.GazetteerImporter;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@HavenIntegrationTest
@AutoConfigureMockMvc
class PlaceSearchIT {

    @Autowired
    Gazetteer gazetteer;
    @Autowired
    GazetteerImporter importer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    @BeforeEach
    void gazetteer() {
        PlacesFixtures.ensure2025Edition(jdbc, importer);
    }

    @Test
    void findsKhmerScriptNamesIgnoringInvisibleCharacters() {
        // ខេត្តបាត់ដំបង = Battambang Province; the query carries a zero-width space the user may paste.
        assertThat(gazetteer.search("បាត់\u200bដំបង", Level.PROVINCE, 5)).first()
                .extracting(Place::code).isEqualTo("02");
        assertThat(gazetteer.search("អូរធំ", Level.VILLAGE, 50)).extracting(Place::code).contains("01020101");
    }

    @Test
    void findsMisspelledAndPopularRomanisations() {
        assertThat(gazetteer.search("Kompong Chnang", Level.PROVINCE, 3)).first().extracting(Place::code)
                .isEqualTo("04");
        assertThat(gazetteer.search("siem reap", Level.PROVINCE, 3)).first().extracting(Place::code).isEqualTo("17");
        assertThat(gazetteer.search("Ratanakiri", Level.PROVINCE, 3)).first().extracting(Place::code).isEqualTo("16");
        assertThat(gazetteer.search("Mondulkiri", Level.PROVINCE, 3)).first().extracting(Place::code).isEqualTo("11");
        assertThat(gazetteer.search("Phnom Penh", null, 3)).first().extracting(Place::code).isEqualTo("12");
        assertThat(gazetteer.search("Mongkol Borey", Level.DISTRICT, 3)).first().extracting(Place::code)
                .isEqualTo("0102");
    }

    @Test
    void findsCountriesAndProvincesOfTheRegion() {
        assertThat(gazetteer.search("Thailand", Level.COUNTRY, 3)).first().extracting(Place::code).isEqualTo("TH");
        assertThat(gazetteer.search("ថៃ", Level.COUNTRY, 3)).first().extracting(Place::code).isEqualTo("TH");
        assertThat(gazetteer.children("TH")).hasSizeGreaterThan(70);
        assertThat(gazetteer.search("Johor", Level.PROVINCE, 3)).first().extracting(Place::code).isEqualTo("MY-01");
    }

    @Test
    void walksTheHierarchy() {
        assertThat(gazetteer.ancestors("01020101")).extracting(Place::code).containsExactly("KH", "01", "0102", "010201");
        assertThat(gazetteer.children("010201")).extracting(Place::code).contains("01020101")
                .allMatch(c -> c.startsWith("010201"));
        assertThat(gazetteer.find("nonexistent")).isEmpty();
    }

    @Test
    void apiSearchesAndLooksUpForSignedInUsersOnly() throws Exception {
        UUID org = new SecurityFixtures(jdbc).organisation(OrganisationType.SHELTER);
        CurrentUser caseworker = new SecurityFixtures(jdbc).user(org, Role.CASEWORKER);
        mvc.perform(get("/api/v1/places").param("q", "Battambang").param("level", "province").with(as(caseworker)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].code").value("02"));
        mvc.perform(get("/api/v1/places/0102").with(as(caseworker))).andExpect(status().isOk())
                .andExpect(jsonPath("$.ancestors[1].code").value("01"))
                .andExpect(jsonPath("$.children[0].level").value("COMMUNE"));
        mvc.perform(get("/api/v1/places/nope").with(as(caseworker))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/places").param("q", "x").param("level", "planet").with(as(caseworker)))
                .andExpect(status().isBadRequest());
        // The API answers anonymous callers 401 problem+json (pages redirect to sign-in instead).
        mvc.perform(get("/api/v1/places").param("q", "Battambang")).andExpect(status().isUnauthorized());
    }

    @Test
    void pickerResultsArePublicAndInTheRequestedLanguage() throws Exception {
        mvc.perform(get("/places/search").param("q", "Battambang").param("level", "PROVINCE")
                        .header("Accept-Language", "km"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("data-code=\"02\"")))
                .andExpect(content().string(containsString("បាត់ដំបង")));
    }
}
