package org.haven.prevention;

import java.time.Duration;
import java.util.UUID;

import org.haven.Browser;
import org.haven.HavenIntegrationTest;
import org.haven.places.internal.GazetteerImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Real browser: a member of the public submits a tip in Khmer; a prevention officer records an activity in Khmer. */
@HavenIntegrationTest
class PreventionBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GazetteerImporter importer;
    @Autowired
    PasswordEncoder passwords;

    PreventionFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new PreventionFixtures(jdbc, importer);
    }

    @Test
    void memberOfThePublicSubmitsATipInKhmerWithThePlacePicker() {
        int before = jdbc.sql("select count(*) from tip").query(Integer.class).single();
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get(url("/tips/new?lang=km"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("description")));
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).contains("រាយការណ៍");
            // The contact field is hidden while the reporter stays anonymous.
            assertThat(driver.findElement(By.id("contact")).isDisplayed()).isFalse();

            new Select(driver.findElement(By.id("category"))).selectByValue("CHILD_RECRUITMENT_ARMED_GROUPS");
            driver.findElement(By.id("placeCode-query")).sendKeys("បាត់ដំបង");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".place-picker-option[data-code='02']")))
                    .click();
            assertThat(driver.findElement(By.cssSelector("input[name=placeCode]")).getAttribute("value")).isEqualTo("02");
            driver.findElement(By.id("description")).sendKeys("Test tip Demo: a boy from the village was taken away by a recruiter");
            browser.screenshot("tip-form-km");
            driver.findElement(By.cssSelector("#tip-form button[type=submit]")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".reference-code")));
            String code = driver.findElement(By.cssSelector(".reference-code")).getText();
            assertThat(code).matches("[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}");
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).contains("សូមអរគុណ");
            assertThat(driver.getCurrentUrl()).doesNotContain(code);
            browser.screenshot("tip-thanks-km");
        }
        assertThat(jdbc.sql("select count(*) from tip").query(Integer.class).single()).isEqualTo(before + 1);
        assertThat(jdbc.sql("select place_code from tip order by received_at desc limit 1").query(String.class).single())
                .isEqualTo("02");
    }

    @Test
    void preventionOfficerRecordsAnActivityInKhmer() {
        UUID org = fixtures.preventionNgo();
        String username = "browser.prevention." + UUID.randomUUID().toString().substring(0, 8);
        String password = "Correct-Horse-Battery-" + UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        jdbc.sql("insert into app_user (id, organisation_id, username, display_name, password_hash, mfa_exempt)"
                + " values (?, ?, ?, 'Browser Test Prevention Officer', ?, true)")
                .params(userId, org, username, passwords.encode(password)).update();
        jdbc.sql("insert into user_role (user_id, role) values (?, 'PREVENTION_OFFICER')").param(userId).update();

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get(url("/login?lang=km"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));

            driver.get(url("/outreach/activities/new?lang=km"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("method")));
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("កត់ត្រាសកម្មភាព");
            new Select(driver.findElement(By.id("method"))).selectByVisibleText("ល្ខោន");
            ((JavascriptExecutor) driver).executeScript("document.getElementById('date').value = '2025-03-14';");
            driver.findElement(By.id("placeCode-query")).sendKeys("អូរធំ");
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector(".place-picker-option[data-code='01020101']"))).click();
            driver.findElement(By.id("audience0")).clear();
            driver.findElement(By.id("audience0")).sendKeys("12");
            driver.findElement(By.id("audience5")).clear();
            driver.findElement(By.id("audience5")).sendKeys("9");
            driver.findElement(By.id("facilitators")).sendKeys("គ្រូសាកល្បង ២ នាក់");
            browser.screenshot("activity-form-km");
            driver.findElement(By.cssSelector("form.stacked button[type=submit]")).click();

            wait.until(ExpectedConditions.urlMatches(".*/outreach/activities/[0-9a-f-]{36}$"));
            String body = driver.findElement(By.tagName("main")).getText();
            assertThat(body).contains("បានរក្សាទុក").contains("ល្ខោន").contains("អូរធំ").contains("21");
            browser.screenshot("activity-km");
        }
        assertThat(jdbc.sql("select count(*) from outreach_activity where organisation_id = ? and place_code = '01020101'"
                + " and method = 'DRAMA' and audience_total = 21").param(org).query(Integer.class).single()).isEqualTo(1);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
