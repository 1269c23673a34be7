package dev.zerodown.report;

import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.report.internal.AtomicFiles;
import dev.zerodown.report.internal.TrendPage;
import dev.zerodown.report.internal.TrendSeries;
import org.apiguardian.api.API;

/**
 * The trend page of a {@link History}: per transition and statement, lock hold, lock wait, p99 latency and failed
 * requests across runs, each figure flagged as a regression when the latest run grew past {@code ratio} × the
 * median of the 7 runs before it (and by at least 5 ms, or 1 for counts). One self-contained HTML file.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class Trend {
    /** The default regression ratio. */
    public static final double DEFAULT_RATIO = 2;

    private Trend() {
    }

    /** Writes the trend page of {@code historyDirectory} to {@code outFile} with the default ratio (2). */
    public static Result render(Path historyDirectory, Path outFile) {
        return render(historyDirectory, outFile, DEFAULT_RATIO);
    }

    /** Writes the trend page of {@code historyDirectory} to {@code outFile}. */
    public static Result render(Path historyDirectory, Path outFile, double ratio) {
        if (!(ratio > 1) || !Double.isFinite(ratio)) {
            throw new ConfigurationException("regressionRatio is " + ratio + "; expected a number above 1, such as 2");
        }
        List<JsonNode> records = History.read(historyDirectory);
        List<TrendSeries.Series> series = TrendSeries.of(records, ratio);
        long runs = records.stream().map(r -> r.path("runId").asText()).distinct().count();
        boolean index = java.nio.file.Files.isRegularFile(outFile.resolveSibling("index.html"));
        AtomicFiles.write(outFile, TrendPage.render(series, (int) runs, ratio, index ? "index.html" : null));
        List<String> regressions = series.stream().filter(TrendSeries.Series::regressed)
                .map(s -> s.group() + " \u00B7 " + s.subject() + " \u00B7 " + s.metric() + ": "
                        + dev.zerodown.report.internal.Svg.n(s.latest()) + " against a median of "
                        + dev.zerodown.report.internal.Svg.n(s.median()))
                .toList();
        return new Result(outFile, (int) runs, regressions);
    }

    /**
     * What the page shows.
     *
     * @param page        the file written
     * @param runs        runs in the history
     * @param regressions one line per flagged figure
     */
    public record Result(Path page, int runs, List<String> regressions) {
        public Result {
            regressions = List.copyOf(regressions);
        }
    }
}
