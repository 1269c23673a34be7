package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import dev.zerodown.migrations.MigrationStep;

/**
 * Runs a step's attempts: with {@code lockTimeout} set, a step that hit the lock timeout (55P03) is
 * retried up to {@code lockRetries} times with exponential backoff, as migration runners do — the
 * whole step when it runs in one transaction, else from the statement that failed (the earlier ones
 * are committed).
 */
final class Attempts {
    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 2_000;

    private Attempts() {
    }

    /** Runs until success, a non-retryable failure, no retries left, or the timeout; returns the discarded attempts. */
    static List<StatementRecord> run(StepRun run, MigrationStep step, TransactionMode mode, Watchdog dog,
                                     TraceSettings settings, Connection migration) throws SQLException {
        List<StatementRecord> retried = new ArrayList<>();
        int from = 0;
        for (int attempt = 0; ; attempt++) {
            try {
                if (mode == TransactionMode.TRANSACTION) {
                    run.inTransaction(step.statements());
                } else {
                    run.autocommit(step.statements(), from);
                }
            } catch (SQLException e) {
                if (!dog.fired() && !connectionLost(run, migration)) {
                    throw e;
                }
                leaveTransaction(migration);
            }
            StatementRecord last = lastFailed(run);
            if (dog.fired() || last == null || !retryable(last, settings) || attempt >= settings.lockRetries()) {
                return retried;
            }
            from = run.retryFrom(last);
            retried.addAll(run.discardFailedAttempt(mode == TransactionMode.TRANSACTION));
            if (!sleep(backoffMs(attempt + 1), dog)) {
                return retried;
            }
        }
    }

    /** 100 ms, 200 ms, 400 ms … at most 2 s. */
    static long backoffMs(int retry) {
        return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(20, retry - 1));
    }

    private static boolean retryable(StatementRecord r, TraceSettings settings) {
        return settings.lockTimeout() != null && "55P03".equals(r.sqlState());
    }

    /**
     * True when a statement failed and took the migration's connection with it (its backend was terminated,
     * 57P01): that failure is the step's result (migration-failed), not a broken environment.
     */
    private static boolean connectionLost(StepRun run, Connection migration) throws SQLException {
        return lastFailed(run) != null && migration.isClosed();
    }

    private static StatementRecord lastFailed(StepRun run) {
        List<StatementRecord> rs = run.records();
        StatementRecord last = rs.isEmpty() ? null : rs.get(rs.size() - 1);
        return last != null && last.failed() ? last : null;
    }

    private static boolean sleep(long ms, Watchdog dog) {
        long until = System.nanoTime() + ms * 1_000_000;
        try {
            while (!dog.fired() && System.nanoTime() < until) {
                Thread.sleep(Math.min(20, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !dog.fired();
    }

    private static void leaveTransaction(Connection migration) {
        try {
            if (!migration.getAutoCommit()) {
                migration.rollback();
                migration.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the backend is gone after the timeout: nothing to roll back
        }
    }
}
