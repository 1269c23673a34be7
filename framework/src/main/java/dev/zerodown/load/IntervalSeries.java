package dev.zerodown.load;

import dev.zerodown.result.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** One version's requests per short interval (about 100 ms) for the timeline; flushed by the driver's ticker. */
final class IntervalSeries {
    private final String version;
    private final Recorder latency = new Recorder(1, WindowStats.HIGHEST_MICROS, 2);
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final List<Timeline.LoadPoint> points = new ArrayList<>();
    private Histogram recycled;

    IntervalSeries(String version) {
        this.version = version;
    }

    void record(long latencyMicros, boolean failure) {
        latency.recordValue(latencyMicros);
        (failure ? failed : ok).increment();
    }

    /** Closes the current interval at {@code atMs} (ms since the run started). */
    synchronized void flush(long atMs) {
        recycled = latency.getIntervalHistogram(recycled);
        long okCount = ok.sumThenReset();
        long failedCount = failed.sumThenReset();
        boolean any = recycled.getTotalCount() > 0;
        points.add(new Timeline.LoadPoint(version, atMs, okCount, failedCount,
                any ? WindowStats.ms(recycled.getValueAtPercentile(50)) : 0,
                any ? WindowStats.ms(recycled.getValueAtPercentile(99)) : 0));
    }

    /** Points whose interval ended in [fromMs, toMs]. */
    synchronized List<Timeline.LoadPoint> between(long fromMs, long toMs) {
        List<Timeline.LoadPoint> out = new ArrayList<>();
        for (Timeline.LoadPoint p : points) {
            if (p.atMs() >= fromMs && p.atMs() <= toMs) {
                out.add(p);
            }
        }
        return out;
    }
}
