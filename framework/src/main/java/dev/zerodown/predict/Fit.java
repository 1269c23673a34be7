package dev.zerodown.predict;

import java.util.Comparator;
import java.util.List;
import dev.zerodown.result.Prediction;

/**
 * Least squares of duration against rows: {@code ms = a + b·n} ({@code linear}) or
 * {@code ms = a + b·n·ln n} ({@code nlogn}). Durations that do not grow with the table — the largest
 * size under 1.5 times the smallest's, or less than {@value #NOISE_MS} ms above it (a catalog-only
 * change, timer noise) — get the {@code constant} fit: their mean, R² 0, so that noise is not
 * extrapolated a thousandfold.
 *
 * @param kind      {@code linear}, {@code nlogn} or {@code constant}
 * @param intercept {@code a}, ms
 * @param slope     {@code b}, ms per unit of {@code n} (or {@code n·ln n})
 * @param r2        coefficient of determination over the points
 */
record Fit(String kind, double intercept, double slope, double r2) {
    public static final String LINEAR = "linear";
    public static final String NLOGN = "nlogn";
    public static final String CONSTANT = "constant";
    static final double NOISE_MS = 0.5;

    /** The better of the linear fit and, when {@code nlogn}, the n·log n fit (higher R²; linear on a tie). */
    public static Fit best(List<Prediction.Point> points, boolean nlogn) {
        if (!grows(points)) {
            return new Fit(CONSTANT, points.stream().mapToDouble(Prediction.Point::ms).average().orElse(0), 0, 0);
        }
        Fit linear = of(LINEAR, points);
        if (!nlogn) {
            return linear;
        }
        Fit sorted = of(NLOGN, points);
        return sorted.r2 > linear.r2 ? sorted : linear;
    }

    /** The least-squares fit of one kind. */
    public static Fit of(String kind, List<Prediction.Point> points) {
        int n = points.size();
        if (n == 0) {
            throw new IllegalArgumentException("no points to fit");
        }
        double sx = 0;
        double sy = 0;
        for (Prediction.Point p : points) {
            sx += x(kind, p.rows());
            sy += p.ms();
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Prediction.Point p : points) {
            double dx = x(kind, p.rows()) - mx;
            double dy = p.ms() - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        if (slope <= 0) {
            return new Fit(CONSTANT, my, 0, 0);
        }
        double a = my - slope * mx;
        double ssRes = 0;
        for (Prediction.Point p : points) {
            double e = p.ms() - (a + slope * x(kind, p.rows()));
            ssRes += e * e;
        }
        double r2 = syy == 0 ? 1 : Math.max(0, 1 - ssRes / syy);
        return new Fit(kind, a, slope, r2);
    }

    /** True when the duration at the most rows is clearly above the one at the fewest. */
    static boolean grows(List<Prediction.Point> points) {
        Prediction.Point small = points.stream().min(Comparator.comparingLong(Prediction.Point::rows)).orElseThrow();
        Prediction.Point large = points.stream().max(Comparator.comparingLong(Prediction.Point::rows)).orElseThrow();
        return large.rows() > small.rows() && large.ms() >= 1.5 * small.ms() && large.ms() - small.ms() >= NOISE_MS;
    }

    /** The fitted duration at {@code rows}, never below zero. */
    public double at(long rows) {
        return Math.max(0, intercept + slope * x(kind, rows));
    }

    private static double x(String kind, long rows) {
        double n = Math.max(1, rows);
        return NLOGN.equals(kind) ? n * Math.log(n) : n;
    }
}
