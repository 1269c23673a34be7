package dev.zerodown.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import dev.zerodown.result.Prediction.Point;
import org.junit.jupiter.api.Test;

class PredictFitTest {

    @Test
    void should_fit_durations_that_grow_linearly_with_rows() {
        Fit f = Fit.best(List.of(new Point(1_000, 12), new Point(3_000, 32), new Point(10_000, 102)), false);

        assertThat(f.kind()).isEqualTo(Fit.LINEAR);
        assertThat(f.r2()).isCloseTo(1.0, within(1e-9));
        assertThat(f.at(1_000_000)).isCloseTo(10_002, within(1e-6));
    }

    @Test
    void should_keep_the_n_log_n_fit_for_an_index_build_when_it_fits_better() {
        List<Point> sorted = List.of(pt(2_000), pt(6_667), pt(20_000));

        Fit f = Fit.best(sorted, true);

        assertThat(f.kind()).isEqualTo(Fit.NLOGN);
        assertThat(f.r2()).isGreaterThan(Fit.of(Fit.LINEAR, sorted).r2());
        assertThat(f.at(58_000_000)).isCloseTo(1e-3 * 58_000_000 * Math.log(58_000_000) + 1, within(1e-3));
    }

    @Test
    void should_not_extrapolate_noise_of_a_statement_that_does_not_grow_with_the_table() {
        Fit f = Fit.best(List.of(new Point(2_000, 0.28), new Point(6_667, 0.26), new Point(20_000, 0.34)), true);

        assertThat(f.kind()).isEqualTo(Fit.CONSTANT);
        assertThat(f.at(58_000_000)).isCloseTo(0.293, within(0.001));
        assertThat(f.r2()).isZero();
    }

    private static Point pt(long n) {
        return new Point(n, 1 + 1e-3 * n * Math.log(n));
    }
}
