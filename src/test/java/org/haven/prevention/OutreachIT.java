package org.haven.prevention;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.haven.HavenIntegrationTest;
import org.haven.places.internal.GazetteerImporter;
import org.haven.security.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@HavenIntegrationTest
@AutoConfigureMockMvc
class OutreachIT {

    static final String NOTE = "Test note: village chief Demo asked for a second drama session";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GazetteerImporter importer;

    PreventionFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new PreventionFixtures(jdbc, importer);
    }

    @Test
    void preventionOfficerRecordsAnActivityInKhmerAndTheNotesAreSealed() throws Exception {
        CurrentUser officer = fixtures.preventionOfficer();
        MockHttpServletRequestBuilder form = post("/outreach/activities").with(as(officer)).with(csrf())
                .header("Accept-Language", "km")
                .param("method", "DRAMA").param("date", "2025-03-14").param("placeCode", "01020101")
                .param("facilitators", "2").param("materials", "posters").param("notes", NOTE);
        for (int i = 0; i < 15; i++) {
            form.param("audience[" + i + "]", String.valueOf(i + 1));
        }
        MvcResult result = mvc.perform(form).andExpect(status().is3xxRedirection()).andReturn();
        UUID id = UUID.fromString(result.getResponse().getRedirectedUrl().replaceAll(".*/", ""));

        var row = jdbc.sql("select audience_total, encode(notes_sealed, 'escape') as sealed, place_code"
                + " from outreach_activity where id = ?").param(id).query().singleRow();
        assertThat(row.get("audience_total")).isEqualTo(120);
        assertThat(row.get("place_code")).isEqualTo("01020101");
        assertThat((String) row.get("sealed")).doesNotContain("village chief");

        mvc.perform(get("/outreach/activities/" + id).with(as(officer)).header("Accept-Language", "km"))
                .andExpect(status().isOk()).andExpect(content().string(containsString(NOTE)))
                .andExpect(content().string(containsString("ល្ខោន")))
                .andExpect(content().string(containsString("អូរធំ")));
        // Another organisation reads the activity but not the notes, and cannot edit it.
        CurrentUser other = fixtures.preventionOfficer();
        mvc.perform(get("/outreach/activities/" + id).with(as(other))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(NOTE))));
        mvc.perform(get("/outreach/activities/" + id + "/edit").with(as(other))).andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/outreach/activities/" + id).with(as(other)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"method\":\"ART\",\"date\":\"2025-03-14\",\"placeCode\":\"01020101\",\"version\":0}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void apiRecordsUpdatesAndRejectsStaleOrInvalidWrites() throws Exception {
        CurrentUser officer = fixtures.preventionOfficer();
        String body = "{\"method\":\"SCHOOL_SESSION\",\"date\":\"2025-02-01\",\"placeCode\":\"010201\","
                + "\"audience\":{\"f_12_17\":30,\"m_12_17\":25}}";
        String created = mvc.perform(post("/api/v1/outreach/activities").with(as(officer)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        mvc.perform(get("/api/v1/outreach/activities/" + id).with(as(officer))).andExpect(status().isOk())
                .andExpect(jsonPath("$.audienceTotal").value(55)).andExpect(jsonPath("$.version").value(0));

        String update = "{\"method\":\"SCHOOL_SESSION\",\"date\":\"2025-02-01\",\"placeCode\":\"010201\","
                + "\"audience\":{\"f_12_17\":31},\"version\":0}";
        mvc.perform(put("/api/v1/outreach/activities/" + id).with(as(officer)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(update))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
        mvc.perform(put("/api/v1/outreach/activities/" + id).with(as(officer)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(update))
                .andExpect(status().isConflict());

        mvc.perform(post("/api/v1/outreach/activities").with(as(officer)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"method\":\"ART\",\"date\":\"2025-02-01\",\"placeCode\":\"99999999\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void uploadWithErrorsSavesNothingAndListsEveryBadRow() throws Exception {
        CurrentUser officer = fixtures.preventionOfficer();
        int before = countFor(officer);
        String csv = header()
                + row("2025-01-10", "drama", "01020101", "", "5", "note one")
                + row("2025-01-11", "juggling", "01020101", "", "", "")        // row 3: unknown method
                + row("2025-01-12", "art", "01020102", "", "", "")
                + row("13/01/2025", "art", "77777777", "", "-4", "")           // row 5: date, place, count
                + row("2025-01-14", "radio/tv", "0102", "No Such Campaign", "", ""); // row 6: campaign
        MockMultipartFile file = new MockMultipartFile("file", "activities.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));

        mvc.perform(multipart("/api/v1/outreach/activities/upload").file(file).param("dryRun", "false")
                        .with(as(officer)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("row 3: method")))
                .andExpect(content().string(containsString("row 5: date")))
                .andExpect(content().string(containsString("row 5: f_0_11")))
                .andExpect(content().string(containsString("row 5: place_code")))
                .andExpect(content().string(containsString("row 6: campaign")))
                .andExpect(content().string(not(containsString("row 2:"))))
                .andExpect(content().string(not(containsString("row 4:"))));
        assertThat(countFor(officer)).isEqualTo(before);

        // The preview page lists the same rows and offers no save button; the unknown place is reported too.
        mvc.perform(multipart("/outreach/upload").file(file).with(as(officer)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("77777777")))
                .andExpect(content().string(containsString("not in the gazetteer")))
                .andExpect(content().string(not(containsString("/outreach/upload/confirm"))));
        mvc.perform(multipart("/api/v1/outreach/activities/upload").file(file).with(as(officer)).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.saved").value(false))
                .andExpect(jsonPath("$.errorRows").value(3))
                .andExpect(jsonPath("$.problems[*].number").value(hasItem(5)));
        assertThat(countFor(officer)).isEqualTo(before);
    }

    @Test
    void goodSpreadsheetSavesAllRowsInOneGo() throws Exception {
        CurrentUser officer = fixtures.preventionOfficer();
        jdbc.sql("insert into campaign (id, organisation_id, name, created_by) values (?, ?, 'Safe Work Demo', ?)")
                .params(UUID.randomUUID(), officer.organisationId(), officer.userId()).update();
        int before = countFor(officer);
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("activities");
            String[] head = ActivitySpreadsheet.HEADERS.toArray(String[]::new);
            Row h = sheet.createRow(0);
            for (int i = 0; i < head.length; i++) {
                h.createCell(i).setCellValue(head[i]);
            }
            for (int r = 1; r <= 3; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("2025-04-0" + r);
                row.createCell(1).setCellValue(r == 2 ? "Community meeting" : "ART");
                row.createCell(2).setCellValue("0102010" + r);
                row.createCell(3).setCellValue("safe work demo");
                row.createCell(4).setCellValue(10 * r); // numeric cell
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        MockMultipartFile file = new MockMultipartFile("file", "activities.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);

        // Through the pages: preview, then confirm with the token kept in the session.
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(multipart("/outreach/upload").file(file).session(session).with(as(officer))
                        .with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("/outreach/upload/confirm")))
                .andReturn().getResponse().getContentAsString();
        assertThat(countFor(officer)).isEqualTo(before);
        String token = page.replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");
        mvc.perform(post("/outreach/upload/confirm").param("token", token).session(session).with(as(officer))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(countFor(officer)).isEqualTo(before + 3);
        assertThat(jdbc.sql("select sum(f_0_11) from outreach_activity where organisation_id = ?")
                .param(officer.organisationId()).query(Integer.class).single()).isEqualTo(60);
        assertThat(jdbc.sql("select count(*) from outreach_activity where organisation_id = ? and campaign_id is not null"
                + " and method = 'COMMUNITY_MEETING'").param(officer.organisationId()).query(Integer.class).single())
                .isEqualTo(1);
    }

    /** A CSV row with the first audience count (f_0_11) and notes; other counts empty. */
    private static String row(String date, String method, String place, String campaign, String f011, String notes) {
        String[] cells = new String[ActivitySpreadsheet.HEADERS.size()];
        java.util.Arrays.fill(cells, "");
        cells[0] = date;
        cells[1] = method;
        cells[2] = place;
        cells[3] = campaign;
        cells[4] = f011;
        cells[cells.length - 1] = notes;
        return String.join(",", cells) + "\n";
    }

    private static String header() {
        return String.join(",", ActivitySpreadsheet.HEADERS) + "\n";
    }

    private int countFor(CurrentUser user) {
        return jdbc.sql("select count(*) from outreach_activity where organisation_id = ?")
                .param(user.organisationId()).query(Integer.class).single();
    }
}
