package org.haven.cases;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.haven.Browser;
import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real headless Chromium at a phone's size: a caseworker signs in, registers a survivor, screens them, adds a service,
 * starts reintegration (which schedules the follow-ups) and completes the first follow-up with the reintegration
 * assessment — in English, then switches the language with the header's link and does it all again in Khmer.
 * Screenshots go to {@code target/screenshots/case-*.png}. Synthetic people only.
 */
@HavenIntegrationTest
class CaseBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    /** What the pages say in each language, for the assertions. */
    record Texts(String lang, String registered, String screened, String service, String active, String scores,
            String goalInProgress) {
    }

    static final Texts ENGLISH = new Texts("en", "Survivor registered", "All required elements are indicated", "Shelter",
            "Active", "Reintegration assessment over time", "In progress");
    static final Texts KHMER = new Texts("km", "បានចុះឈ្មោះជនរងគ្រោះ", "មានសូចនាករគ្រប់ធាតុដែលត្រូវការ", "ទីជម្រក",
            "កំពុងដំណើរការ", "ការវាយតម្លៃសមាហរណកម្មតាមពេលវេលា", "កំពុងអនុវត្ត");

    @Test
    void caseworkerRegistersScreensServesAndFollowsUpInEnglishThenKhmer() {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        UUID org = security.organisation(OrganisationType.SHELTER);
        CurrentUser caseworker = security.user(org, Role.CASEWORKER);
        String password = "Correct-Horse-Battery-" + UUID.randomUUID();
        jdbc.sql("update app_user set password_hash = ? where id = ?").params(passwords.encode(password), caseworker.userId())
                .update();
        String run = UUID.randomUUID().toString().substring(0, 6);

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.manage().window().setSize(new Dimension(412, 915));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(url("/login?lang=en"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            driver.findElement(By.id("username")).sendKeys(caseworker.username());
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));

            String english = followACase(browser, wait, ENGLISH, "Browser Demo " + run);

            // Switch the language the way a user does: the header's link, remembered for the next pages.
            driver.findElement(By.cssSelector("nav.lang a[hreflang=km]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "km"));
            String khmer = followACase(browser, wait, KHMER, "Browser Khmer Demo " + run);
            assertThat(khmer).isNotEqualTo(english);
        }

        List<String> done = jdbc.sql("""
                select sc.case_code from survivor_case sc
                where sc.organisation_id = ? and sc.status = 'REINTEGRATION'
                  and exists (select 1 from case_screening s where s.case_id = sc.id and s.outcome = 'INDICATORS_MET')
                  and exists (select 1 from case_service v where v.case_id = sc.id and v.service_type = 'SHELTER')
                  and exists (select 1 from case_follow_up f where f.case_id = sc.id and f.done_on is not null
                              and f.score_safety = 4 and f.score_legal = 2)""")
                .param(org).query(String.class).list();
        assertThat(done).hasSize(2);
    }

    /** Registers, screens, serves and follows up one survivor; returns the case code. */
    private String followACase(Browser browser, WebDriverWait wait, Texts t, String givenName) {
        WebDriver driver = browser.driver();
        driver.get(url("/cases/new"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("givenName")));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(t.lang());
        driver.findElement(By.id("familyName")).sendKeys("Test Survivor");
        driver.findElement(By.id("givenName")).sendKeys(givenName);
        driver.findElement(By.id("birthYear")).sendKeys("2001");
        browser.screenshot("case-" + t.lang() + "-1-register");
        driver.findElement(By.cssSelector("main form.stacked button[type=submit]")).click();
        // The second survivor's name is close to the first's (same family name and birth year, one given name more),
        // so registration may stop at the duplicate warning: the caseworker reads it and registers anyway.
        wait.until(d -> d.getCurrentUrl().matches(".*/cases/[0-9a-f-]{36}(#.*)?$")
                || !d.findElements(By.name("confirmDuplicate")).isEmpty());
        if (!driver.findElements(By.name("confirmDuplicate")).isEmpty()) {
            assertThat(driver.findElement(By.cssSelector(".alert.warn")).getText()).isNotBlank();
            browser.screenshot("case-" + t.lang() + "-1b-duplicate-warning");
            driver.findElement(By.name("confirmDuplicate")).click();
            driver.findElement(By.cssSelector("main form.stacked button[type=submit]")).click();
        }

        wait.until(ExpectedConditions.urlMatches(".*/cases/[0-9a-f-]{36}(#.*)?$"));
        String code = driver.findElement(By.cssSelector("main h1")).getText().replaceAll(".*(HVN-[A-Z0-9-]+).*", "$1");
        assertThat(driver.findElement(By.cssSelector(".alert.ok")).getText()).contains(t.registered());
        assertThat(driver.findElement(By.id("details")).getText()).contains(givenName);

        // Screening: an adult recruited by deception for forced labour.
        open(driver, "screening-form");
        driver.findElement(By.id("ageAtRecruitment")).sendKeys("24");
        for (String indicator : List.of("ACT.RECRUITMENT", "MEANS.DECEPTION", "PURPOSE.FORCED_LABOUR")) {
            driver.findElement(By.cssSelector("#screening-form input[value='" + indicator + "']")).click();
        }
        driver.findElement(By.cssSelector("#screening-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#screening .screening-result")));
        assertThat(driver.findElement(By.cssSelector("#screening .screening-result")).getText()).contains(t.screened());
        browser.screenshot("case-" + t.lang() + "-2-screened");

        // A care-plan goal, then one edit: its status moves to in progress (decision 0004).
        open(driver, "goal-form");
        new Select(driver.findElement(By.id("area"))).selectByValue("ECONOMIC");
        driver.findElement(By.id("goal")).sendKeys("Test goal Demo: a small shop");
        driver.findElement(By.cssSelector("#goal-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#care li.goal a.correct-link")));
        driver.findElement(By.cssSelector("#care li.goal a.correct-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("goal-status-form")));
        new Select(driver.findElement(By.id("goalStatus"))).selectByValue("IN_PROGRESS");
        driver.findElement(By.cssSelector("#goal-status-form button[type=submit]")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("goal-status-form")));
        assertThat(driver.findElement(By.cssSelector("#care li.goal .tag")).getText()).isEqualTo(t.goalInProgress());

        // A service: shelter, with its funding source.
        new Select(driver.findElement(By.id("serviceType"))).selectByValue("SHELTER");
        driver.findElement(By.id("fundingSource")).sendKeys("Test Donor Demo");
        driver.findElement(By.cssSelector("#service-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#services li.service")));
        assertThat(driver.findElement(By.cssSelector("#services li.service")).getText()).contains(t.service())
                .contains("Test Donor Demo");

        // Lifecycle: active, then reintegration, which schedules the follow-ups.
        driver.findElement(By.cssSelector("#lifecycle button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reintegration-form")));
        assertThat(driver.findElement(By.id("details")).getText()).contains(t.active());
        driver.findElement(By.cssSelector("#reintegration-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#follow-ups li.follow-up")));
        List<WebElement> followUps = driver.findElements(By.cssSelector("#follow-ups li.follow-up"));
        assertThat(followUps).hasSize(5);
        browser.screenshot("case-" + t.lang() + "-3-follow-ups");

        // The first follow-up: the visit with the reintegration assessment.
        followUps.get(0).findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("follow-up-form")));
        String[][] scores = {{"safety", "4"}, {"wellbeing", "3"}, {"economic", "3"}, {"education", "5"},
                {"familyCommunity", "4"}, {"legalStatus", "2"}};
        for (String[] s : scores) {
            new Select(driver.findElement(By.id(s[0]))).selectByValue(s[1]);
        }
        driver.findElement(By.id("notes")).sendKeys("Test follow-up Demo: living with her aunt, attends school");
        browser.screenshot("case-" + t.lang() + "-4-follow-up-form");
        driver.findElement(By.cssSelector("#follow-up-form button[type=submit]")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scores")));
        String table = driver.findElement(By.id("follow-ups")).getText();
        assertThat(table).contains(t.scores());
        assertThat(driver.findElements(By.cssSelector("#scores tbody tr"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#scores tbody meter"))).hasSize(6);
        assertThat(driver.findElement(By.cssSelector("#scores tbody tr")).getText()).contains("4").contains("5").contains("2");
        browser.screenshot("case-" + t.lang() + "-5-scores");
        return code;
    }

    /** Opens the {@code <details>} that holds a form (forms the page keeps folded on a phone). */
    private static void open(WebDriver driver, String formId) {
        driver.findElement(By.xpath("//form[@id='" + formId + "']/ancestor::details[1]/summary")).click();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
