package dev.zerodown.assertj.error;

import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** The transition was expected unsafe; names the hazards it had. */
@API(status = API.Status.INTERNAL)
public final class ShouldBeUnsafe extends TransitionMessage {
    private ShouldBeUnsafe(String message) {
        super(message);
    }

    public static TransitionMessage shouldBeUnsafe(TransitionResult actual) {
        return new ShouldBeUnsafe("Expected transition <" + actual.name() + "> to be unsafe, but it is safe (hazards: "
                + ids(actual.hazards()) + ")");
    }
}
