package org.haven.security;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;

import org.haven.Browser;
import org.haven.HavenIntegrationTest;
import org.haven.security.SignInSupport.TestUser;
import org.haven.security.internal.Totp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caseworker's first sign-in in headless Chromium, in Khmer: password, second-factor enrolment (the QR code renders
 * under the CSP; the manual key is typed into our "authenticator"), then the home page. Screenshots under
 * {@code target/screenshots}.
 */
@HavenIntegrationTest
class SecondFactorBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void caseworkerEnrolsASecondFactorAtFirstSignIn() {
        SignInSupport support = new SignInSupport(context);
        TestUser user = support.userNeedingSecondFactor(support.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get("http://localhost:" + port + "/login?lang=km");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("ចូលប្រព័ន្ធ");
            browser.screenshot("security-login-km");
            driver.findElement(By.id("username")).sendKeys(user.username());
            driver.findElement(By.id("password")).sendKeys(SignInSupport.PASSWORD);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("manual-key")));
            assertThat(driver.getCurrentUrl()).endsWith("/login/enrol");
            Object qrWidth = ((JavascriptExecutor) driver).executeScript(
                    "var i = document.querySelector('main img'); return i.complete ? i.naturalWidth : -1;");
            assertThat(((Number) qrWidth).intValue()).as("QR code rendered").isGreaterThan(100);
            browser.screenshot("security-enrol-km");

            byte[] secret = base32(driver.findElement(By.id("manual-key")).getText().replace(" ", ""));
            driver.findElement(By.id("code")).sendKeys(Totp.code(secret, Totp.step(Instant.now())));
            driver.findElement(By.cssSelector("form[action$='/login/enrol'] button[type=submit]")).click();

            wait.until(ExpectedConditions.urlToBe("http://localhost:" + port + "/"));
            assertThat(driver.findElement(By.cssSelector("main h1")).getText()).contains("សូមស្វាគមន៍");
            browser.screenshot("security-home-after-enrolment-km");
        }
    }

    private static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
