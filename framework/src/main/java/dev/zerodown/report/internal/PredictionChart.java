package dev.zerodown.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import dev.zerodown.result.Prediction;

/**
 * A hazard's prediction as a small inline SVG chart: rows on a log scale across, ms on a log scale up
 * (so the measured points, {@code maxLockWait} and a prediction a thousand times larger all read), the
 * measured points, the fit (solid over the measured rows, dashed where it extrapolates), the predicted
 * point, {@code maxLockWait} and a tenth of it as lines, the region at or above {@code maxLockWait}
 * shaded. A caption says the same in words.
 */
final class PredictionChart {
    private static final double W = 440;
    private static final double H = 200;
    private static final double LEFT = 58;
    private static final double RIGHT = 14;
    private static final double TOP = 10;
    private static final double BOTTOM = 36;
    /** Durations are drawn no lower than this (a 0 ms point on a log axis). */
    private static final double FLOOR_MS = 0.01;
    private static final int SAMPLES = 48;

    private final Prediction p;
    private final double[] x;
    private final double[] y;

    private PredictionChart(Prediction p) {
        this.p = p;
        DoubleStream rows = DoubleStream.concat(p.measuredAt().stream().mapToDouble(Prediction.Point::rows),
                DoubleStream.of(p.rows()));
        x = domain(rows.map(r -> Math.log10(Math.max(1, r))).toArray(), 0.1);
        DoubleStream ms = DoubleStream.concat(p.measuredAt().stream().mapToDouble(Prediction.Point::ms),
                DoubleStream.of(p.ms(), p.limitMs(), p.limitMs() / 10));
        y = domain(ms.map(v -> Math.log10(Math.max(FLOOR_MS, v))).toArray(), 0.2);
    }

    /** The chart of {@code p} with its caption; nothing when there is no prediction. */
    static void write(Html h, Prediction p) {
        if (p == null || p.measuredAt().isEmpty()) {
            return;
        }
        h.open("figure", "class", "zd-predict");
        h.raw(new PredictionChart(p).svg());
        h.el("figcaption", caption(p));
        h.close("figure");
    }

    static String caption(Prediction p) {
        List<String> at = new ArrayList<>();
        p.measuredAt().forEach(m -> at.add(Text.duration(m.ms()) + " at " + dev.zerodown.config.Text.number(m.rows())));
        return "Measured (\u25CF) " + String.join(", ", at) + " rows; " + p.fitName() + " fit"
                + ("constant".equals(p.fit()) ? "" : String.format(Locale.ROOT, " (R\u00B2 %.2f)", p.r2()))
                + "; predicted (\u25C6) " + Text.duration(p.ms()) + " at " + dev.zerodown.config.Text.number(p.rows())
                + " rows of " + p.table() + "; maxLockWait " + Text.duration(p.limitMs())
                + " (dashed) and a tenth of it (dotted). Both axes are logarithmic.";
    }

