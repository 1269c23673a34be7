package dev.zerodown.predict;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import dev.zerodown.result.Prediction;
import org.apiguardian.api.API;

/** Reads a fit of the measured points at the production row count. */
@API(status = API.Status.INTERNAL)
public final class Predictions {
    private Predictions() {
    }

    /**
     * The prediction for {@code target} at {@code productionRows}, from at least two measured sizes, to be
     * judged against {@code maxLockWait}.
     */
    public static Prediction of(Target target, List<Prediction.Point> measured, long productionRows,
                                Duration maxLockWait) {
        List<Prediction.Point> points = measured.stream().sorted(Comparator.comparingLong(Prediction.Point::rows)).toList();
        Fit fit = Fit.best(points, target.sortsRows());
        return new Prediction(target.qualifiedTable(), productionRows, round(fit.at(productionRows)),
                maxLockWait.toNanos() / 1e6, fit.kind(), fit.intercept(), fit.slope(),
                Math.round(fit.r2() * 1000) / 1000.0, points);
    }

    static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
