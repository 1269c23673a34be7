package dev.zerodown.assertj.error;

import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;
import org.apiguardian.api.API;

/** A version was expected to fail with a SQLState and did not. */
@API(status = API.Status.INTERNAL)
public final class ShouldHaveFailedRequests extends TransitionMessage {
    private ShouldHaveFailedRequests(String message) {
        super(message);
    }

    public static TransitionMessage shouldHaveFailedRequests(TransitionResult actual, VersionStats stats, String sqlState) {
        return new ShouldHaveFailedRequests("Expected version <" + stats.version() + "> to fail with SQLState " + sqlState
                + " in <" + actual.name() + ">, but its failures were " + stats.failuresBySqlState());
    }
}
