package dev.zerodown.result;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What happened when, for the HTML timeline. Times are ms since the run started.
 */
@API(status = API.Status.STABLE)
public record Timeline(List<StatementSpan> statements, List<LockHold> lockHolds, List<LockWait> lockWaits,
                       List<LoadPoint> load) {
    public Timeline {
        statements = List.copyOf(statements);
        lockHolds = List.copyOf(lockHolds);
        lockWaits = List.copyOf(lockWaits);
        load = List.copyOf(load);
    }

    public static Timeline empty() {
        return new Timeline(List.of(), List.of(), List.of(), List.of());
    }

    /** One migration statement: {@code error} is the SQLState and message when it failed. */
    public record StatementSpan(String file, int line, String sql, long startMs, long endMs, String error) {
    }

    /** A relation lock the migration held (mode as in pg_locks, such as AccessExclusiveLock). */
    public record LockHold(String relation, String mode, long startMs, long endMs, String file, int line) {
    }

    /**
     * A backend that waited on a lock.
     *
     * @param who               app version name, {@code migration}, or the application_name seen
     * @param blockers          pids that blocked it (directly or through the lock queue)
     * @param causedByMigration true when the migration's backend was in the blocking chain
     */
    public record LockWait(int pid, String who, String relation, String mode, List<Integer> blockers,
                           boolean causedByMigration, long startMs, long endMs, String query) {
        public LockWait {
            blockers = List.copyOf(blockers);
        }

        public long durationMs() {
            return endMs - startMs;
        }
    }

    /** Requests of one version completed in one interval ending at {@code atMs}. */
    public record LoadPoint(String version, long atMs, long ok, long failed, double p50Ms, double p99Ms) {
    }
}
