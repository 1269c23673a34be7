package dev.zerodown.load;

import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Traffic;
import dev.zerodown.result.VersionStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What one version did in one measuring window; written by its client threads concurrently. */
final class WindowStats {
    /** Distinct (SQLState, statement) groups kept per window; further ones are counted under {@link #OTHER}. */
    static final int MAX_GROUPS = 100;
    static final String OTHER = "(other statements)";

    private final long startNanos;
    private final LongAdder ok = new LongAdder();
    private final LongAdder expected = new LongAdder();
    private final Map<GroupKey, Group> groups = new ConcurrentHashMap<>();
    /** Latencies are kept in µs up to one hour; longer ones count as one hour. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder latency = new Recorder(1, HIGHEST_MICROS, 3);
    private final Histogram accumulated = new Histogram(1, HIGHEST_MICROS, 3);
    private volatile long stopNanos;

    private record GroupKey(String sqlState, String statement) {
    }

    private static final class Group {
        final LongAdder count = new LongAdder();
        final String sample;

        Group(String sample) {
            this.sample = sample;
        }
    }

    WindowStats(long startNanos) {
        this.startNanos = startNanos;
    }

    void recordOk(long latencyNanos) {
        latency.recordValue(micros(latencyNanos));
        ok.increment();
    }

    void recordExpected(long latencyNanos) {
        latency.recordValue(micros(latencyNanos));
        expected.increment();
    }

    void recordFailed(long latencyNanos, Failures.Failure f) {
        latency.recordValue(micros(latencyNanos));
        GroupKey key = new GroupKey(f.sqlState(), f.statement());
        Group g = groups.get(key);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS) {
                key = new GroupKey(f.sqlState(), OTHER);
            }
            g = groups.computeIfAbsent(key, k -> new Group(f.message()));
        }
        g.count.increment();
    }

    void stoppedAt(long nanos) {
        stopNanos = nanos;
    }

    /** The stats so far; {@code migrationWaits} and {@code maxMigrationWaitMs} are left 0 for the engine. */
    synchronized VersionStats snapshot(String version, Traffic traffic, boolean canary, long nowNanos) {
        accumulated.add(latency.getIntervalHistogram());
        long okCount = ok.sum();
        long expectedCount = expected.sum();
        Map<String, Long> byState = new TreeMap<>();
        List<FailureGroup> failures = new ArrayList<>();
        groups.forEach((k, g) -> {
            long n = g.count.sum();
            byState.merge(k.sqlState(), n, Long::sum);
            failures.add(new FailureGroup(k.sqlState(), k.statement(), n, g.sample));
        });
        // the groups are the one count of failures, so failed, failuresBySqlState and failures always agree
        long failedCount = failures.stream().mapToLong(FailureGroup::count).sum();
        long total = okCount + failedCount + expectedCount;
        long end = stopNanos != 0 ? stopNanos : nowNanos;
        double seconds = Math.max(1, end - startNanos) / 1e9;
        failures.sort(Comparator.comparingLong(FailureGroup::count).reversed()
                .thenComparing(FailureGroup::sqlState).thenComparing(FailureGroup::statement));
        boolean any = accumulated.getTotalCount() > 0;
        return new VersionStats(version, total, okCount, failedCount, expectedCount, byState, failures,
                any ? ms(accumulated.getValueAtPercentile(50)) : 0,
                any ? ms(accumulated.getValueAtPercentile(99)) : 0,
                any ? ms(accumulated.getMaxValue()) : 0,
                total / seconds, 0, 0, traffic.synthetic(), canary, traffic);
    }

    static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }
}
