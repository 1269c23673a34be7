package dev.zerodown.assertj.error;

import java.util.List;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** The transition was expected safe; lists its blocking hazards. */
@API(status = API.Status.INTERNAL)
public final class ShouldBeSafe extends TransitionMessage {
    private ShouldBeSafe(String message) {
        super(message);
    }

    public static TransitionMessage shouldBeSafe(TransitionResult actual) {
        List<Hazard> blocking = actual.hazards().stream().filter(Hazard::blocking).toList();
        return new ShouldBeSafe("Expected transition <" + actual.name() + "> to be safe, but it is unsafe:" + NL
                + describe(blocking));
    }
}
