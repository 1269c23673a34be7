package dev.zerodown.examples;

import java.time.Duration;

/**
 * How far a measured lock wait must sit above the {@code maxLockWait} threshold before a test
 * relies on it. A noisy CI machine moves waits by tens of milliseconds, never by a factor of ten:
 * a test that asserts {@code blocked-requests} makes the statement block for at least ten times
 * the threshold. (The other side: safe steps are catalog-only, concurrent or batched, so their
 * waits stay far below the threshold; the default checks of every transition enforce it.)
 */
public final class Margins {
    private Margins() {
    }

    /** Shortest wait that proves a blocking statement is caught at this threshold: ten times it. */
    public static Duration blockingWait(Duration maxLockWait) {
        return maxLockWait.multipliedBy(10);
    }
}
