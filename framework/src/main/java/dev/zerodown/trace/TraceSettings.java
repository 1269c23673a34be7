package dev.zerodown.trace;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How steps are run and judged (settings of the same names in DESIGN.md's contract).
 *
 * @param stepTimeout a step still running after this is cancelled and reported
 * @param lockTimeout applied with {@code SET lock_timeout} on the migration connection; null = unset
 *                    (the engine sets none of its own, so {@code missing-lock-timeout} can be seen)
 * @param lockRetries with {@code lockTimeout} set: how many times a step that hit the lock timeout
 *                    (SQLState 55P03) is retried, with backoff
 * @param batchRows   a transaction writing more rows of a pre-existing table than this (or more than
 *                    half of a pre-existing table of at least 1,000 rows) is {@code unbatched-backfill}
 * @param mixed       allow scripts that mix transactional and non-transactional statements
 *                    (each statement then autocommits, as with Flyway's {@code mixed})
 * @param maxLockWait an application request waiting longer than this on the migration is
 *                    {@code blocked-requests}
 */
@API(status = API.Status.EXPERIMENTAL)
public record TraceSettings(Duration stepTimeout, Duration lockTimeout, int lockRetries, long batchRows, boolean mixed,
                            Duration maxLockWait) {
    public TraceSettings {
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(maxLockWait, "maxLockWait");
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("stepTimeout must be positive, was " + stepTimeout);
        }
        if (lockTimeout != null && (lockTimeout.isNegative() || lockTimeout.isZero())) {
            throw new IllegalArgumentException("lockTimeout must be positive or unset, was " + lockTimeout);
        }
        if (lockRetries < 0) {
            throw new IllegalArgumentException("lockRetries must not be negative, was " + lockRetries);
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1, was " + batchRows);
        }
        if (maxLockWait.isNegative()) {
            throw new IllegalArgumentException("maxLockWait must not be negative, was " + maxLockWait);
        }
    }

    /** 60s step timeout, no lock timeout, no retries, 10,000 rows, mixed off, 100ms. */
    public static TraceSettings defaults() {
        return new TraceSettings(Duration.ofSeconds(60), null, 0, 10_000, false, Duration.ofMillis(100));
    }

    public TraceSettings withStepTimeout(Duration d) {
        return new TraceSettings(d, lockTimeout, lockRetries, batchRows, mixed, maxLockWait);
    }

    public TraceSettings withLockTimeout(Duration d, int retries) {
        return new TraceSettings(stepTimeout, d, retries, batchRows, mixed, maxLockWait);
    }

    public TraceSettings withBatchRows(long rows) {
        return new TraceSettings(stepTimeout, lockTimeout, lockRetries, rows, mixed, maxLockWait);
    }

    public TraceSettings withMixed(boolean allow) {
        return new TraceSettings(stepTimeout, lockTimeout, lockRetries, batchRows, allow, maxLockWait);
    }

    public TraceSettings withMaxLockWait(Duration d) {
        return new TraceSettings(stepTimeout, lockTimeout, lockRetries, batchRows, mixed, d);
    }
}
