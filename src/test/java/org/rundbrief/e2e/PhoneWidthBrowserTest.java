package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.Browser;
import org.rundbrief.web.DevMailbox;
import org.rundbrief.web.WebServer;

/**
 * Every public page, every admin page and the demo mailbox on a phone (390 CSS pixels wide, as an
 * iPhone 12–15) in a real Chromium: nothing scrolls sideways, and every checkbox sits on the same
 * line as its label. (The mails: EveryKindOfMessageTest.)
 */
@Tag("browser")
class PhoneWidthBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;
    AdminHarness h;
    Browser browser;

    @BeforeEach
    void start() {
        browser = Browser.phone(profile, Browser.PHONE);
        h = new AdminHarness(dir, AdminHarness.TOKEN);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (h != null) {
            h.close();
        }
    }

    @Test
    void everyPublicPageFitsAPhoneWithoutSidewaysScrollingAndKeepsCheckboxesWithTheirLabels() throws Exception {
        h.seedDailyEdition();
        h.api("POST", "/api/articles", """
                {"title":"Einladung zur Mitgliederversammlung und Jahreshauptversammlungsnachbesprechung",
                 "html":"<p>Vereinsvorstandsvorsitzendenstellvertreterin gesucht.</p>","topics":["verein"],
                 "publishedAt":"2026-03-02T05:30:00Z"}""");
        h.clock.advance(Duration.ofMinutes(5));
        long edition = h.app.editions.sendDue(Cadence.DAILY, null, Duration.ofSeconds(30)).get(0).id();
        Subscriber anna = h.app.subscribers.byEmail(EmailAddress.parse("anna@example.org")).orElseThrow();
        String slug = h.app.articles.recent(1, java.util.Optional.empty()).get(0).slug();

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("subscribe", "/subscribe");
        pages.put("archive", "/");
        pages.put("article", "/articles/" + slug);
        pages.put("topic", "/topics/verein");
        pages.put("edition", "/editions/" + edition);
        pages.put("preferences", path(h.app.tokens.preferencesUrl(anna)));
        pages.put("unsubscribe", path(h.app.tokens.unsubscribeUrl(anna)));
        pages.put("message", "/confirm/not-a-token");

        List<String> problems = new java.util.ArrayList<>();
        for (var page : pages.entrySet()) {
            browser.driver().get(h.base + page.getValue());
            problems.addAll(browser.phoneProblems(page.getKey(), Browser.PHONE));
        }
        assertThat(problems).isEmpty();
        assertThat(browser.viewportWidth()).isEqualTo(Browser.PHONE);
    }

    @Test
    void everyAdminPageAndTheDemoMailboxFitAPhoneWithoutSidewaysScrollingAndKeepCheckboxesWithTheirLabels() throws Exception {
        h.seedDailyEdition();
        h.user("vorstandsvorsitzendenstellvertreterin@verein-am-sonnenhang.example.org", org.rundbrief.admin.Role.PUBLISHER,
                "Sonnenhang-2026");
        long edition = h.app.adminActions.createEdition(org.rundbrief.admin.AuditLog.Actor.CLI, Cadence.DAILY, null)
                .orElseThrow().edition().id();
        long anna = h.app.subscribers.byEmail(EmailAddress.parse("anna@example.org")).orElseThrow().id();
        long post = h.app.articles.recent(1, java.util.Optional.empty()).get(0).id();
        // a scheduled post: the list shows "geplant für …" and "Jetzt veröffentlichen" in its row
        assertThat(h.api("POST", "/api/articles", """
                {"title":"Einladung zum Sommerfest","html":"<p>Bald.</p>","publishedAt":"2026-03-03T08:00:00Z"}""")
                .statusCode()).isEqualTo(201);
        String invitation = path(h.app.accounts.invite(org.rundbrief.admin.AuditLog.Actor.CLI, "neu@example.org", null,
                org.rundbrief.admin.Role.EDITOR).link());

        // A confirm mail waits in the outbox (nobody sends it here) during an outage with a long error: the red bar.
        h.page("POST", "/subscribe", null, AdminHarness.form("email", "vereinsvorstandsvorsitzendenstellvertreterin@example.org",
                "name", "Grete", "cadence", "daily", "language", "de"));
        h.app.serverWatch.down("cannot connect to smtp-relay.vereinsnetzwerk-sonnenhang.example.org:2525: Connection refused");

        List<String> problems = new java.util.ArrayList<>();
        Map<String, String> before = new LinkedHashMap<>();
        before.put("login", "/admin/login");
        before.put("invitation", invitation);
        for (var page : before.entrySet()) {
            browser.driver().get(h.base + page.getValue());
            problems.addAll(browser.phoneProblems(page.getKey(), Browser.PHONE));
        }
        browser.driver().get(h.base + "/admin/login");
        browser.driver().findElement(org.openqa.selenium.By.id("password")).sendKeys(AdminHarness.TOKEN);
        browser.driver().findElement(org.openqa.selenium.By.id("login")).click();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.driver().getCurrentUrl().endsWith("/admin/login"));

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("dashboard with an SMTP outage", "/admin");
        pages.put("edition", "/admin/editions/" + edition);
        pages.put("edition preview", "/admin/editions/" + edition + "/preview");
        pages.put("send confirmation", "/admin/editions/" + edition + "/confirm");
        pages.put("members", "/admin/subscribers");
        pages.put("new member", "/admin/subscribers/new");
        pages.put("member import", "/admin/subscribers/import");
        pages.put("member", "/admin/subscribers/" + anna);
        pages.put("forget member", "/admin/subscribers/" + anna + "/forget");
        pages.put("suppressions", "/admin/suppressions");
        pages.put("sources", "/admin/sources");
        pages.put("posts", "/admin/articles");
        pages.put("new post", "/admin/articles/new");
        pages.put("post", "/admin/articles/" + post);
        pages.put("users", "/admin/users");
        pages.put("account", "/admin/account");
        pages.put("outbox", "/admin/outbox");
        for (var page : pages.entrySet()) {
            browser.driver().get(h.base + page.getValue());
            assertThat(browser.driver().getCurrentUrl()).as(page.getKey()).endsWith(page.getValue());
            problems.addAll(browser.phoneProblems(page.getKey(), Browser.PHONE));
        }

        DevMailbox.Source caught = () -> List.of(new DevMailbox.Caught(1,
                "Einladung zur Mitgliederversammlung und Jahreshauptversammlungsnachbesprechung",
                "vorstandsvorsitzendenstellvertreterin@verein-am-sonnenhang.example.org",
                java.time.Instant.parse("2026-03-02T06:30:00Z"), "<p>Hallo</p>", "Hallo"));
        WebServer demo = h.app.webServer(List.of(new DevMailbox(caught, h.app.templates, java.time.ZoneId.of("Europe/Berlin"), "de")));
        try {
            browser.driver().get("http://127.0.0.1:" + demo.start(0) + "/dev/mailbox");
            problems.addAll(browser.phoneProblems("demo mailbox", Browser.PHONE));
        } finally {
            demo.close();
        }
        assertThat(problems).isEmpty();
    }

    static String path(String url) {
        return java.net.URI.create(url).getRawPath();
    }
}
