package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report in a real headless Chromium (Debian's chromium + chromium-driver), one browser session
 * for every check. Saves the unsafe run's screenshot under target/ and copies it to docs/images/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportBrowserTest {
    private static final Duration WAIT = HeadlessChromium.WAIT;

    private Path reports;
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private ReportFiles unsafe;
    private ReportFiles safe;
    private ReportFiles hostile;
    private ReportFiles measured;
    private ReportFiles predicted;

    @BeforeAll
    void startBrowser() throws IOException {
        HeadlessChromium.requireOrSkip();
        reports = Path.of("target", "browser-test-reports").toAbsolutePath();
        HeadlessChromium.deleteTree(reports);
        unsafe = Reports.write(ReportFixtures.unsafe(), reports);
        safe = Reports.write(ReportFixtures.safe(), reports);
        hostile = Reports.write(ReportFixtures.hostile(), reports);
        measured = Reports.write(measuredUnsafeRun(), reports);
        predicted = Reports.write(ReportFixtures.predicted(), reports);
        browser = HeadlessChromium.start();
        driver = browser.driver();
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__zdDialogs = 0; ['alert','confirm','prompt'].forEach(function (n) {"
                        + " window[n] = function () { window.__zdDialogs++; }; });"));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void should_load_every_page_without_console_errors() {
        for (Path page : List.of(unsafe.html(), safe.html(), hostile.html(), predicted.html(), unsafe.index())) {
            open(page);

            assertThat(severeLogs()).as("console errors of %s", page).isEmpty();
        }
    }

    @Test
    void should_show_the_summary_rows_and_the_timeline() {
        open(unsafe.html());

        List<WebElement> rows = driver.findElements(By.cssSelector("#summary tbody tr"));
        assertThat(rows).hasSize(4).allMatch(WebElement::isDisplayed);
        assertThat(rows.get(1).getText()).contains("V3__rename_user_name under [v1]").contains("unsafe")
                .contains("692 / 612");
        WebElement svg = driver.findElement(By.id("timeline"));
        assertThat(svg.isDisplayed()).isTrue();
        assertThat(svg.getRect().getWidth()).isGreaterThan(900);
        assertThat(svg.getRect().getHeight()).isGreaterThan(300);
        assertThat(driver.findElements(By.cssSelector("#timeline g.zd-tr"))).hasSize(4);
    }

    @Test
    void should_show_wait_details_on_hover() {
        open(unsafe.html());
        WebElement wait = driver.findElements(By.cssSelector("#timeline g.zd-wait-mig")).get(0);

        hover(wait);

        WebElement tip = driver.findElement(By.id("zd-tip"));
        new WebDriverWait(driver, WAIT).until(d -> tip.isDisplayed());
        assertThat(tip.getText()).contains("v1 (pid 101) waited").contains("RowExclusiveLock")
                .contains("the migration holding ShareLock on public.users (V2__index_users_email.sql:2)")
                .contains("update users set last_seen = now() where id = $1");
        assertThat(driver.findElements(By.cssSelector("#timeline g.zd-hold.zd-linked"))).hasSize(1);
    }

    @Test
    void should_show_statement_and_invariant_details_on_click() {
        open(unsafe.html());

        click(driver.findElements(By.cssSelector("#timeline g.zd-stmt")).get(0));
        WebElement panel = driver.findElement(By.id("zd-panel-body"));
        assertThat(panel.getText()).contains("V2__index_users_email.sql:2")
                .contains("create index users_email_idx on users (email)").contains("took");

        click(driver.findElement(By.cssSelector("#timeline g.zd-inv-bad")));
        assertThat(panel.getText()).contains("every_user_has_full_name").contains("3 rows")
                .contains("ann@example.com");
    }

    @Test
    void should_chart_each_prediction_with_the_predicted_point_on_the_right_side_of_maxLockWait() {
        open(predicted.html());

        List<WebElement> charts = driver.findElements(By.cssSelector("figure.zd-predict svg"));
        assertThat(charts).hasSize(2).allMatch(WebElement::isDisplayed);
        WebElement orders = charts.get(0);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", orders);
        assertThat(orders.getRect().getWidth()).isGreaterThan(300);
        assertThat(orders.findElements(By.cssSelector("circle.zd-pc-measured"))).hasSize(3)
                .allMatch(WebElement::isDisplayed);
        assertThat(top(orders, ".zd-pc-predicted.zd-pc-error")).as("the predicted point is drawn above maxLockWait")
                .isLessThan(top(orders, ".zd-pc-limit"));
        WebElement countries = charts.get(1);
        assertThat(top(countries, ".zd-pc-predicted.zd-pc-harmless")).as("under a tenth of maxLockWait")
                .isGreaterThan(top(countries, ".zd-pc-tenth"));
        assertThat(orders.findElement(By.cssSelector(".zd-pc-limit-label")).getText()).isEqualTo("maxLockWait 100 ms");
        assertThat(driver.findElements(By.cssSelector("figure.zd-predict figcaption")).get(0).getText())
                .contains("at 58,000,000 rows of public.orders");
        assertThat(severeLogs()).isEmpty();
    }

    /** The top edge, in page pixels, of the chart's element matching {@code css}, as the browser laid it out. */
    private double top(WebElement chart, String css) {
        return ((Number) driver.executeScript("return arguments[0].getBoundingClientRect().top;",
                chart.findElement(By.cssSelector(css)))).doubleValue();
    }

    @Test
    void should_render_hostile_text_as_text() {
        open(hostile.html());

        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        JavascriptExecutor js = driver;
        assertThat(((Number) js.executeScript("return window.__zdDialogs;")).intValue()).isZero();
        assertThat(((Number) js.executeScript("return document.images.length;")).intValue()).isZero();
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Hostile" + ReportFixtures.XSS);
        assertThat(driver.findElement(By.id("details")).getText()).contains("-- " + ReportFixtures.XSS);

        click(driver.findElements(By.cssSelector("#timeline g.zd-stmt")).get(1));
        assertThat(driver.findElement(By.id("zd-panel-body")).getText()).contains(ReportFixtures.XSS);
        assertThat(((Number) js.executeScript("return document.images.length + window.__zdDialogs;")).intValue())
                .isZero();
    }

    @Test
    void should_print_the_summary_and_timeline_without_the_interactive_parts() {
        open(unsafe.html());
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(driver.findElement(By.id("zd-panel")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("timeline")).isDisplayed()).isTrue();
            assertThat(driver.findElements(By.cssSelector("#summary tbody tr"))).allMatch(WebElement::isDisplayed);
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void should_save_a_screenshot_of_the_unsafe_run_for_the_docs() throws IOException {
        open(unsafe.html());
        click(driver.findElements(By.cssSelector("#timeline g.zd-wait-mig")).get(0));
        new Actions(driver).moveToElement(driver.findElement(By.tagName("h1"))).perform();
        driver.executeScript("window.scrollTo(0, 0);");
        Number bottom = (Number) driver.executeScript(
                "return Math.ceil(document.getElementById('zd-panel').getBoundingClientRect().bottom + 16);");

        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", 1400,
                        "height", bottom.intValue(), "scale", 1)));

        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Path target = Files.write(Path.of("target", "report-unsafe.png"), png);
        Path docs = ProjectRoot.find().resolve("docs/images/report-unsafe.png");
        Files.createDirectories(docs.getParent());
        Files.copy(target, docs, StandardCopyOption.REPLACE_EXISTING);
        assertThat(docs).hasBinaryContent(png);
    }

    /** A real run on embedded PostgreSQL 17: a non-concurrent index build on a busy table. */
    private static dev.zerodown.result.RunResult measuredUnsafeRun() {
        dev.zerodown.settings.Settings settings = dev.zerodown.settings.Settings.defaults().with(Map.of(
                "migrations", "classpath:engine/index-blocking", "soak", "500ms", "maxLockWait", "20ms"));
        return dev.zerodown.engine.CompatibilityRun.of("BlockingIndexBuild",
                        dev.zerodown.plan.Rollout.startWith("app", dev.zerodown.engine.apps.Orders::new).migrate("V2"))
                .settings(settings).writeReports(false).run(17).result();
    }

    @Test
    void should_save_a_screenshot_of_a_measured_unsafe_run_for_the_docs() throws IOException {
        assertThat(measured.html()).exists();
        open(measured.html());
        assertThat(severeLogs()).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#timeline g.zd-wait-mig"))).isNotEmpty();
        click(driver.findElements(By.cssSelector("#timeline g.zd-wait-mig")).get(0));
        driver.executeScript("window.scrollTo(0, 0);");
        Number bottom = (Number) driver.executeScript(
                "return Math.ceil(document.getElementById('zd-panel').getBoundingClientRect().bottom + 16);");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", 1400,
                        "height", bottom.intValue(), "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        Path target = Files.write(Path.of("target", "report-measured-unsafe.png"), png);
        Path docs = ProjectRoot.find().resolve("docs/images/report-measured-unsafe.png");
        Files.copy(target, docs, StandardCopyOption.REPLACE_EXISTING);
        assertThat(docs).hasBinaryContent(png);
    }

    private void open(Path page) {
        browser.open(page);
    }

    private void hover(WebElement e) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
        new Actions(driver).moveToElement(e).perform();
    }

    private void click(WebElement e) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
        new Actions(driver).moveToElement(e).click().perform();
    }

    private List<String> severeLogs() {
        return browser.severeLogs();
    }
}
