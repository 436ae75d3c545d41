package org.haven.reporting.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.haven.Browser;
import org.haven.HavenIntegrationTest;
import org.haven.reporting.ReportSummaries;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Real headless Chromium: a caseworker and an analyst sign in and open the dashboard in English and in Khmer; the
 * inline SVG charts are drawn (one per figure with rows), the totals shown equal the API's, a narrower month range
 * changes them as the API says, and the page makes no request to another origin.
 */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {

    static final String PASSWORD = "Correct-Horse-Battery-Dashboard-7";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    ReportSummaries summaries;
    @Autowired
    org.haven.reporting.ReferralSummary referralSummary;
    @Autowired
    MockMvc mvc;

    UUID shelter;
    CurrentUser caseworker;
    CurrentUser analyst;

    @BeforeAll
    void constructDataSet() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        shelter = fixtures.organisation(OrganisationType.SHELTER);
        UUID other = fixtures.organisation(OrganisationType.SHELTER);
        caseworker = fixtures.user(shelter, Role.CASEWORKER);
        analyst = fixtures.user(fixtures.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
        for (CurrentUser u : List.of(caseworker, analyst)) {
            jdbc.sql("update app_user set password_hash = ?, mfa_exempt = true where id = ?")
                    .params(passwords.encode(PASSWORD), u.userId()).update();
        }
        // 36 cases identified in 2019 (three a month), one referral of each to the other shelter.
        for (int i = 0; i < 36; i++) {
            UUID survivor = UUID.randomUUID();
            UUID caseId = UUID.randomUUID();
            LocalDate identified = LocalDate.of(2019, 1 + i / 3, 3 + i % 3 * 7);
            jdbc.sql("""
                    insert into survivor (id, organisation_id, identity_sealed, sex, birth_year, nationality)
                    values (?, ?, ?, ?, 1990, 'KHM')""")
                    .params(survivor, shelter, new byte[] {1}, i % 4 == 0 ? "MALE" : "FEMALE").update();
            jdbc.sql("""
                    insert into survivor_case (id, survivor_id, organisation_id, case_code, status, risk_level,
                                               identified_on, identification_channel)
                    values (?, ?, ?, ?, 'ACTIVE', 'MEDIUM', ?, 'HOTLINE')""")
                    .params(caseId, survivor, shelter, "DBR-" + caseId.toString().substring(0, 13), identified)
                    .update();
            jdbc.sql("insert into case_service (id, case_id, service_type, started_on) values (?, ?, 'SHELTER', ?)")
                    .params(UUID.randomUUID(), caseId, identified).update();
            OffsetDateTime sent = identified.atTime(10, 0).atOffset(java.time.ZoneOffset.ofHours(7));
            jdbc.sql("""
                    insert into referral (id, case_id, case_code, from_org_id, to_org_id, sent_by, services, reason,
                                          urgency, age_band, sex, status, sent_at, respond_by)
                    values (?, ?, 'DBR-REF', ?, ?, ?, array['SHELTER'], 'Test referral', 'NORMAL', 'ADULT', 'FEMALE',
                            'ACCEPTED', ?, ?)""")
                    .params(UUID.randomUUID(), caseId, shelter, other, caseworker.userId(), sent, sent.plusDays(3))
                    .update();
        }
        summaries.refresh();
        referralSummary.refresh();
    }

    @Test
    void caseworkerSeesChartsAndFiguresOfTheApiInEnglishAndKhmerAndFiltersByMonths() throws Exception {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, caseworker);
            for (String lang : new String[] {"en", "km"}) {
                open(driver, "/reports/dashboard?from=2019-01&to=2019-12&lang=" + lang);
                assertThat(driver.findElement(By.cssSelector("main h1")).getText())
                        .isEqualTo("en".equals(lang) ? "Dashboard" : "ផ្ទាំងព័ត៌មាន");
                String api = api(caseworker, "2019-01", "2019-12");
                List<String> ids = JsonPath.read(api, "$.figures[*].id");
                assertThat(ids).contains("caseloadByStatus", "identificationsByMonthAndSex", "referralsByMonth",
                        "referralsByStatus");
                checkChartsAndTotals(driver, api, ids);
                assertThat(total(driver, "identificationsByMonthAndSex")).isEqualTo("36");
                assertThat(total(driver, "referralsByMonth")).isEqualTo("36");
                assertNoOtherOrigin(driver);
                browser.screenshot("dashboard-caseworker-" + lang);
            }
            // A narrower period, chosen in the form: January to March 2019.
            open(driver, "/reports/dashboard?lang=en");
            ((JavascriptExecutor) driver).executeScript(
                    "document.getElementById('from').value = '2019-01'; document.getElementById('to').value = '2019-03';");
            driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("to=2019-03"));
            String api = api(caseworker, "2019-01", "2019-03");
            checkChartsAndTotals(driver, api, JsonPath.read(api, "$.figures[*].id"));
            assertThat(total(driver, "identificationsByMonthAndSex")).isEqualTo("9");
            assertThat(total(driver, "referralsByMonth")).isEqualTo("9");
            assertThat(driver.findElements(By.cssSelector("[data-figure=referralsByMonth] tbody tr")))
                    .as("three months and the total").hasSize(4);
            assertNoOtherOrigin(driver);
        }
    }

    @Test
    void analystSeesEveryFigureWithSmallCellsHiddenInEnglishAndKhmer() throws Exception {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, analyst);
            for (String lang : new String[] {"en", "km"}) {
                open(driver, "/reports/dashboard?from=2019-01&to=2019-12&organisation=" + shelter + "&lang=" + lang);
                String api = mvc.perform(get("/api/v1/reports/dashboard").param("from", "2019-01")
                        .param("to", "2019-12").param("organisation", shelter.toString()).with(as(analyst)))
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
                List<String> ids = JsonPath.read(api, "$.figures[*].id");
                assertThat(ids).hasSize(8);
                checkChartsAndTotals(driver, api, ids);
                // Monthly referral counts of 3 are below the threshold: hidden, but the year's total shows.
                assertThat(driver.findElements(By.cssSelector("[data-figure=referralsByMonth] tbody td"))
                        .stream().map(WebElement::getText)).contains("x");
                assertThat(total(driver, "referralsByMonth")).isEqualTo("36");
                assertThat(driver.findElement(By.tagName("main")).getText())
                        .contains("en".equals(lang) ? "x = not shown" : "x");
                assertNoOtherOrigin(driver);
                browser.screenshot("dashboard-analyst-" + lang);
            }
        }
    }

    /** One inline SVG chart per figure with rows; each figure's grand total on the page is the API's. */
    private static void checkChartsAndTotals(WebDriver driver, String api, List<String> ids) {
        int withRows = 0;
        for (String id : ids) {
            List<String> rows = JsonPath.read(api, "$.figures[?(@.id == '" + id + "')].rows[*]");
            if (!rows.isEmpty()) {
                withRows++;
            }
            List<Object> value = JsonPath.read(api, "$.figures[?(@.id == '" + id + "')].total.value");
            String expected = value.get(0) == null ? ReportView.SUPPRESSED : String.valueOf(value.get(0));
            assertThat(total(driver, id)).as(id).isEqualTo(expected);
        }
        List<WebElement> svgs = driver.findElements(By.cssSelector("main svg.chart"));
        assertThat(svgs).hasSize(withRows);
        for (WebElement svg : svgs) {
            assertThat(svg.getRect().getWidth()).as("the chart is laid out").isPositive();
            assertThat(svg.findElements(By.cssSelector("rect")).size()).isPositive();
        }
    }

    private static String total(WebDriver driver, String figure) {
        return driver.findElement(By.cssSelector("table[data-figure=" + figure + "] tbody tr:last-child td:last-child"))
                .getText();
    }

    /** Every image, script and style sheet, and every resource the page loaded, comes from the application. */
    private void assertNoOtherOrigin(WebDriver driver) {
        String origin = "http://localhost:" + port;
        for (WebElement e : driver.findElements(By.cssSelector("img[src], script[src], link[href], iframe, object, embed"))) {
            String url = e.getDomAttribute("src") != null ? e.getDomProperty("src") : e.getDomProperty("href");
            assertThat(url).as(e.getTagName()).startsWith(origin + "/");
        }
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(function (r) { return r.name; });");
        assertThat(loaded).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(origin + "/"));
    }

    private String api(CurrentUser user, String from, String to) throws Exception {
        return mvc.perform(get("/api/v1/reports/dashboard").param("from", from).param("to", to).with(as(user)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private void signIn(WebDriver driver, CurrentUser user) {
        String username = jdbc.sql("select username from app_user where id = ?").param(user.userId())
                .query(String.class).single();
        open(driver, "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void open(WebDriver driver, String path) {
        driver.get("http://localhost:" + port + path);
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
    }
}
