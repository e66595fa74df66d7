package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;

/**
 * Every public page on a phone (390 CSS pixels wide, as an iPhone 12–15) in a real Chromium: nothing
 * scrolls sideways, and every checkbox sits on the same line as its label.
 */
@Tag("browser")
class PhoneWidthBrowserTest {
    static final int PHONE = 390;

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    AdminHarness h;
    WebDriver browser;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(Files.isExecutable(AdminBrowserTest.CHROMEDRIVER) && Files.isExecutable(AdminBrowserTest.CHROMIUM),
                "browser test skipped: /usr/bin/chromedriver or /usr/bin/chromium is not installed");
        h = new AdminHarness(dir, AdminHarness.TOKEN);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(AdminBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        // Headless windows are at least 500 px wide: the phone's viewport is emulated instead.
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", PHONE, "height", 844, "pixelRatio", 3.0, "mobile", true)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(AdminBrowserTest.CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
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

        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (var page : pages.entrySet()) {
            browser.get(h.base + page.getValue());
            long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
            long content = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            assertThat(viewport).as(page.getKey() + ": viewport (wider when the content forces it)").isLessThanOrEqualTo(PHONE);
            assertThat(content).as(page.getKey() + ": page width at a " + viewport + " px viewport").isLessThanOrEqualTo(viewport);
            @SuppressWarnings("unchecked")
            List<String> apart = (List<String>) js.executeScript("""
                    return [...document.querySelectorAll('input[type=checkbox]')].filter(cb => {
                      const label = document.querySelector('label[for="' + cb.id + '"]');
                      return !label || Math.abs(label.getBoundingClientRect().top - cb.getBoundingClientRect().top) > 12;
                    }).map(cb => cb.id);""");
            assertThat(apart).as(page.getKey() + ": checkboxes on another line than their label").isEmpty();
        }
    }

    static String path(String url) {
        return java.net.URI.create(url).getRawPath();
    }
}
