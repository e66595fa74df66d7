package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.rundbrief.admin.Role;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Subscriber;

/**
 * A publisher runs the member list in a real browser (chromium, phone width): uploads a member list
 * with bad rows and reads the report, then finds a member, changes their cadence, unsubscribes
 * and finally forgets them after the confirmation page; the bounce page lifts a suppression.
 */
class MemberBrowserTest extends AdminInBrowser {
    @Test
    void aPublisherUploadsAListWithBadRowsThenEditsUnsubscribesAndForgetsAMember() {
        h.user("vorstand@example.org", Role.PUBLISHER, "Vorstand-2026");
        browser.get(h.base + "/admin/login");
        browser.findElement(By.id("email")).sendKeys("vorstand@example.org");
        browser.findElement(By.id("password")).sendKeys("Vorstand-2026");
        open(By.id("login"));
        browser.findElement(By.id("account"));

        browser.get(h.base + "/admin/subscribers");
        open(By.id("import-members"));
        browser.findElement(By.id("file")).sendKeys(Path.of("src/test/resources/subscribers/members-with-errors.csv")
                .toAbsolutePath().toString());
        browser.findElement(By.id("confirmed")).click();
        browser.findElement(By.id("note")).sendKeys("Mitgliederliste 2026");
        open(By.id("upload"));
        assertThat(browser.findElement(By.id("summary")).getText()).contains("1 eingetragen", "6 fehlerhaft");
        assertThat(browser.findElement(By.id("report")).getText()).contains("Doppelt: dieselbe Adresse wie in Zeile 2");
        fitsThePhone("import report");

        browser.get(h.base + "/admin/subscribers");
        browser.findElement(By.id("q")).sendKeys("valid.one");
        open(By.id("find"));
        open(By.linkText("valid.one@example.org"));
        assertThat(browser.findElement(By.id("member-status")).getText()).isEqualTo("bestätigt");
        fitsThePhone("member page");
        browser.findElement(By.cssSelector("#member-cadence option[value=daily]")).click();
        open(By.id("save-member"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("gespeichert");
        assertThat(member().cadence().id()).isEqualTo("daily");

        open(By.id("unsubscribe"));
        assertThat(browser.findElement(By.id("member-status")).getText()).isEqualTo("abgemeldet");
        open(By.id("forget"));
        assertThat(browser.findElement(By.id("question")).getText()).contains("valid.one@example.org");
        open(By.id("confirm-forget"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("gelöscht");
        assertThat(h.app.subscribers.byEmail(EmailAddress.parse("valid.one@example.org"))).isEmpty();

        open(By.linkText("Sperrliste"));
        fitsThePhone("suppressions");
        browser.findElement(By.id("lift-email")).sendKeys("valid.one@example.org");
        browser.findElement(By.id("lift-note")).sendKeys("Person hat sich erneut gemeldet");
        open(By.id("lift"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Sperre ist aufgehoben");
        assertThat(h.app.subscriberService.suppressed(EmailAddress.parse("valid.one@example.org"))).isFalse();
    }

    /** The page is no wider than the phone's screen (wide tables scroll inside their own box). */
    private void fitsThePhone(String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
        long content = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        assertThat(content).as(page + ": width at a " + viewport + " px viewport").isLessThanOrEqualTo(viewport);
    }

    private Subscriber member() {
        return h.app.subscribers.byEmail(EmailAddress.parse("valid.one@example.org")).orElseThrow();
    }
}
