package dev.zerodown.assertj.error;

import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** An invariant was expected to return rows and held. */
@API(status = API.Status.INTERNAL)
public final class ShouldViolateInvariant extends TransitionMessage {
    private ShouldViolateInvariant(String message) {
        super(message);
    }

    public static TransitionMessage shouldViolateInvariant(TransitionResult actual, String name) {
        return new ShouldViolateInvariant("Expected invariant <" + name + "> to be violated in <" + actual.name()
                + ">, but it held");
    }
}
