package dev.zerodown.assertj.error;

import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** An assertion named a version that did not run in the transition. */
@API(status = API.Status.INTERNAL)
public final class ShouldServeTraffic extends TransitionMessage {
    private ShouldServeTraffic(String message) {
        super(message);
    }

    public static TransitionMessage shouldServeTraffic(TransitionResult actual, String version) {
        return new ShouldServeTraffic("Expected version <" + version + "> to serve traffic in <" + actual.name()
                + ">, but the versions were " + actual.requests().keySet());
    }
}
