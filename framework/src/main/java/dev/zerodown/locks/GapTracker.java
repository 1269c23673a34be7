package dev.zerodown.locks;

import java.util.ArrayDeque;

/**
 * When the samples were taken, so that the longest blind spell of the sampler inside any window (a
 * transition) can be told afterwards. The last {@value #RECENT} sample times are kept in a ring (about 5
 * minutes at 200 samples/s); every gap of at least {@value #LONG_GAP_MS} ms is also kept on its own (up
 * to a cap), so a long pause is never forgotten however long the run. A window older than the ring sees
 * only its long gaps. All times are nanoseconds since the run's origin. Not thread-safe: the monitor
 * guards it.
 */
final class GapTracker {
    static final int RECENT = 1 << 16;
    static final long LONG_GAP_MS = 10;
    private static final long LONG_GAP_NANOS = LONG_GAP_MS * 1_000_000L;

    private final long[] times = new long[RECENT];
    private final int maxLong;
    private final ArrayDeque<long[]> longGaps = new ArrayDeque<>();
    private long count;

    GapTracker(int maxLong) {
        this.maxLong = maxLong;
    }

    /** A successful sample at {@code at} (ns since origin), later than the previous one. */
    void onSample(long at) {
        if (count > 0) {
            long previous = times[(int) ((count - 1) % RECENT)];
            if (at - previous >= LONG_GAP_NANOS) {
                if (longGaps.size() == maxLong) {
                    longGaps.removeFirst();
                }
                longGaps.addLast(new long[] {previous, at});
            }
        }
        times[(int) (count % RECENT)] = at;
        count++;
    }

    /**
     * The longest time within [from, to] (ns) during which no sample was taken: each gap between two
     * consecutive samples clipped to the window, and the time since the last sample up to
     * {@code min(to, now)}. 0 when no sample was ever taken (the caller tells "no sample" apart).
     */
    long maxGap(long from, long to, long now) {
        if (count == 0 || to <= from) {
            return 0;
        }
        long max = 0;
        for (long[] g : longGaps) {
            max = Math.max(max, clipped(g[0], g[1], from, to));
        }
        long last = times[(int) ((count - 1) % RECENT)];
        max = Math.max(max, clipped(last, Math.min(to, now), from, to));
        long oldest = Math.max(0, count - RECENT);
        for (long i = count - 1; i > oldest; i--) {
            long b = times[(int) (i % RECENT)];
            if (b <= from) {
                break;
            }
            long a = times[(int) ((i - 1) % RECENT)];
            max = Math.max(max, clipped(a, b, from, to));
        }
        return max;
    }

    private static long clipped(long a, long b, long from, long to) {
        return Math.max(0, Math.min(b, to) - Math.max(a, from));
    }
}
