package dev.zerodown.trace;

import java.util.List;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.result.Timeline;
import org.apiguardian.api.API;

/**
 * What one traced step did, as measured: no hazards (those are judged from it by
 * {@code dev.zerodown.judge.StepJudge}).
 *
 * @param step       the step
 * @param backendPid the migration connection's backend
 * @param startMs    when the step began (ms since the run started)
 * @param endMs      when it ended (committed or rolled back)
 * @param failed     true when the step did not complete (a statement failed, timeout, refused mixed script)
 * @param statements one span per statement run, in order; a statement retried after a lock timeout
 *                   appears once per attempt, the failed attempts with their error
 * @param holds      relation locks held on pre-existing relations, per (relation, mode), with the
 *                   file and line of the statement that first took it
 * @param diff       what the committed step changed (empty when rolled back)
 * @param facts      everything measured per statement, the input of the step's rules; null for a
 *                   trace built by hand
 */
@API(status = API.Status.EXPERIMENTAL)
public record StepTrace(MigrationStep step, int backendPid, long startMs, long endMs, boolean failed,
                        List<Timeline.StatementSpan> statements, List<Timeline.LockHold> holds, CatalogDiff diff,
                        StepFacts facts) {
    public StepTrace {
        statements = List.copyOf(statements);
        holds = List.copyOf(holds);
    }

    public long durationMs() {
        return endMs - startMs;
    }
}
