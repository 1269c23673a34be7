package dev.zerodown.examples;

import java.time.Duration;

/**
 * How far a measured lock wait must sit from the {@code maxLockWait} threshold (100 ms by default)
 * before a test relies on it: a transition expected to pass keeps every wait on the migration
 * under a tenth of the threshold, a transition expected to block makes requests wait at least ten
 * times the threshold. A noisy CI machine moves waits by a few milliseconds, never by a factor of ten.
 */
public final class Margins {
    /** The default {@code maxLockWait}; the examples do not change it unless a test says so. */
    public static final Duration MAX_LOCK_WAIT = Duration.ofMillis(100);

    /** Longest wait on the migration a passing transition may show. */
    public static final Duration PASSING_WAIT = MAX_LOCK_WAIT.dividedBy(10);

    private Margins() {
    }

    /** Shortest wait that proves a blocking statement is caught at this threshold. */
    public static Duration blockingWait(Duration maxLockWait) {
        return maxLockWait.multipliedBy(10);
    }
}
