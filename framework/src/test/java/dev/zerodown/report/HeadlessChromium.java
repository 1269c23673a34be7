package dev.zerodown.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, through its chromedriver, for the browser tests of the reports: skipped with the
 * reason where it is missing, a failure where it must run ({@link BrowserPrerequisite}). One profile folder of its
 * own, removed on close.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path CHROMIUM = Path.of(System.getProperty("zerodown.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("zerodown.chromedriver", "/usr/bin/chromedriver"));

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Aborts the calling test class (skip) or fails it, as the environment says, when Chromium cannot run. */
    static void requireOrSkip() {
        BrowserPrerequisite prerequisite = BrowserPrerequisite.fromEnvironment(CHROMIUM, CHROMEDRIVER);
        switch (prerequisite.decision()) {
            case SKIP -> Assumptions.abort(prerequisite.reason());
            case FAIL -> Assertions.fail(prerequisite.reason());
            case RUN -> { }
        }
    }

    /** A browser with a 1400×1100 window at scale 1, its console log kept, dialogs left to the page. */
    static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("zerodown-chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1100", "--force-device-scale-factor=1",
                "--hide-scrollbars", "--lang=en-US");
        o.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        o.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        try {
            ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                    .withLogOutput(OutputStream.nullOutputStream()).build(), o);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(WAIT);
            return new HeadlessChromium(profile, driver);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a local page and waits until it has loaded. */
    void open(Path page) {
        driver.get(page.toUri().toString());
        awaitLoaded();
    }

    void awaitLoaded() {
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** The console messages of level SEVERE and worse so far. */
    List<String> severeLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
