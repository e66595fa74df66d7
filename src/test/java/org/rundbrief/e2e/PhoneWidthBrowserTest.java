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

/**
 * Every public page on a phone (390 CSS pixels wide, as an iPhone 12–15) in a real Chromium: nothing
 * scrolls sideways, and every checkbox sits on the same line as its label.
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

    static String path(String url) {
        return java.net.URI.create(url).getRawPath();
    }
}
