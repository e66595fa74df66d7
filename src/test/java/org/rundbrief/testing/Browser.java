package org.rundbrief.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * A real headless Chromium driven through Debian's /usr/bin/chromedriver (CI installs both:
 * .ci/run). The chromedriver process is started once per test run and shared; each
 * {@code Browser} is one Chromium session with its own profile folder. A test that finds neither
 * installed is skipped, not failed.
 */
public final class Browser implements AutoCloseable {
    /** A phone's width in CSS pixels (iPhone 12–15). */
    public static final int PHONE = 390;
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static ChromeDriverService service;

    private final RemoteWebDriver driver;

    private Browser(ChromeOptions options) {
        // A session on the shared service: a ChromeDriver would stop the service when it quits.
        driver = new RemoteWebDriver(service().getUrl(), options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    /** A phone's screen {@code width} CSS pixels wide, emulated (a headless window is at least 500 px wide). */
    public static Browser phone(Path profile, int width) {
        ChromeOptions options = options(profile);
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", width, "height", 844, "pixelRatio", 3.0, "mobile", true)));
        return new Browser(options);
    }

    /** A desktop window of that size. */
    public static Browser window(Path profile, int width, int height) {
        ChromeOptions options = options(profile);
        options.addArguments("--window-size=" + width + "," + height);
        return new Browser(options);
    }

    private static ChromeOptions options(Path profile) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "browser test skipped: /usr/bin/chromedriver or /usr/bin/chromium is not installed"
                        + " (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        return options;
    }

    /** The one chromedriver process of this test run, stopped when the JVM ends. */
    private static synchronized ChromeDriverService service() {
        if (service == null) {
            ChromeDriverService started = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            try {
                started.start();
            } catch (IOException e) {
                throw new UncheckedIOException("chromedriver did not start: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "chromedriver-stop"));
            service = started;
        }
        return service;
    }

    public WebDriver driver() {
        return driver;
    }

    public Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** The page width Chromium lays out now (a phone's, or wider when a page forces it). */
    public long viewportWidth() {
        return ((Number) script("return window.innerWidth")).longValue();
    }

    /**
     * What is wrong with the page shown now on a phone {@code width} px wide, each as a sentence
     * naming {@code page}: it scrolls sideways, or a checkbox sits on another line than its label.
     * Empty when it fits.
     */
    public List<String> phoneProblems(String page, int width) {
        List<String> problems = new ArrayList<>();
        long viewport = viewportWidth();
        long content = ((Number) script("return document.documentElement.scrollWidth")).longValue();
        if (viewport > width || content > viewport) {
            problems.add(page + " is " + Math.max(content, viewport) + " px wide on a " + width + " px screen");
        }
        @SuppressWarnings("unchecked")
        List<String> apart = (List<String>) script("""
                return [...document.querySelectorAll('input[type=checkbox]')].filter(cb => cb.getClientRects().length > 0).filter(cb => {
                  const label = cb.closest('label') || (cb.id && document.querySelector('label[for="' + cb.id + '"]'));
                  if (!label) return true;
                  const words = document.createRange();
                  words.selectNodeContents(label);
                  if (label.contains(cb)) words.setStartAfter(cb);
                  const first = [...words.getClientRects()].find(r => r.width > 0);
                  return !first || Math.abs(first.top - cb.getBoundingClientRect().top) > 12;
                }).map(cb => cb.id || cb.name);""");
        for (String id : apart) {
            problems.add(page + ": checkbox '" + id + "' is on another line than its label");
        }
        return problems;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
