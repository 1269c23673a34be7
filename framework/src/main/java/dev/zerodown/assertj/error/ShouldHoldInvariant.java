package dev.zerodown.assertj.error;

import dev.zerodown.config.Text;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** An invariant returned rows. */
@API(status = API.Status.INTERNAL)
public final class ShouldHoldInvariant extends TransitionMessage {
    private ShouldHoldInvariant(String message) {
        super(message);
    }

    public static TransitionMessage shouldHoldInvariant(TransitionResult actual, InvariantResult r) {
        return new ShouldHoldInvariant("Expected invariant <" + r.name() + "> to hold in <" + actual.name()
                + ">, but it returned " + Text.count(r.discrepancies(), "row") + ", e.g. " + r.sample());
    }
}