    private String svg() {
        Svg s = new Svg();
        s.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "zd-predict-chart", "viewBox",
                "0 0 " + Svg.n(W) + " " + Svg.n(H), "width", Svg.n(W), "height", Svg.n(H), "role", "img",
                "aria-label", "Duration against rows: measured, fitted and predicted at production size");
        double limitY = py(p.limitMs());
        s.empty("rect", "class", "zd-pc-over", "x", LEFT, "y", TOP, "width", W - LEFT - RIGHT, "height",
                Math.max(0, limitY - TOP));
        axes(s);
        s.empty("line", "class", "zd-pc-limit", "x1", LEFT, "x2", W - RIGHT, "y1", limitY, "y2", limitY);
        s.text("maxLockWait " + Text.duration(p.limitMs()), "class", "zd-pc-limit-label", "x", LEFT + 4,
                "y", limitY - 3);
        double tenthY = py(p.limitMs() / 10);
        s.empty("line", "class", "zd-pc-tenth", "x1", LEFT, "x2", W - RIGHT, "y1", tenthY, "y2", tenthY);
        long measuredMax = p.largest().rows();
        long measuredMin = p.measuredAt().get(0).rows();
        s.empty("polyline", "class", "zd-pc-fit", "points", curve(measuredMin, measuredMax));
        if (p.rows() > measuredMax || p.rows() < measuredMin) {
            s.empty("polyline", "class", "zd-pc-extra", "points", p.rows() > measuredMax ? curve(measuredMax, p.rows())
                    : curve(p.rows(), measuredMin));
        }
        for (Prediction.Point m : p.measuredAt()) {
            s.open("circle", "class", "zd-pc-measured", "cx", px(m.rows()), "cy", py(m.ms()), "r", 3.5)
                    .title("measured " + Text.duration(m.ms()) + " at " + dev.zerodown.config.Text.number(m.rows())
                            + " rows").close("circle");
        }
        double cx = px(p.rows());
        double cy = py(p.ms());
        String verdict = p.ms() >= p.limitMs() ? "zd-pc-error" : p.ms() < p.limitMs() / 10 ? "zd-pc-harmless"
                : "zd-pc-between";
        s.open("path", "class", "zd-pc-predicted " + verdict, "d", "M" + Svg.n(cx) + " " + Svg.n(cy - 6) + "l6 6l-6 6l-6 -6z")
                .title("predicted " + Text.duration(p.ms()) + " at " + dev.zerodown.config.Text.number(p.rows())
                        + " rows").close("path");
        boolean right = cx > (LEFT + W - RIGHT) / 2;
        s.text("predicted " + Text.duration(p.ms()), "class", "zd-pc-label", "x", right ? cx + 6 : cx - 6,
                "y", cy - 9, "text-anchor", right ? "end" : "start");
        return s.close("svg").toString();
    }

    private void axes(Svg s) {
        double bottom = H - BOTTOM;
        for (double t : ticks(x)) {
            double tx = LEFT + (t - x[0]) / (x[1] - x[0]) * (W - LEFT - RIGHT);
            s.empty("line", "class", "zd-pc-grid", "x1", tx, "x2", tx, "y1", TOP, "y2", bottom);
            s.text(rows(Math.pow(10, t)), "class", "zd-pc-tick", "x", tx, "y", bottom + 13, "text-anchor", "middle");
        }
        for (double t : ticks(y)) {
            double ty = bottom - (t - y[0]) / (y[1] - y[0]) * (bottom - TOP);
            s.empty("line", "class", "zd-pc-grid", "x1", LEFT, "x2", W - RIGHT, "y1", ty, "y2", ty);
            s.text(ms(Math.pow(10, t)), "class", "zd-pc-tick", "x", LEFT - 4, "y", ty + 3, "text-anchor", "end");
        }
        s.empty("rect", "class", "zd-pc-frame", "x", LEFT, "y", TOP, "width", W - LEFT - RIGHT, "height", bottom - TOP);
        s.text("rows of " + p.table() + " (log)", "class", "zd-pc-axis", "x", (LEFT + W - RIGHT) / 2, "y", H - 6,
                "text-anchor", "middle");
        s.text("ms (log)", "class", "zd-pc-axis", "x", 12, "y", (TOP + bottom) / 2, "text-anchor", "middle",
                "transform", "rotate(-90 12 " + Svg.n((TOP + bottom) / 2) + ")");
    }

    /** The fit from {@code from} to {@code to} rows, log-spaced, as polyline points. */
    private String curve(long from, long to) {
        StringBuilder b = new StringBuilder();
        double a = Math.log10(Math.max(1, from));
        double z = Math.log10(Math.max(1, to));
        for (int i = 0; i <= SAMPLES; i++) {
            long n = Math.round(Math.pow(10, a + (z - a) * i / SAMPLES));
            b.append(i == 0 ? "" : " ").append(Svg.n(px(n))).append(',').append(Svg.n(py(p.at(n))));
        }
        return b.toString();
    }

    private double px(long rows) {
        return LEFT + (Math.log10(Math.max(1, rows)) - x[0]) / (x[1] - x[0]) * (W - LEFT - RIGHT);
    }

    /** The y of {@code ms}, kept inside the plot (a fit falling to 0 ms runs along its bottom). */
    private double py(double ms) {
        double v = Math.min(y[1], Math.max(y[0], Math.log10(Math.max(FLOOR_MS, ms))));
        return H - BOTTOM - (v - y[0]) / (y[1] - y[0]) * (H - BOTTOM - TOP);
    }

    /**
     * {@code [lo, hi]} in log10 units: at least one decade wide, padded by a tenth of it below and
     * {@code top} of it above (room for the predicted point's label, which sits above the point).
     */
    static double[] domain(double[] logs, double top) {
        double lo = DoubleStream.of(logs).min().orElse(0);
        double hi = DoubleStream.of(logs).max().orElse(1);
        if (hi - lo < 1) {
            double mid = (lo + hi) / 2;
            lo = mid - 0.5;
            hi = mid + 0.5;
        }
        return new double[] {lo - (hi - lo) / 10, hi + (hi - lo) * top};
    }

    /** Tick positions (log10): every decade, every other one past seven, with 2 and 5 when under two decades. */
    static List<Double> ticks(double[] d) {
        List<Double> out = new ArrayList<>();
        int step = d[1] - d[0] > 7 ? 2 : 1;
        for (int k = (int) Math.floor(d[0]); k <= Math.ceil(d[1]); k++) {
            for (double m : d[1] - d[0] < 2 ? new double[] {1, 2, 5} : new double[] {1}) {
                double t = k + Math.log10(m);
                if (t >= d[0] && t <= d[1] && (m != 1 || Math.floorMod(k, step) == 0)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** {@code 500}, {@code 2k}, {@code 10M}, {@code 1B}. */
    static String rows(double v) {
        long n = Math.round(v);
        String[] units = {"", "k", "M", "B", "T"};
        int u = 0;
        double r = n;
        while (r >= 1000 && u < units.length - 1) {
            r /= 1000;
            u++;
        }
        return (r == Math.rint(r) ? String.valueOf((long) r) : String.format(Locale.ROOT, "%.1f", r)) + units[u];
    }

    /** {@code 0.01 ms}, {@code 5 ms}, {@code 2 s}, {@code 100 s}, {@code 17 min}, {@code 2.8 h}. */
    static String ms(double v) {
        if (v < 1) {
            return String.format(Locale.ROOT, "%s ms", new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v))
                    .stripTrailingZeros().toPlainString());
        }
        if (v < 1000) {
            return Math.round(v) + " ms";
        }
        double sec = v / 1000;
        if (sec < 1000) {
            return (sec == Math.rint(sec) ? String.valueOf((long) sec) : String.format(Locale.ROOT, "%.1f", sec)) + " s";
        }
        double min = sec / 60;
        return min < 120 ? Math.round(min) + " min" : String.format(Locale.ROOT, "%.1f h", min / 60);
    }
}
