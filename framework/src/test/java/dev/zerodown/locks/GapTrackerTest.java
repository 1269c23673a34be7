package dev.zerodown.locks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GapTrackerTest {
    private static final long MS = 1_000_000L;

    @Test
    void should_give_the_longest_gap_clipped_to_the_window() {
        GapTracker g = new GapTracker(10);
        for (long t : new long[] {0, 5, 10, 15, 55, 60, 65}) {
            g.onSample(t * MS);
        }

        assertThat(g.maxGap(0, 65 * MS, 65 * MS)).isEqualTo(40 * MS);
        assertThat(g.maxGap(0, 12 * MS, 65 * MS)).isEqualTo(5 * MS);
        assertThat(g.maxGap(40 * MS, 65 * MS, 65 * MS)).as("clipped at the window's start").isEqualTo(15 * MS);
        assertThat(g.maxGap(20 * MS, 30 * MS, 65 * MS)).as("inside one gap").isEqualTo(10 * MS);
    }

    @Test
    void should_count_the_time_since_the_last_sample() {
        GapTracker g = new GapTracker(10);
        g.onSample(0);
        g.onSample(5 * MS);

        assertThat(g.maxGap(0, 100 * MS, 100 * MS)).isEqualTo(95 * MS);
        assertThat(g.maxGap(0, 100 * MS, 30 * MS)).as("up to now only").isEqualTo(25 * MS);
    }

    @Test
    void should_keep_long_gaps_older_than_the_ring() {
        GapTracker g = new GapTracker(10);
        long t = 0;
        g.onSample(t);
        t += 300 * MS;
        g.onSample(t);
        for (int i = 0; i < GapTracker.RECENT + 10; i++) {
            t += MS;
            g.onSample(t);
        }

        assertThat(g.maxGap(0, 301 * MS, t)).isEqualTo(300 * MS);
        assertThat(g.maxGap(302 * MS, 305 * MS, t)).as("a window older than the ring sees its long gaps only")
                .isEqualTo(0);
        assertThat(g.maxGap(t - 50 * MS, t, t)).isEqualTo(MS);
    }

    @Test
    void should_give_zero_before_any_sample() {
        assertThat(new GapTracker(10).maxGap(0, 100 * MS, 100 * MS)).isZero();
    }
}
