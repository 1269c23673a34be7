package dev.zerodown.trace;

import java.util.List;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.result.Timeline;

/** The run's clock and the lock sampler's view, as the tracer needs them. */
interface LockSource {
    long nowMs();

    void migrationPid(int pid);

    List<Timeline.LockHold> holds(int pid, long fromMs, long toMs);

    List<Timeline.LockWait> waits(long fromMs, long toMs);

    /** The lock sampler's clock, holds and waits. */
    static LockSource of(LockMonitor monitor) {
        return new LockSource() {
            @Override
            public long nowMs() {
                return monitor.nowMs();
            }

            @Override
            public void migrationPid(int pid) {
                monitor.migrationPid(pid);
            }

            @Override
            public List<Timeline.LockHold> holds(int pid, long fromMs, long toMs) {
                return monitor.holds(pid, fromMs, toMs);
            }

            @Override
            public List<Timeline.LockWait> waits(long fromMs, long toMs) {
                return monitor.waits(fromMs, toMs);
            }
        };
    }

    /** No sampler: a clock from {@code originNanos}, no sampled holds or waits. */
    static LockSource clockOnly(long originNanos) {
        return new LockSource() {
            @Override
            public long nowMs() {
                return (System.nanoTime() - originNanos) / 1_000_000;
            }

            @Override
            public void migrationPid(int pid) {
                // nothing samples
            }

            @Override
            public List<Timeline.LockHold> holds(int pid, long fromMs, long toMs) {
                return List.of();
            }

            @Override
            public List<Timeline.LockWait> waits(long fromMs, long toMs) {
                return List.of();
            }
        };
    }
}
