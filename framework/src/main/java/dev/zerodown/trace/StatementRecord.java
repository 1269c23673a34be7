package dev.zerodown.trace;

import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.Timeline;
import org.apiguardian.api.API;

/**
 * What was measured around one statement.
 *
 * @param index         position in the step (0-based)
 * @param txn           index of the transaction it ran in, or -1 when it ran outside a transaction block
 * @param startMs       when it was sent
 * @param endMs         when it returned
 * @param sqlState      SQLState when it failed, else null
 * @param error         the error message when it failed, else null
 * @param lockTimeoutMs {@code lock_timeout} in effect when it was sent (0 = none), -1 if unknown
 * @param locksAfter    relation locks the backend held right after it (inside a transaction block), else null
 * @param sampled       relation locks the sampler saw the backend hold while it ran
 * @param catalog       the catalog as the migration saw it right after, null when unreadable (aborted transaction)
 * @param delta         rows written and scans started per table by this statement; null when not measured
 * @param emptied       pre-existing tables that got new storage and were left without rows by this statement
 */
@API(status = API.Status.INTERNAL)
public record StatementRecord(int index, SqlStatement statement, int txn, long startMs, long endMs, String sqlState, String error,
                       long lockTimeoutMs, Set<Probes.HeldLock> locksAfter, List<Timeline.LockHold> sampled,
                       Catalog catalog, Map<Long, Probes.Counters> delta, Set<Long> emptied) {

    public boolean failed() {
        return sqlState != null;
    }

    public boolean inBlock() {
        return txn >= 0;
    }

    public int line() {
        return statement.line();
    }
}
