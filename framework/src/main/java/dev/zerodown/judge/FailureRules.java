package dev.zerodown.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.Durations;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.result.Timeline;
import dev.zerodown.trace.Blockers;
import dev.zerodown.trace.LockModes;
import dev.zerodown.trace.StatementRecord;
import dev.zerodown.trace.StepEnding;
import dev.zerodown.trace.StepFacts;
import dev.zerodown.trace.TransactionMode;

/**
 * {@code migration-failed} (a statement or the COMMIT failed, the step timed out, a mixed script was
 * refused) and {@code lock-queue} when the step timeout cancelled a statement that waited for a lock.
 */
final class FailureRules {
    private static final Map<String, String> EXPLANATIONS = Map.ofEntries(
            Map.entry("23502", "existing rows hold NULL where NULL is no longer allowed; backfill them first"),
            Map.entry("23514", "existing rows violate the CHECK constraint; fix them first, or add it NOT VALID and validate after the cleanup"),
            Map.entry("23503", "existing rows reference rows that do not exist (orphans); delete or fix them first, or add the foreign key NOT VALID"),
            Map.entry("23505", "existing rows hold duplicate keys for the unique index; remove the duplicates first"),
            Map.entry("23P01", "existing rows conflict under the exclusion constraint"),
            Map.entry("25001", "the statement cannot run inside a transaction block; put it in a migration of its own (a script of only such statements runs outside a transaction) or set executeInTransaction=false"),
            Map.entry("2D000", "the statement ends or starts a transaction, which it cannot do here"),
            Map.entry("55P03", "the statement gave up waiting for its lock (lock_timeout)"),
            Map.entry("55P04", "a new enum value cannot be used in the transaction that added it; add the value in an earlier migration"),
            Map.entry("42601", "syntax error: check that this PostgreSQL major supports the syntax"),
            Map.entry("57014", "the statement was cancelled (statement_timeout or a cancel request)"),
            Map.entry("40P01", "a deadlock with another transaction aborted the statement"));

    private FailureRules() {
    }

    /** {@code startMs}: when the step began (a refused step ran nothing and ends then). */
    static void apply(StepFacts f, StepEnding e, Findings out, long startMs) {
        if (e.refused()) {
            refused(f, out, startMs);
            return;
        }
        List<StatementRecord> rs = f.records();
        StatementRecord last = rs.isEmpty() ? null : rs.get(rs.size() - 1);
        if (e.timedOut()) {
            timedOut(f, e, out, last);
        } else if (last != null && last.failed()) {
            failed(f, e, out, last);
        } else if (e.commitError() != null && last != null) {
            out.add(HazardId.MIGRATION_FAILED, null, last.statement(),
                    "The COMMIT of " + f.step().fileName() + " failed (" + e.commitError() + "); the step was rolled back.",
                    "COMMIT failed: " + e.commitError(), last.endMs());
        }
    }

    private static void failed(StepFacts f, StepEnding e, Findings out, StatementRecord r) {
        String why = EXPLANATIONS.get(r.sqlState());
        String attempts = e.retried().isEmpty() ? "" : "; " + (e.retried().size() + 1) + " attempts, earlier ones: "
                + String.join(", ", e.retried().stream().map(x -> out.where(x.statement()) + " " + x.sqlState()
                + " after " + (x.endMs() - x.startMs()) + " ms").toList());
        String waits = e.waitsDuring(r);
        out.add(HazardId.MIGRATION_FAILED, null, r.statement(),
                out.where(r.statement()) + " failed with SQLState " + r.sqlState() + ": " + r.error()
                        + (why == null ? "" : " (" + why + ")") + "; the step " + (r.inBlock() ? "was rolled back" : "stopped") + ".",
                "SQLState " + r.sqlState() + ": " + r.error() + "; ran " + (r.endMs() - r.startMs()) + " ms; lock_timeout "
                        + LockRules.timeout(r.lockTimeoutMs()) + waits + attempts,
                r.endMs());
    }

    private static void refused(StepFacts f, Findings out, long startMs) {
        MigrationStep step = f.step();
        SqlStatement s = TransactionMode.offender(step);
        List<Integer> tx = step.statements().stream().filter(SqlStatement::transactional).map(SqlStatement::line).toList();
        List<Integer> non = step.statements().stream().filter(x -> !x.transactional()).map(SqlStatement::line).toList();
        out.add(HazardId.MIGRATION_FAILED, null, s, out.where(s) + " " + TransactionMode.refusal(step) + ".",
                "non-transactional statements at lines " + non + "; transactional statements at lines " + tx
                        + "; mixed=false; nothing ran", startMs);
    }

    private static void timedOut(StepFacts f, StepEnding e, Findings out, StatementRecord r) {
        Duration timeout = f.settings().stepTimeout();
        SqlStatement s = r == null ? null : r.statement();
        String where = s == null ? f.step().fileName() : out.where(s);
        Blockers b = e.blockers();
        if (b != null && b.waiting() && b.relation() != null) {
            // only a wait for a table lock queues requests behind it; a CONCURRENTLY build waiting for old
            // transactions (virtualxid) blocks nobody and ends as a timeout below
            out.add(HazardId.LOCK_QUEUE, b.relation(), s,
                    where + " waited for " + b.waitingFor() + " behind another transaction until the step timeout ("
                            + Durations.format(timeout) + ") cancelled it; every request needing that lock queued behind it.",
                    b.describe() + "; step timeout " + Durations.format(timeout) + "; lock_timeout "
                            + (r == null ? "unknown" : LockRules.timeout(r.lockTimeoutMs())),
                    e.firedAtMs());
            if (r != null && r.lockTimeoutMs() == 0 && b.mode() != null && LockModes.strong(b.mode()) && b.relation() != null) {
                out.add(HazardId.MISSING_LOCK_TIMEOUT, b.relation(), s,
                        where + " requested " + b.mode() + " on " + b.relation()
                                + " with lock_timeout unset and queued behind another transaction instead of giving up.",
                        "lock_timeout = 0 when the statement was sent; " + b.describe(), r.startMs());
            }
            return;
        }
        out.add(HazardId.MIGRATION_FAILED, null, s,
                where + " was still running when the step timeout (" + Durations.format(timeout) + ") passed and was cancelled.",
                "step timed out after " + Durations.format(timeout) + (b == null ? "" : "; " + b.describe())
                        + (r == null ? "" : e.waitsDuring(r)),
                e.firedAtMs());
    }
}
