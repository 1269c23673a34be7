package dev.zerodown.assertj.error;

import dev.zerodown.hazards.HazardId;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** An expected hazard was not found. */
@API(status = API.Status.INTERNAL)
public final class ShouldHaveHazard extends TransitionMessage {
    private ShouldHaveHazard(String message) {
        super(message);
    }

    public static TransitionMessage shouldHaveHazard(TransitionResult actual, HazardId id) {
        return new ShouldHaveHazard("Expected hazard <" + id + "> in <" + actual.name() + ">, but it had: "
                + ids(actual.hazards()));
    }
}
