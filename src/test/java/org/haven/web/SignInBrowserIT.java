package org.haven.web;

import java.time.Duration;
import java.util.UUID;

import org.haven.Browser;
import org.haven.HavenIntegrationTest;
import org.haven.security.OrganisationType;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** A caseworker signs in with a real browser, switches to Khmer and sees Khmer on the home page. */
@HavenIntegrationTest
class SignInBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void caseworkerSignsInAndSwitchesToKhmer() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        UUID org = fixtures.organisation(OrganisationType.SHELTER);
        String username = "browser." + UUID.randomUUID().toString().substring(0, 8);
        String password = "Correct-Horse-Battery-" + UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        jdbc.sql("insert into app_user (id, organisation_id, username, display_name, password_hash, mfa_exempt) "
                + "values (?, ?, ?, 'Browser Test Caseworker', ?, true)")
                .params(userId, org, username, passwords.encode(password)).update();
        jdbc.sql("insert into user_role (user_id, role) values (?, 'CASEWORKER')").param(userId).update();

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get("http://localhost:" + port + "/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertThat(driver.getCurrentUrl()).contains("/login");
            browser.screenshot("signin-en");

            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).contains("Welcome");
            browser.screenshot("home-en");

            driver.findElement(By.cssSelector("a[hreflang=km]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "km"));
            String heading = driver.findElement(By.cssSelector("main h1")).getText();
            assertThat(heading).contains("សូមស្វាគមន៍");
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("អ្នកគ្រប់គ្រងករណី");
            // The Khmer font is Haven's own, loaded from Haven (no external request).
            Object fontLoaded = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                    + "document.fonts.load('16px \"Noto Sans Khmer\"', 'ក').then(function (f) { done(f.length > 0); });");
            assertThat(fontLoaded).isEqualTo(Boolean.TRUE);
            browser.screenshot("home-km");

            driver.navigate().refresh();
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "km"));

            // Error pages speak the chosen language too and show no technical detail.
            driver.get("http://localhost:" + port + "/no-such-page");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).contains("រកមិនឃើញ");
            assertThat(driver.getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
            browser.screenshot("not-found-km");
        }
    }
}
