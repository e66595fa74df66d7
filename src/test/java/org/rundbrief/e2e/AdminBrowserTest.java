package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;

/**
 * A real browser (Debian's chromium through /usr/bin/chromedriver, headless) walks the admin pages:
 * login → dashboard → create → preview → send now (with confirmation) → progress reaches 100 %,
 * and a form whose CSRF token was removed is refused with 403. CI installs both (.ci/run).
 */
class AdminBrowserTest extends AdminInBrowser {
    @Test
    void loginPreviewSendNowAndWatchProgressReach100Percent() throws Exception {
        h.seedDailyEdition();
        browser.get(h.base + "/admin");
        assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
        browser.findElement(By.id("password")).sendKeys(AdminHarness.TOKEN);
        open(By.id("login"));
        assertThat(browser.findElement(By.id("count-total")).getText()).isEqualTo("3");

        // A form without its CSRF token (as a forged cross-site post would be) is refused.
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('#create-edition input[name=csrf]').remove()");
        open(By.id("create"));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("403");
        assertThat(h.app.editionDesk.recent(0, 10)).isEmpty();

        browser.get(h.base + "/admin");
        browser.findElement(By.cssSelector("#cadence option[value=daily]")).click();
        open(By.id("create"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("angehalten");
        assertThat(browser.findElement(By.id("subject")).getText()).contains("Sommerfest am Sonnenhang – „Grillen & Gießen“");
        browser.switchTo().frame(browser.findElement(By.tagName("iframe")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Große Straße");
        browser.switchTo().defaultContent();
        assertThat(h.mail.getReceivedMessages()).isEmpty();

        open(By.id("send-now"));
        assertThat(browser.findElement(By.id("question")).getText()).contains("3");
        open(By.id("confirm-send"));
        awaitSentTo100Percent();
        assertThat(h.mail.getReceivedMessages()).hasSize(3);
    }

    @Test
    void aNewClubSendsItsFirstIssueWithTheButtonOnceAndThenNothingTwice() throws Exception {
        h.seedArticleBeforeMembers();
        h.clock.advance(Duration.ofMinutes(5));
        browser.get(h.base + "/admin");
        browser.findElement(By.id("password")).sendKeys(AdminHarness.TOKEN);
        open(By.id("login"));
        assertThat(absent("first-issue")).as("no offer before a create found nothing new").isTrue();

        browser.findElement(By.cssSelector("#cadence option[value=daily]")).click();
        open(By.id("create"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("für niemanden etwas neu");
        assertThat(browser.findElement(By.id("first-issue-why")).getText())
                .isEqualTo("Mitglieder ohne bisherigen Rundbrief: 3. Beiträge, die vor ihrer Anmeldung gesammelt wurden"
                        + " und für sie deshalb nicht als neu gelten: 1.");
        assertThat(browser.findElement(By.cssSelector("label[for=first-issue-days]")).getText())
                .isEqualTo("Erste Ausgabe senden: Artikel der letzten");
        var days = browser.findElement(By.id("first-issue-days"));
        assertThat(days.getDomProperty("value")).isEqualTo("7");
        days.clear();
        days.sendKeys("3");
        open(By.id("create-first-issue"));

        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("angehalten");
        assertThat(browser.findElement(By.id("subject")).getText()).contains("Sommerfest am Sonnenhang");
        open(By.id("send-now"));
        open(By.id("confirm-send"));
        awaitSentTo100Percent();
        assertThat(h.mail.getReceivedMessages()).hasSize(3);

        // Never twice: the next create finds nothing new and offers no first issue any more.
        browser.get(h.base + "/admin");
        browser.findElement(By.cssSelector("#cadence option[value=daily]")).click();
        open(By.id("create"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("für niemanden etwas neu");
        assertThat(absent("first-issue")).isTrue();
        String cookie = "rundbrief_admin=" + browser.manage().getCookieNamed("rundbrief_admin").getValue();
        AdminHarness.Page again = h.page("POST", "/admin/editions", cookie, AdminHarness.form(
                "csrf", AdminHarness.csrf(browser.getPageSource()), "cadence", "daily", "includeRecentDays", "7"));
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.location()).isEqualTo("/admin?notice=nothingNew&cadence=daily");
        AdminHarness.Page tooFar = h.page("POST", "/admin/editions", cookie, AdminHarness.form(
                "csrf", AdminHarness.csrf(browser.getPageSource()), "cadence", "daily", "includeRecentDays", "3651"));
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.body()).contains("von 1 bis 3650"); // delivery.maxAgeDays
        assertThat(h.mail.getReceivedMessages()).hasSize(3);
        assertThat(h.app.audit.recent(10)).anySatisfy(e -> assertThat(e.detail()).contains("include-recent 3d"));
    }

    @Test
    void anInvitedPersonSetsAPasswordOnTheLinkAndLogsInWithEmailAndPassword() {
        var invitation = h.app.accounts.invite(org.rundbrief.admin.AuditLog.Actor.CLI, "sabine@example.org", "Sabine",
                org.rundbrief.admin.Role.PUBLISHER);
        browser.get(h.base + invitation.link().substring(invitation.link().indexOf("/admin/")));
        browser.findElement(By.id("password")).sendKeys("Sonnenhang-2026");
        browser.findElement(By.id("repeat")).sendKeys("Sonnenhang-2026");
        open(By.id("set-password"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Passwort ist gesetzt");

        browser.findElement(By.id("email")).sendKeys("sabine@example.org");
        browser.findElement(By.id("password")).sendKeys("Sonnenhang-2026");
        open(By.id("login"));
        assertThat(browser.findElement(By.id("account")).getText()).isEqualTo("sabine@example.org");
        open(By.id("account"));
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
        open(By.id("create"));
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
        open(By.id("test-send"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("[TEST]");
        assertThat(h.mail.getReceivedMessages()).hasSize(1);
        var test = h.mail.getReceivedMessages()[0];
        assertThat(test.getAllRecipients()).extracting(Object::toString).containsExactly("redaktion@example.org");
        assertThat(test.getSubject()).startsWith("[TEST] ").contains("Sommerfest am Sonnenhang");

        open(By.cssSelector("header form button")); // log out
        logIn("vorstand@example.org", "Vorstand-2026");
        assertThat(browser.findElement(By.cssSelector("[id^=waiting-]")).getText()).contains("redaktion@example.org");
        browser.get(h.base + editionPath);
        open(By.id("approve"));
        assertThat(browser.findElement(By.id("approved")).getText()).contains("vorstand@example.org");
        open(By.id("send-now"));
        open(By.id("confirm-send"));
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
        open(By.id("login"));
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
