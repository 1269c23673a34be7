package dev.zerodown.report;

import dev.zerodown.report.internal.HtmlPage;
import dev.zerodown.result.RunResult;
import org.apiguardian.api.API;

/**
 * {@code report.html}: one self-contained page per run (inline CSS, JavaScript and SVG; opens offline).
 * A summary table of the transitions sits above a timeline of the whole rollout: transitions as bands,
 * hazards pinned where they were measured, per version throughput, failed requests and p50/p99 latency,
 * every migration statement, the migration's lock holds per relation and every lock wait, each with its
 * details on hover or click. Every piece of user text is escaped, also inside the embedded JSON.
 */
@API(status = API.Status.INTERNAL)
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(RunResult run) {
        return HtmlPage.render(run, null);
    }

    /** The page with a link to the trend page of its history at {@code trendHref} (relative), or none when null. */
    public static String render(RunResult run, String trendHref) {
        return HtmlPage.render(run, trendHref);
    }
}
