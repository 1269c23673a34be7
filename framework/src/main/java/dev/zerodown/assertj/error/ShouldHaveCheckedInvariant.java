package dev.zerodown.assertj.error;

import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** An assertion named an invariant that was not active in the transition. */
@API(status = API.Status.INTERNAL)
public final class ShouldHaveCheckedInvariant extends TransitionMessage {
    private ShouldHaveCheckedInvariant(String message) {
        super(message);
    }

    public static TransitionMessage shouldHaveCheckedInvariant(TransitionResult actual, String name) {
        return new ShouldHaveCheckedInvariant("Expected invariant <" + name + "> to be checked in <" + actual.name()
                + ">, but only " + actual.invariants().stream().map(InvariantResult::name).toList() + " were active");
    }
}
