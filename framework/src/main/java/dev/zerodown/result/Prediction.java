package dev.zerodown.result;

import java.util.List;
import org.apiguardian.api.API;

/**
 * How long a statement's lock would be held at production size: the statement re-run on scratch
 * clones of the seeded baseline with the table at three sizes, duration fitted against rows, and the
 * fit read at the production profile's row count.
 *
 * @param table         the schema-qualified table whose rows were varied
 * @param rows          the table's rows in the production profile
 * @param ms            the predicted duration at {@code rows}, in milliseconds
 * @param limitMs       {@code maxLockWait}, which the prediction was judged against, in milliseconds
 * @param fit           {@code linear}, {@code nlogn} (n·log n, tried for statements that sort rows into an
 *                      index) or {@code constant} (the duration did not grow with the rows measured)
 * @param intercept     the fit's {@code a} in {@code ms = a + b·x}, where {@code x} is the rows ({@code linear}),
 *                      rows·ln rows ({@code nlogn}) or absent ({@code constant}: {@code ms = a})
 * @param slope         the fit's {@code b}, ms per unit of {@code x} (0 for {@code constant})
 * @param r2            the fit's coefficient of determination over the measured points (0 to 1)
 * @param measuredAt    the measured points, fewest rows first
 */
@API(status = API.Status.STABLE)
public record Prediction(String table, long rows, double ms, double limitMs, String fit, double intercept,
                         double slope, double r2, List<Point> measuredAt) {

    /** One measurement: the statement took {@code ms} with {@code rows} rows in the table. */
    public record Point(long rows, double ms) {
    }

    public Prediction {
        measuredAt = List.copyOf(measuredAt);
    }

    /** The point with the most rows (the seeded size). */
    public Point largest() {
        return measuredAt.get(measuredAt.size() - 1);
    }

    /** {@code n·log n} or {@code linear}, as the evidence writes it. */
    public String fitName() {
        return "nlogn".equals(fit) ? "n·log n" : fit;
    }

    /** The fitted duration at {@code n} rows, in ms, never below zero ({@link #ms()} is this at {@link #rows()}, rounded). */
    public double at(long n) {
        double x = Math.max(1, n);
        return Math.max(0, intercept + slope * ("nlogn".equals(fit) ? x * Math.log(x) : x));
    }
}
