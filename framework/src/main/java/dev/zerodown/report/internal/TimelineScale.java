package dev.zerodown.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps the run's clock (ms) to x coordinates and picks round tick marks. */
record TimelineScale(long start, long end, double left, double width) {
    private static final long[] STEPS = {50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
        60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000};

    TimelineScale {
        if (end <= start) {
            end = start + 1;
        }
    }

    double x(long ms) {
        return left + (Math.min(Math.max(ms, start), end) - start) * width / (end - start);
    }

    /** Width of a span, never less than 2 so that a 5 ms wait in a 10 minute run still shows. */
    double w(long from, long to) {
        return Math.max(2, x(to) - x(from));
    }

    List<Long> ticks() {
        long range = end - start;
        long step = STEPS[STEPS.length - 1];
        for (long s : STEPS) {
            if (range / s <= 12) {
                step = s;
                break;
            }
        }
        List<Long> ticks = new ArrayList<>();
        for (long t = (long) Math.ceil(start / (double) step) * step; t <= end; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    static String label(long ms) {
        if (ms % 1000 == 0) {
            long s = ms / 1000;
            return s >= 600 && s % 60 == 0 ? (s / 60) + " min" : s + " s";
        }
        return String.format(Locale.ROOT, ms % 100 == 0 ? "%.1f s" : "%.2f s", ms / 1000.0);
    }
}
