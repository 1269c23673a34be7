package dev.zerodown.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.report.History;
import dev.zerodown.report.Reports;
import dev.zerodown.report.Trend;
import org.apiguardian.api.API;

/**
 * {@code trend}: the trend page of a history folder, each regression a warning line, and the failure's message
 * when {@code failOnRegression} asks for one; the same in the plugin and the CLI.
 */
@API(status = API.Status.INTERNAL)
public final class TrendRun {
    /** Where the page goes unless told otherwise, relative to the project. */
    public static final String DEFAULT_PAGE = "target/zerodown/trend.html";

    private TrendRun() {
    }

    /**
     * Renders {@code page} from {@code history} and returns the failure's message when a figure regressed and
     * {@code failOnRegression} is set.
     *
     * @throws ConfigurationException without a history folder, or for a bad ratio
     */
    public static Optional<String> render(Path history, Path page, double regressionRatio, boolean failOnRegression,
                                          CheckLog log) {
        if (history == null) {
            throw new ConfigurationException("zerodown:trend needs the history folder: -Dzerodown.history=<dir> "
                    + "(CLI: trend --history <dir>), the folder every check with history=<dir> appends " + History.FILE
                    + " to");
        }
        Trend.Result result = Trend.render(history, page, regressionRatio);
        log.info("Trend of " + result.runs() + " runs in " + history + ": " + page);
        Path folder = page.toAbsolutePath().getParent();
        if (page.getFileName().toString().equals(Reports.TREND_PAGE) && Files.isRegularFile(folder.resolve("index.html"))) {
            Reports.writeIndex(folder); // a report directory's index links its trend page
        }
        result.regressions().forEach(r -> log.warn("Regression: " + r));
        if (failOnRegression && !result.regressions().isEmpty()) {
            return Optional.of(result.regressions().size() + " figures regressed past " + regressionRatio
                    + "x the median of the previous runs; see " + page);
        }
        return Optional.empty();
    }
}
