package dev.zerodown.assertj;

import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** Entry point: {@code assertThat(result).hasNoFailedRequests().hasMaxLockWaitBelow(ofMillis(50))}. */
@API(status = API.Status.STABLE)
public final class ZerodownAssertions {
    private ZerodownAssertions() {
    }

    public static TransitionResultAssert assertThat(TransitionResult actual) {
        return new TransitionResultAssert(actual);
    }
}
