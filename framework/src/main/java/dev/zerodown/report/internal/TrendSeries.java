package dev.zerodown.report.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

/**
 * The history's figures as series: per transition and statement (of one run name and PostgreSQL major), one
 * value per run, oldest first; the latest is compared with the median of up to {@value #WINDOW} runs before it.
 */
@API(status = API.Status.INTERNAL)
public final class TrendSeries {
    /** How many earlier runs the median is taken over. */
    public static final int WINDOW = 7;

    private TrendSeries() {
    }

    /**
     * One figure of one transition or statement across runs.
     *
     * @param group    {@code <run> · PostgreSQL <major>}
     * @param subject  the transition's name, or {@code file:line sql} of a statement
     * @param metric   such as {@code lock hold ms}, {@code p99 ms v1}
     * @param runs     run ids, oldest first, one per value
     * @param values   the figure per run
     * @param median   the median of up to 7 values before the latest; NaN with a single run
     * @param regressed true when the latest value grew past {@code ratio} × median (and by the metric's floor)
     */
    public record Series(String group, String subject, String metric, List<String> runs, List<Double> values,
                         double median, boolean regressed) {
        public double latest() {
            return values.get(values.size() - 1);
        }
    }

    /** Every series of the records, transitions before statements, in the order they first appear. */
    public static List<Series> of(List<JsonNode> records, double ratio) {
        Map<List<String>, Map<String, Double>> figures = new LinkedHashMap<>();
        for (JsonNode r : records) {
            String group = r.path("run").asText() + " \u00B7 PostgreSQL " + r.path("postgresMajor").asText();
            String runId = r.path("runId").asText();
            if ("transition".equals(r.path("record").asText())) {
                String subject = r.path("transition").asText();
                put(figures, group, subject, "max lock wait ms", runId, r.get("maxLockWaitMs"));
                put(figures, group, subject, "failed requests", runId, r.get("failedRequests"));
                Iterator<Map.Entry<String, JsonNode>> p99 = r.path("p99Ms").fields();
                while (p99.hasNext()) {
                    Map.Entry<String, JsonNode> e = p99.next();
                    put(figures, group, subject, "p99 ms " + e.getKey(), runId, e.getValue());
                }
            } else if ("statement".equals(r.path("record").asText())) {
                String subject = r.path("file").asText() + ":" + r.path("line").asText() + " " + r.path("sql").asText();
                put(figures, group, subject, "lock hold ms", runId, r.get("maxLockHoldMs"));
                put(figures, group, subject, "lock wait ms", runId, r.get("maxLockWaitMs"));
            }
        }
        List<Series> out = new ArrayList<>();
        figures.forEach((key, byRun) -> out.add(series(key, byRun, ratio)));
        return out;
    }

    private static void put(Map<List<String>, Map<String, Double>> figures, String group, String subject,
                            String metric, String runId, JsonNode value) {
        if (value == null || !value.isNumber()) {
            return;
        }
        Map<String, Double> byRun = figures.computeIfAbsent(List.of(group, subject, metric), k -> new LinkedHashMap<>());
        byRun.merge(runId, value.asDouble(), Math::max);
    }

    private static Series series(List<String> key, Map<String, Double> byRun, double ratio) {
        List<String> runs = new ArrayList<>(byRun.keySet());
        List<Double> values = new ArrayList<>(byRun.values());
        double median = median(values.subList(Math.max(0, values.size() - 1 - WINDOW), values.size() - 1));
        double latest = values.get(values.size() - 1);
        double floor = key.get(2).endsWith("ms") || key.get(2).contains("ms ") ? 5 : 1;
        boolean regressed = !Double.isNaN(median) && latest > ratio * median && latest - median >= floor;
        return new Series(key.get(0), key.get(1), key.get(2), runs, values, median, regressed);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
