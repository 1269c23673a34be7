package dev.zerodown.result;

import java.util.List;
import org.apiguardian.api.API;

/**
 * How long a statement's lock would be held at production size: the statement re-run on scratch
 * clones of the seeded baseline with the table at three sizes, duration fitted against rows, and the
 * fit read at the production profile's row count.
 *
 * @param table      the schema-qualified table whose rows were varied
 * @param rows       the table's rows in the production profile
 * @param ms         the predicted duration at {@code rows}, in milliseconds
 * @param fit        {@code linear}, {@code nlogn} (n·log n, tried for statements that sort rows into an
 *                   index) or {@code constant} (the duration did not grow with the rows measured)
 * @param r2         the fit's coefficient of determination over the measured points (0 to 1)
 * @param measuredAt the measured points, fewest rows first
 */
@API(status = API.Status.STABLE)
public record Prediction(String table, long rows, double ms, String fit, double r2, List<Point> measuredAt) {

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
}
