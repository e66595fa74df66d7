package org.rundbrief.e2e;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
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

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
