package io.avqa.app.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given to Selenium, so
 * Selenium Manager is never run and nothing goes to the network (the machine has none). Without the
 * packages the test fails and says how to install them: a browser test that skips would hide a dashboard
 * nobody checked.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a 1280x900 headless browser; chromedriver's log goes to {@code driverLog}. */
    static HeadlessChromium start(Path driverLog) throws Exception {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            fail("the dashboard browser test needs " + BROWSER + " and " + DRIVER
                    + ": run `apt-get install chromium chromium-driver` (as root; .ci/run installs them)");
        }
        Files.createDirectories(driverLog.getParent());
        // A driver executable on the service makes Selenium's DriverFinder skip Selenium Manager ("Skipping
        // Selenium Manager, path to chromedriver specified in Service class"), and the binary on the options
        // leaves it no browser to look for: nothing is resolved or downloaded.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--no-first-run", "--disable-extensions", "--disable-background-networking");
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
