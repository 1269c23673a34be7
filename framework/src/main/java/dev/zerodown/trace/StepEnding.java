package dev.zerodown.trace;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.result.Timeline;
import org.apiguardian.api.API;

/**
 * How a step ended, beyond its statement records: measured, not judged.
 *
 * @param refused        true when a mixed script was refused and nothing ran
 * @param timedOut       true when the step timeout cancelled the step
 * @param blockers       what the migration waited for when the timeout fired, or null
 * @param firedAtMs      when the timeout fired
 * @param commitError    the error of a COMMIT that failed (deferred constraints), or null
 * @param retried        the records of attempts that failed and were retried
 * @param migrationWaits the lock waits the sampler saw the migration backend in
 */
@API(status = API.Status.INTERNAL)
public record StepEnding(boolean refused, boolean timedOut, Blockers blockers, long firedAtMs, String commitError,
                         List<StatementRecord> retried, List<Timeline.LockWait> migrationWaits) {
    public StepEnding {
        retried = List.copyOf(retried);
        migrationWaits = List.copyOf(migrationWaits);
    }

    /** A refused step: nothing ran. */
    static StepEnding refusal() {
        return new StepEnding(true, false, null, -1, null, List.of(), List.of());
    }

    /** What the sampler saw the migration wait for while {@code r} ran, or an empty string. */
    public String waitsDuring(StatementRecord r) {
        List<String> out = new ArrayList<>();
        for (Timeline.LockWait w : migrationWaits) {
            if (w.startMs() <= r.endMs() && w.endMs() >= r.startMs()) {
                out.add("waited " + w.durationMs() + " ms for " + w.mode() + " on " + w.relation() + ", blocked by pids "
                        + w.blockers());
            }
        }
        return out.isEmpty() ? "" : "; " + String.join("; ", out);
    }
}
