package org.haven.referrals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.haven.Browser;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * Real browser, end to end: a Thai shelter caseworker refers a Cambodian survivor to Cambodia's ministry for return;
 * the ministry accepts; each side records its own return steps (verification, family assessment, travel documents
 * by the ministry; escort and reception by the shelter; follow-up after return by the ministry) and sees the other's;
 * the ministry completes the return and the shelter sees it completed. One pass of the referral page in Khmer.
 */
@HavenIntegrationTest
class CrossBorderBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;
    @Autowired
    ServiceDirectory directory;
    @Autowired
    ReferralManagement referrals;
    @Autowired
    PasswordEncoder passwords;

    String password = "Correct-Horse-Battery-" + UUID.randomUUID();

    void usePassword(CurrentUser user) {
        jdbc.sql("update app_user set password_hash = ? where id = ?").params(passwords.encode(password), user.userId())
                .update();
    }

    @Test
    void thaiShelterReturnsASurvivorThroughCambodiasMinistry() {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        // the "officer" of the scene is the ministry's referral receiver here
        Scene s = fx.scene(OrganisationType.MINISTRY, "KH", "REPATRIATION", "TH");
        CurrentUser ministryWorker = fx.security.user(s.receiver(), Role.CASEWORKER);
        fx.consent(s);
        usePassword(s.caseworker());
        usePassword(ministryWorker);
        String ministryName = jdbc.sql("select name from organisation where id = ?").param(s.receiver())
                .query(String.class).single();

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

            // the Thai caseworker refers the case
            signIn(driver, wait, s.caseworker());
            driver.get(url("/referrals/new?lang=en&caseId=" + s.caseId()));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("referral-form")));
            new Select(driver.findElement(By.id("toOrganisationId"))).selectByValue(s.receiver().toString());
            driver.findElement(By.cssSelector("input[name=services][value=REPATRIATION]")).click();
            new Select(driver.findElement(By.id("urgency"))).selectByValue("URGENT");
            driver.findElement(By.id("reason")).sendKeys("Test reason: survivor asks to go home to Cambodia");
            driver.findElement(By.cssSelector("#referral-form button[type=submit]")).click();
            wait.until(ExpectedConditions.urlMatches(".*/referrals/[0-9a-f-]{36}$"));
            String referralUrl = driver.getCurrentUrl();
            assertThat(text(driver, "status")).contains("Sent");
            assertThat(text(driver, "return-steps")).contains("Verification by the country of origin")
                    .contains("Follow-up after return").contains(ministryName);
            // nothing to tick before the ministry accepts
            assertThat(driver.findElements(By.cssSelector("#return-steps form"))).isEmpty();
            browser.screenshot("cross-border-sent");

            // the ministry accepts and records its first three steps
            signIn(driver, wait, ministryWorker);
            driver.get(url("/referrals?lang=en"));
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText(s.caseCode()))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accept")));
            assertThat(text(driver, "main")).contains("summary only");
            driver.findElement(By.id("accept")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shared-case")));
            assertThat(text(driver, "status")).contains("Accepted");
            for (String step : new String[] {"VERIFICATION", "FAMILY_ASSESSMENT", "TRAVEL_DOCUMENTS"}) {
                markDone(driver, wait, step);
            }
            // escort and reception is the shelter's: no form for the ministry
            assertThat(driver.findElements(By.cssSelector("#step-ESCORT_RECEPTION form"))).isEmpty();
            browser.screenshot("cross-border-ministry");

            // the shelter sees the ministry's progress and records escort and reception
            signIn(driver, wait, s.caseworker());
            driver.get(referralUrl + "?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("return-steps")));
            assertThat(text(driver, "status")).contains("In progress").doesNotContain("Accepted");
            for (String step : new String[] {"VERIFICATION", "FAMILY_ASSESSMENT", "TRAVEL_DOCUMENTS"}) {
                assertThat(stepStatus(driver, step)).isEqualTo("Done");
            }
            assertThat(stepStatus(driver, "ESCORT_RECEPTION")).isEqualTo("Pending");
            assertThat(driver.findElements(By.cssSelector("#step-VERIFICATION form"))).isEmpty();
            markDone(driver, wait, "ESCORT_RECEPTION");
            driver.get(url("/referrals?lang=en"));
            assertThat(text(driver, "notifications")).contains("Referral accepted").contains("Return step: done");

            // the ministry records the follow-up after return and completes
            signIn(driver, wait, ministryWorker);
            driver.get(referralUrl + "?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("return-steps")));
            assertThat(stepStatus(driver, "ESCORT_RECEPTION")).isEqualTo("Done");
            markDone(driver, wait, "FOLLOW_UP");
            driver.findElement(By.id("complete")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Completed"));

            // one pass of the referral page in Khmer, as the ministry sees it
            driver.get(referralUrl + "?lang=km");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("return-steps")));
            assertThat(driver.findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo("km");
            assertThat(text(driver, "return-steps")).contains("ការវិលត្រឡប់ទៅប្រទេសដើម").contains("ការផ្ទៀងផ្ទាត់ដោយប្រទេសដើម")
                    .contains("ការតាមដានក្រោយវិលត្រឡប់");
            assertThat(stepStatus(driver, "FOLLOW_UP")).isEqualTo("រួចរាល់");
            assertThat(text(driver, "status")).doesNotContain("Completed");
            // the Khmer labels render with the Khmer web font (loaded, not blocked), not with missing-glyph boxes
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
            Object fonts = ((JavascriptExecutor) driver).executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    document.fonts.ready.then(function () {
                      var states = [];
                      document.fonts.forEach(function (f) { if (f.family.indexOf('Khmer') >= 0) states.push(f.status); });
                      done(states.join(','));
                    });""");
            assertThat(String.valueOf(fonts)).contains("loaded");
            browser.screenshot("cross-border-km");

            // the shelter sees the return completed
            signIn(driver, wait, s.caseworker());
            driver.get(referralUrl + "?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
            assertThat(text(driver, "status")).contains("Completed");
            assertThat(text(driver, "return-steps")).doesNotContain("Pending");
        }
        assertThat(jdbc.sql("select count(*) from referral_return_step s join referral r on r.id = s.referral_id"
                + " where r.case_id = ? and s.status = 'DONE' and s.done_on = ?").params(s.caseId(),
                LocalDate.now(CaseManagement.ZONE)).query(Integer.class).single()).isEqualTo(5);
    }

    private void markDone(WebDriver driver, WebDriverWait wait, String step) {
        WebElement row = driver.findElement(By.id("step-" + step));
        new Select(row.findElement(By.name("status"))).selectByValue("DONE");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                row.findElement(By.name("doneOn")), LocalDate.now(CaseManagement.ZONE).toString());
        row.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#step-" + step + " .step-status"),
                "Done"));
    }

    private static String stepStatus(WebDriver driver, String step) {
        return driver.findElement(By.cssSelector("#step-" + step + " .step-status")).getText().trim();
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void signIn(WebDriver driver, WebDriverWait wait, CurrentUser user) {
        driver.manage().deleteAllCookies();
        driver.get(url("/login?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
