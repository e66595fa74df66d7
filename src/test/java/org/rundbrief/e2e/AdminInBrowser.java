package org.rundbrief.e2e;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.rundbrief.testing.Browser;

/**
 * The set-up of the admin's browser tests: a running installation with its admin ({@link
 * AdminHarness}) and a headless chromium the size of a large phone, both new for each test.
 */
@Tag("browser")
abstract class AdminInBrowser extends WithAdminHarness {
    @TempDir
    Path profile;
    Browser chromium;
    WebDriver browser;

    @BeforeEach
    void startBrowser() {
        chromium = Browser.window(profile, 412, 915);
        // A click on a submit button returns before the next page is there: let look-ups wait for it.
        chromium.driver().manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        browser = chromium.driver();
    }

    /**
     * Clicks the link or button {@code target} and waits until the page it loads has replaced
     * this one: the next page often has elements of the same id (a notice, a status), and a
     * look-up right after the click could find the old page's one.
     */
    void open(By target) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        Awaitility.await("the page after a click on " + target).atMost(Duration.ofSeconds(20)).until(() -> gone(page));
    }

    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
