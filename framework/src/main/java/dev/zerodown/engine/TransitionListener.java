package dev.zerodown.engine;

import dev.zerodown.result.TransitionResult;
import org.apiguardian.api.API;

/** Hears each transition's result as soon as it is judged. */
@API(status = API.Status.STABLE)
@FunctionalInterface
public interface TransitionListener {
    TransitionListener NONE = (major, index, result) -> { };

    void transitionFinished(int major, int index, TransitionResult result);
}
