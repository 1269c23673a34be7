package dev.zerodown.profile;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How a profile is captured.
 *
 * @param captureValues    also store most-common values and histogram bounds (row values!)
 * @param maxQueries       at most this many statements of the query mix
 * @param callCoverage     keep the most-called statements until they cover this fraction of calls
 * @param statementTimeout {@code statement_timeout} of every capture query
 */
@API(status = API.Status.EXPERIMENTAL)
public record CaptureOptions(boolean captureValues, int maxQueries, double callCoverage, Duration statementTimeout) {

    public static final int DEFAULT_MAX_QUERIES = 200;

    public CaptureOptions {
        if (maxQueries < 0) {
            throw new IllegalArgumentException("maxQueries must be >= 0: " + maxQueries);
        }
        if (callCoverage <= 0 || callCoverage > 1) {
            throw new IllegalArgumentException("callCoverage must be in (0, 1]: " + callCoverage);
        }
    }

    /** No values, 200 statements covering 95 % of calls, 10 s per query. */
    public static CaptureOptions defaults() {
        return new CaptureOptions(false, DEFAULT_MAX_QUERIES, 0.95, Duration.ofSeconds(10));
    }

    public CaptureOptions withCaptureValues(boolean values) {
        return new CaptureOptions(values, maxQueries, callCoverage, statementTimeout);
    }

    public CaptureOptions withMaxQueries(int max) {
        return new CaptureOptions(captureValues, max, callCoverage, statementTimeout);
    }
}
