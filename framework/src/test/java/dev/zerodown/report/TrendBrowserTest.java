package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The trend page of a history in a real headless Chromium (as {@link HtmlReportBrowserTest}): it renders its
 * sparklines, flags the regression, fetches nothing, and the index and a run's report.html lead to it and back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrendBrowserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Path reports;
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private ReportFiles run;
    private Trend.Result trend;

    @BeforeAll
    void historyAndBrowser() throws IOException {
        HeadlessChromium.requireOrSkip();
        reports = Path.of("target", "trend-browser-test").toAbsolutePath();
        HeadlessChromium.deleteTree(reports);
        Path history = reports.resolve("history");
        History.append(ReportFixtures.unsafe(), history, "auto", "nightly");
        History.append(ReportFixtures.unsafe(), history, "auto", "nightly");
        slowerNight(history);
        run = Reports.write(ReportFixtures.unsafe(), reports, Map.of("history", history.toString()), SourceFiles.NONE);
        trend = Trend.render(history, reports.resolve(Reports.TREND_PAGE));
        Reports.writeIndex(reports);
        browser = HeadlessChromium.start();
        driver = browser.driver();
    }

    /** A third run whose every lock hold and wait took ten times as long (and 100 ms more) as the first's. */
    private static void slowerNight(Path history) throws IOException {
        List<JsonNode> records = History.read(history);
        String firstRun = records.get(0).get("runId").asText();
        StringBuilder third = new StringBuilder();
        for (JsonNode r : records) {
            if (!r.get("runId").asText().equals(firstRun)) {
                continue;
            }
            ObjectNode copy = r.deepCopy();
            copy.put("runId", "night-3");
            for (String field : List.of("maxLockHoldMs", "maxLockWaitMs")) {
                if (copy.hasNonNull(field)) {
                    copy.put(field, copy.get(field).asDouble() * 10 + 100);
                }
            }
            third.append(MAPPER.writeValueAsString(copy)).append('\n');
        }
        Files.writeString(history.resolve(History.FILE), third, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void should_render_the_sparklines_and_flag_the_regressions_without_console_errors_or_fetching_anything() {
        open(reports.resolve(Reports.TREND_PAGE));

        assertThat(severeLogs()).isEmpty();
        assertThat(trend.runs()).isEqualTo(3);
        assertThat(trend.regressions()).isNotEmpty();
        assertThat(driver.findElement(By.tagName("h1")).getText())
                .isEqualTo("\u2717 " + trend.regressions().size() + " regression" + (trend.regressions().size() == 1 ? "" : "s"));
        List<WebElement> flagged = driver.findElements(By.cssSelector("tr.zd-regressed"));
        assertThat(flagged).hasSize(trend.regressions().size()).allMatch(WebElement::isDisplayed);
        assertThat(flagged.get(0).getText()).contains("\u25B2 regression");
        List<WebElement> sparks = driver.findElements(By.cssSelector("td svg"));
        assertThat(sparks).isNotEmpty().allSatisfy(svg -> {
            assertThat(svg.isDisplayed()).isTrue();
            assertThat(svg.getSize().getWidth()).isPositive();
            assertThat(svg.getSize().getHeight()).isPositive();
        });
        assertThat(((Number) driver.executeScript("return performance.getEntriesByType('resource').length;")).intValue())
                .as("resources fetched by the page").isZero();
    }

    @Test
    void should_lead_from_the_index_and_from_a_runs_report_to_the_trend_page_and_back() {
        open(run.index());
        click(driver.findElement(By.id("zd-trend")));
        assertThat(driver.getTitle()).startsWith("Zerodown trend");
        assertThat(driver.getCurrentUrl()).endsWith("/trend-browser-test/trend.html");

        click(driver.findElement(By.id("zd-index")));
        assertThat(driver.getTitle()).isEqualTo("Zerodown reports");

        open(run.html());
        click(driver.findElement(By.id("zd-trend")));
        assertThat(driver.getTitle()).startsWith("Zerodown trend");
        assertThat(severeLogs()).isEmpty();
    }

    private void open(Path page) {
        browser.open(page);
    }

    private void click(WebElement e) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
        e.click();
        browser.awaitLoaded();
    }

    private List<String> severeLogs() {
        return browser.severeLogs();
    }
}
