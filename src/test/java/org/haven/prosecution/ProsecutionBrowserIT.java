package org.haven.prosecution;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.Browser;
import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.haven.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;

/**
 * Real headless Chromium through the prosecution pages: a police investigator moves a complaint to investigation,
 * records a suspect, links the survivor as a victim and schedules a hearing at which the survivor testifies with
 * protective measures; a prosecutor moves it to charge, files a charge under an article of the statute catalogue,
 * moves it to trial and verdict, records a conviction, orders compensation to the survivor and records a partial
 * payment; the attrition page then counts the proceeding in its year's funnel. The proceeding page is shown again in
 * Khmer (Khmer labels, the Khmer web font loaded). Every page is checked for Content-Security-Policy violations, caught
 * by a listener installed before any page script runs. Screenshots go to {@code target/screenshots/prosecution-*.png}.
 * Synthetic people only.
 *
 * <p>Opening a proceeding has no page (only {@code POST /api/v1/proceedings}); the complaint is opened through the
 * service as the investigator, the rest through the pages.
 */
@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class ProsecutionBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    ProsecutionTestBeans.TestCases cases;

    static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(Locale.ENGLISH);

    final String password = "Correct-Horse-Battery-" + UUID.randomUUID();

    /** Records CSP violations of every page into sessionStorage, installed before the page's own scripts. */
    static final String CSP_LISTENER = """
            document.addEventListener('securitypolicyviolation', function (e) {
              var list = JSON.parse(sessionStorage.getItem('haven-csp') || '[]');
              list.push(location.pathname + ': ' + e.violatedDirective + ' ' + e.blockedURI + ' '
                  + (e.sourceFile || '') + ':' + e.lineNumber);
              sessionStorage.setItem('haven-csp', JSON.stringify(list));
            });""";

    @Test
    void complaintToConvictionWithCompensationThroughThePagesThenInKhmer() {
        World w = ProsecutionFixtures.world(jdbc);
        usePassword(w.investigator());
        usePassword(w.prosecutor());
        LocalDate today = LocalDate.now(org.haven.cases.CaseManagement.ZONE);
        LocalDate complaint = today.minusDays(60);
        int year = complaint.getYear();
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String reportNo = "PR-BROWSER-" + run;
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police(), w.prosecution());

        signIn(w.investigator());
        UUID id;
        try {
            id = tracking.open(new OpenProceeding("KH", "09", "Test Koh Kong Provincial Court", reportNo, "CC-" + run,
                    ExploitationForm.FORCED_LABOUR, complaint, List.of(
                            new OpenProceeding.Agency(w.prosecution(), OpenProceeding.AgencyRole.PROSECUTION),
                            new OpenProceeding.Agency(w.legalAid(), OpenProceeding.AgencyRole.LEGAL_AID))));
        } finally {
            signOut();
        }
        String p = "/proceedings/" + id;

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", CSP_LISTENER));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

            // --- the investigator
            signInAs(driver, wait, w.investigator());
            List<String> before = funnel(driver, wait, year);
            browser.screenshot("prosecution-1-attrition-before");

            driver.get(url(p + "?lang=en"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("to")));
            assertThat(heading(driver)).contains("Complaint");
            assertThat(text(driver, "main")).contains(reportNo).contains("Test Koh Kong Provincial Court")
                    .contains("Forced labour");
            browser.screenshot("prosecution-2-complaint");
            move(driver, wait, "INVESTIGATION", complaint.plusDays(5), "Investigation");
            assertThat(text(driver, "main")).contains("Saved.");

            // a suspect
            driver.findElement(By.linkText("Suspects")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("name")));
            assertThat(text(driver, "main")).contains("No suspects recorded");
            driver.findElement(By.id("name")).sendKeys("Test Suspect Vannak Demo");
            driver.findElement(By.id("aliases")).sendKeys("Test Alias Boss");
            new Select(driver.findElement(By.id("role"))).selectByValue("RECRUITER");
            driver.findElement(By.id("nationality")).sendKeys("kh");
            new Select(driver.findElement(By.id("identifierKind1"))).selectByValue("PHONE");
            driver.findElement(By.id("identifierValue1")).sendKeys("012 777 888");
            submit(driver, "form[action$='/suspects']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            String suspects = text(driver, "main");
            assertThat(suspects).contains("Test Suspect Vannak Demo").contains("Recruiter").contains("Test Alias Boss")
                    .contains("012 777 888").doesNotContain("No suspects recorded");
            browser.screenshot("prosecution-3-suspect");

            // the survivor, linked as a victim (consent covers the police and the prosecutor)
            driver.findElement(By.linkText("Survivors")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("caseId")));
            driver.findElement(By.id("caseId")).sendKeys(caseId.toString());
            new Select(driver.findElement(By.id("role"))).selectByValue("VICTIM");
            submit(driver, "form[action$='/victims']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            assertThat(text(driver, "main")).contains(caseId.toString()).contains("Victim");
            browser.screenshot("prosecution-4-victim");

            // a hearing before the investigating judge: the survivor testifies by video, accompanied, behind closed doors
            driver.findElement(By.linkText("Hearings")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scheduledAt")));
            assertThat(text(driver, "main")).contains("No hearings");
            setValue(driver, driver.findElement(By.id("scheduledAt")), complaint.plusDays(10) + "T09:30");
            new Select(driver.findElement(By.id("type"))).selectByValue("INVESTIGATING_JUDGE");
            driver.findElement(By.cssSelector("input[name=survivorTestifies]")).click();
            for (String m : new String[] {"CLOSED_HEARING", "VIDEO_TESTIMONY", "ACCOMPANIMENT"}) {
                driver.findElement(By.cssSelector("input[name=measures][value=" + m + "]")).click();
            }
            browser.screenshot("prosecution-5-hearing-form");
            submit(driver, "form[action$='/hearings']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            WebElement hearing = driver.findElement(By.cssSelector("main section.panel"));
            assertThat(hearing.getText()).contains("Test Koh Kong Provincial Court").contains("Closed hearing")
                    .contains("Video testimony").contains("Accompaniment").doesNotContain("Screen")
                    .contains("9:30");
            new Select(hearing.findElement(By.name("outcome"))).selectByValue("HELD");
            hearing.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            assertThat(driver.findElement(By.cssSelector("main section.panel")).getText()).contains("Held");
            browser.screenshot("prosecution-6-hearing");
            assertNoCspViolations(driver);

            // --- the prosecutor
            signInAs(driver, wait, w.prosecutor());
            driver.get(url(p + "?lang=en"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("to")));
            assertThat(heading(driver)).contains("Investigation");
            move(driver, wait, "CHARGE", complaint.plusDays(20), "Charge");

            driver.findElement(By.linkText("Charges")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("statuteCode")));
            Select articles = new Select(driver.findElement(By.id("statuteCode")));
            assertThat(articles.getOptions()).extracting(WebElement::getText)
                    .anyMatch(t -> t.contains("Law on Suppression of Human Trafficking") && t.contains("Unlawful removal"));
            articles.selectByValue("KH2008-ART10");
            setValue(driver, driver.findElement(By.id("filedOn")), complaint.plusDays(20).toString());
            submit(driver, "form[action$='/charges']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            WebElement charged = driver.findElement(By.cssSelector("main section.panel"));
            assertThat(charged.getText()).contains("Test Suspect Vannak Demo").contains("KH2008-ART10")
                    .contains("pending");
            browser.screenshot("prosecution-7-charge");

            driver.get(url(p + "?lang=en"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("to")));
            move(driver, wait, "TRIAL", complaint.plusDays(30), "Trial");
            move(driver, wait, "VERDICT", today.minusDays(5), "Verdict");

            // the charge's outcome, then the verdict and compensation
            driver.findElement(By.linkText("Charges")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("select[name=outcome]")));
            new Select(driver.findElement(By.cssSelector("main section.panel select[name=outcome]")))
                    .selectByValue("CONVICTED");
            submit(driver, "form[action$='/outcome']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            assertThat(driver.findElement(By.cssSelector("main section.panel")).getText()).contains("convicted");

            driver.findElement(By.linkText("Verdicts and compensation")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
            WebElement defendant = driver.findElement(By.cssSelector("main section.panel"));
            assertThat(defendant.getText()).contains("Test Suspect Vannak Demo").contains("No verdict");
            new Select(defendant.findElement(By.name("verdict"))).selectByValue("CONVICTED");
            setValue(driver, defendant.findElement(By.name("on")), today.minusDays(5).toString());
            defendant.findElement(By.name("prisonMonths")).sendKeys("120");
            defendant.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            assertThat(driver.findElement(By.cssSelector("main section.panel")).getText()).contains("Convicted")
                    .contains("120 months in prison");

            assertThat(new Select(driver.findElement(By.id("victimId"))).getOptions()).hasSize(1);
            driver.findElement(By.id("amount")).sendKeys("1500");
            setValue(driver, driver.findElement(By.id("orderedOn")), today.minusDays(5).toString());
            submit(driver, "form[action$='/compensation']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            assertThat(compensationRow(driver)).contains("1,500.00 USD").contains("0.00 USD");

            driver.findElement(By.cssSelector("form[action*='/payments'] input[name=amount]")).sendKeys("600");
            submit(driver, "form[action*='/payments']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
            assertThat(compensationRow(driver)).contains("1,500.00 USD").contains("600.00 USD").contains("900.00 USD");
            browser.screenshot("prosecution-8-verdict-compensation");

            // the course page: everything together
            driver.get(url(p + "?lang=en"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
            assertThat(heading(driver)).contains("Verdict");
            String course = text(driver, "main");
            assertThat(course).contains("Test Suspect Vannak Demo").contains("KH2008-ART10").contains("Convicted")
                    .contains("120 months in prison").contains("Closed hearing").contains("Video testimony")
                    .contains("1,500.00 USD").contains("600.00 USD").contains(ENGLISH_DATE.format(today.minusDays(5)));
            assertThat(driver.findElements(By.cssSelector("main section.panel table tbody tr")).size())
                    .as("five stages, one defendant, hearing, survivor and compensation").isEqualTo(5 + 1 + 1 + 1 + 1);
            browser.screenshot("prosecution-9-course");
            assertNoCspViolations(driver);

            // --- the attrition page counts the proceeding through to the conviction
            List<String> after = funnel(driver, wait, year);
            browser.screenshot("prosecution-10-attrition");
            // the complaint was counted before the first look (opened then); the rest it reached since
            assertThat(Integer.parseInt(before.get(0))).as("complaints before").isGreaterThanOrEqualTo(1);
            Map<String, Integer> added = Map.of("complaints", 0, "investigations", 1, "arrests", 0, "prosecutions", 1,
                    "trials", 1, "convictions", 1, "acquittals", 0, "dropped", 0);
            for (int i = 0; i < Attrition.STEPS.size(); i++) {
                String step = Attrition.STEPS.get(i);
                assertThat(Integer.parseInt(after.get(i))).as(step)
                        .isEqualTo(Integer.parseInt(before.get(i)) + added.get(step));
            }
            assertThat(driver.findElements(By.cssSelector("svg.funnel rect"))).hasSize(Attrition.STEPS.size());
            assertThat(driver.findElement(By.cssSelector("svg.funnel")).getText()).contains("Convictions");

            // --- the proceeding page in Khmer
            driver.findElement(By.cssSelector("nav.lang a[hreflang=km]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "km"));
            driver.get(url(p));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("km");
            assertThat(heading(driver)).contains("សាលក្រម").doesNotContain("Verdict");
            String khmer = text(driver, "main");
            assertThat(khmer).contains("ដំណើរការនៃនីតិវិធី").contains("ការស៊ើបអង្កេត").contains("ការជំនុំជម្រះ")
                    .contains("ផ្ដន្ទាទោស").contains("ជាប់ពន្ធនាគារ 120 ខែ").contains("សំណង")
                    .doesNotContain("Convicted").doesNotContain("Course of the proceeding").doesNotContain("??");
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
            Object fonts = ((JavascriptExecutor) driver).executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    document.fonts.ready.then(function () {
                      var states = [];
                      document.fonts.forEach(function (f) { if (f.family.indexOf('Khmer') >= 0) states.push(f.status); });
                      done(states.join(','));
                    });""");
            assertThat(String.valueOf(fonts)).contains("loaded");
            browser.screenshot("prosecution-11-course-km");
            assertNoCspViolations(driver);

            // the listener does catch a violation: an inline script, which the policy refuses
            ((JavascriptExecutor) driver).executeScript("""
                    var s = document.createElement('script');
                    s.textContent = 'window.havenInline = true;';
                    document.body.appendChild(s);""");
            wait.until(d -> String.valueOf(((JavascriptExecutor) d).executeScript(
                    "return sessionStorage.getItem('haven-csp') || '[]';")).contains("script-src"));
            assertThat(((JavascriptExecutor) driver).executeScript("return window.havenInline === true;"))
                    .isEqualTo(false);
        }

        assertThat(jdbc.sql("""
                select count(*) from proceeding pr
                where pr.id = ? and pr.stage = 'VERDICT'
                  and exists (select 1 from charge c where c.proceeding_id = pr.id and c.statute_code = 'KH2008-ART10')
                  and exists (select 1 from hearing h where h.proceeding_id = pr.id and h.survivor_testifies)
                  and exists (select 1 from compensation c join compensation_payment cp on cp.compensation_id = c.id
                              where c.proceeding_id = pr.id and c.amount = 1500 and cp.amount = 600)""")
                .param(id).query(Integer.class).single()).isEqualTo(1);
    }

    /** The attrition page's total row for the year in province 09, one cell per funnel step. */
    private List<String> funnel(WebDriver driver, WebDriverWait wait, int year) {
        driver.get(url("/proceedings/attrition?lang=en&province=09&year=" + year));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.funnel")));
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Attrition from complaint to verdict");
        List<WebElement> rows = driver.findElements(By.cssSelector("main table tbody tr"));
        List<String> cells = new ArrayList<>();
        for (WebElement row : rows) {
            List<WebElement> th = row.findElements(By.tagName("th"));
            if (!th.isEmpty() && th.get(0).getText().equals("Total")) {
                th.stream().skip(1).map(WebElement::getText).forEach(cells::add);
            }
        }
        assertThat(cells).hasSize(Attrition.STEPS.size()).allMatch(c -> c.matches("\\d+"));
        return cells;
    }

    private void move(WebDriver driver, WebDriverWait wait, String to, LocalDate on, String label) {
        new Select(driver.findElement(By.id("to"))).selectByValue(to);
        setValue(driver, driver.findElement(By.id("on")), on.toString());
        submit(driver, "form[action$='/stage']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1 .tag"), label));
        assertThat(driver.findElements(By.cssSelector("main [role=alert]"))).isEmpty();
        // dates in the reader's format, not ISO
        assertThat(driver.findElement(By.cssSelector("main section.panel table")).getText()).contains(label)
                .contains(ENGLISH_DATE.format(on)).doesNotContain(on.toString());
    }

    private static String compensationRow(WebDriver driver) {
        return driver.findElement(By.xpath("//main//table[.//th[normalize-space()='Still due']]/tbody/tr[1]")).getText();
    }

    private static void submit(WebDriver driver, String formSelector) {
        driver.findElement(By.cssSelector("main " + formSelector + " button[type=submit]")).click();
    }

    /** Date and time inputs: typing depends on the browser's locale, so the value is set directly. */
    private static void setValue(WebDriver driver, WebElement input, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, value);
    }

    private static void assertNoCspViolations(WebDriver driver) {
        Object violations = ((JavascriptExecutor) driver).executeScript(
                "return sessionStorage.getItem('haven-csp') || '[]';");
        assertThat(String.valueOf(violations)).as("Content-Security-Policy violations").isEqualTo("[]");
    }

    private static String heading(WebDriver driver) {
        return driver.findElement(By.cssSelector("main h1")).getText();
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void usePassword(CurrentUser user) {
        jdbc.sql("update app_user set password_hash = ? where id = ?").params(passwords.encode(password), user.userId())
                .update();
    }

    private void signInAs(WebDriver driver, WebDriverWait wait, CurrentUser user) {
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
