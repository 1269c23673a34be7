package dev.zerodown.assertj.error;

import java.util.List;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** A hazard was found that was expected absent; each one is described. */
@API(status = API.Status.INTERNAL)
public final class ShouldNotHaveHazard extends TransitionMessage {
    private ShouldNotHaveHazard(String message) {
        super(message);
    }

    public static TransitionMessage shouldNotHaveHazard(TransitionResult actual, HazardId id, List<Hazard> found) {
        return new ShouldNotHaveHazard("Expected no hazard <" + id + "> in <" + actual.name() + ">, but found:" + NL
                + describe(found));
    }
}
