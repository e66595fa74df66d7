package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser (Debian's chromium through /usr/bin/chromedriver, headless) walks the admin pages:
 * login → dashboard → create → preview → send now (with confirmation) → progress reaches 100 %,
 * and a form whose CSRF token was removed is refused with 403. CI installs both (.ci/run).
 */
@Tag("browser")
class AdminBrowserTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    AdminHarness h;
    WebDriver browser;

    @BeforeEach
    void start() {
        h = new AdminHarness(dir, AdminHarness.TOKEN);
        browser = chromium(profile);
    }

    /**
     * Headless chromium at a phone's width with its own profile folder; the test is skipped where
     * chromium or chromedriver is not installed. Look-ups wait up to 10 s for the next page.
     */
    static WebDriver chromium(Path profile) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "browser test skipped: /usr/bin/chromedriver or /usr/bin/chromium is not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=412,915");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        // A click on a submit button returns before the next page is there: let look-ups wait for it.
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        return browser;
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (h != null) {
            h.close();
        }
    }

    @Test
    void loginPreviewSendNowAndWatchProgressReach100Percent() throws Exception {
        h.seedDailyEdition();
        browser.get(h.base + "/admin");
        assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
        browser.findElement(By.id("password")).sendKeys(AdminHarness.TOKEN);
        browser.findElement(By.id("login")).click();
        assertThat(browser.findElement(By.id("count-total")).getText()).isEqualTo("3");

        // A form without its CSRF token (as a forged cross-site post would be) is refused.
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('#create-edition input[name=csrf]').remove()");
        browser.findElement(By.id("create")).click();
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("403");
        assertThat(h.app.editionDesk.recent(0, 10)).isEmpty();

        browser.get(h.base + "/admin");
        browser.findElement(By.cssSelector("#cadence option[value=daily]")).click();
        browser.findElement(By.id("create")).click();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("angehalten");
        assertThat(browser.findElement(By.id("subject")).getText()).contains("Sommerfest am Sonnenhang – „Grillen & Gießen“");
        browser.switchTo().frame(browser.findElement(By.tagName("iframe")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Große Straße");
        browser.switchTo().defaultContent();
        assertThat(h.mail.getReceivedMessages()).isEmpty();

        browser.findElement(By.id("send-now")).click();
        assertThat(browser.findElement(By.id("question")).getText()).contains("3");
        browser.findElement(By.id("confirm-send")).click();
        awaitSentTo100Percent();
        assertThat(h.mail.getReceivedMessages()).hasSize(3);
    }

    @Test
    void anInvitedPersonSetsAPasswordOnTheLinkAndLogsInWithEmailAndPassword() {
        var invitation = h.app.accounts.invite(org.rundbrief.admin.AuditLog.Actor.CLI, "sabine@example.org", "Sabine",
                org.rundbrief.admin.Role.PUBLISHER);
        browser.get(h.base + invitation.link().substring(invitation.link().indexOf("/admin/")));
        browser.findElement(By.id("password")).sendKeys("Sonnenhang-2026");
        browser.findElement(By.id("repeat")).sendKeys("Sonnenhang-2026");
        browser.findElement(By.id("set-password")).click();
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Passwort ist gesetzt");

        browser.findElement(By.id("email")).sendKeys("sabine@example.org");
        browser.findElement(By.id("password")).sendKeys("Sonnenhang-2026");
        browser.findElement(By.id("login")).click();
        assertThat(browser.findElement(By.id("account")).getText()).isEqualTo("sabine@example.org");
        browser.findElement(By.id("account")).click();
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("Herausgabe");
    }

    @Test
    void anEditorDraftsCannotSendAndAPublisherApprovesAndSendsTo100Percent(@TempDir Path other) throws Exception {
        h.close();
        h = new AdminHarness(other, AdminHarness.TOKEN, java.util.Map.of("RUNDBRIEF_ADMIN_APPROVAL", "true"));
        h.seedDailyEdition();
        h.user("redaktion@example.org", org.rundbrief.admin.Role.EDITOR, "Redaktion-2026");
        h.user("vorstand@example.org", org.rundbrief.admin.Role.PUBLISHER, "Vorstand-2026");

        logIn("redaktion@example.org", "Redaktion-2026");
        browser.findElement(By.cssSelector("#cadence option[value=daily]")).click();
        browser.findElement(By.id("create")).click();
        assertThat(browser.findElement(By.id("waiting")).getText()).contains("wartet auf die Freigabe");
        String editionPath = java.net.URI.create(browser.getCurrentUrl()).getPath();
        assertThat(absent("send-now")).as("an editor sees no send button").isTrue();
        assertThat(absent("approve")).as("nor an approve button").isTrue();

        // The POST itself is refused too, with the editor's own session and CSRF token.
        String cookie = "rundbrief_admin=" + browser.manage().getCookieNamed("rundbrief_admin").getValue();
        AdminHarness.Page send = h.page("POST", editionPath + "/send", cookie,
                AdminHarness.form("csrf", AdminHarness.csrf(browser.getPageSource())));
        assertThat(send.status()).isEqualTo(403);

        // Test send to me: one message, to the editor only, marked as a test.
        browser.findElement(By.id("test-send")).click();
        assertThat(browser.findElement(By.id("notice")).getText()).contains("[TEST]");
        assertThat(h.mail.getReceivedMessages()).hasSize(1);
        var test = h.mail.getReceivedMessages()[0];
        assertThat(test.getAllRecipients()).extracting(Object::toString).containsExactly("redaktion@example.org");
        assertThat(test.getSubject()).startsWith("[TEST] ").contains("Sommerfest am Sonnenhang");

        browser.findElement(By.cssSelector("header form button")).click(); // log out
        logIn("vorstand@example.org", "Vorstand-2026");
        assertThat(browser.findElement(By.cssSelector("[id^=waiting-]")).getText()).contains("redaktion@example.org");
        browser.get(h.base + editionPath);
        browser.findElement(By.id("approve")).click();
        assertThat(browser.findElement(By.id("approved")).getText()).contains("vorstand@example.org");
        browser.findElement(By.id("send-now")).click();
        browser.findElement(By.id("confirm-send")).click();
        awaitSentTo100Percent();
        long sent = h.app.editionDesk.view(Long.parseLong(editionPath.substring(editionPath.lastIndexOf('/') + 1)))
                .orElseThrow().progress().sent();
        assertThat(sent).isPositive();
        assertThat(h.mail.getReceivedMessages()).hasSize(1 + (int) sent); // the test mail and the edition's
        assertThat(h.app.audit.recent(30)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("edition.approve");
            assertThat(e.actor()).isEqualTo("vorstand@example.org");
        });
    }

    /** The edition page (refreshing itself) shows the send done at 100 %. */
    private void awaitSentTo100Percent() {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "100%".equals(text("progress")) && "versendet".equals(text("status")));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; page: " + browser.getPageSource(), e);
        }
    }

    private void logIn(String email, String password) {
        browser.get(h.base + "/admin/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        assertThat(browser.findElement(By.id("account")).getText()).isEqualTo(email);
    }

    /** No element with that id on the page (asked without the implicit wait). */
    private boolean absent(String id) {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return browser.findElements(By.id(id)).isEmpty();
        } finally {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        }
    }

    private String text(String id) {
        try {
            return browser.findElement(By.id(id)).getText();
        } catch (WebDriverException e) {
            return ""; // the page is refreshing itself (meta refresh) right now
        }
    }
}
