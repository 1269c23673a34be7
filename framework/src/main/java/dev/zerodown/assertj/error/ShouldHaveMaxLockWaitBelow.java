package dev.zerodown.assertj.error;

import java.time.Duration;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** A request waited on the migration for the limit or longer. */
@API(status = API.Status.INTERNAL)
public final class ShouldHaveMaxLockWaitBelow extends TransitionMessage {
    private ShouldHaveMaxLockWaitBelow(String message) {
        super(message);
    }

    public static TransitionMessage shouldHaveMaxLockWaitBelow(TransitionResult actual, Duration limit, Timeline.LockWait w) {
        return new ShouldHaveMaxLockWaitBelow("Expected every lock wait on the migration in <" + actual.name() + "> below "
                + limit.toMillis() + "ms, but " + w.who() + " waited " + w.durationMs() + "ms for " + w.mode() + " on "
                + w.relation() + " (blocked by pids " + w.blockers() + "; query: " + w.query() + ")");
    }
}
