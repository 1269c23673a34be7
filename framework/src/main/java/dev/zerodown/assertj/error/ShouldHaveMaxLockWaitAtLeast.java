package dev.zerodown.assertj.error;

import java.time.Duration;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** No wait on the migration was as long as expected (a blocking step went unseen). */
@API(status = API.Status.INTERNAL)
public final class ShouldHaveMaxLockWaitAtLeast extends TransitionMessage {
    private ShouldHaveMaxLockWaitAtLeast(String message) {
        super(message);
    }

    public static TransitionMessage shouldHaveMaxLockWaitAtLeast(TransitionResult actual, Duration limit, long longestMs) {
        return new ShouldHaveMaxLockWaitAtLeast("Expected a lock wait on the migration of at least " + limit.toMillis()
                + "ms in <" + actual.name() + ">, but the longest was " + longestMs + "ms");
    }
}
