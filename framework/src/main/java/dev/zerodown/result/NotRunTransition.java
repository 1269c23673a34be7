package dev.zerodown.result;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A transition of the rollout that never ran, because the run stopped before it (a step failed:
 * {@code migration-failed}, the release is stuck). Reports list it as {@code not-run} with the reason, so
 * every planned transition is accounted for.
 *
 * @param name           as for a {@link TransitionResult}: {@code V3__backfill under [v2]}
 * @param step           the step's file name with {@code .sql}; null for a deploy
 * @param liveVersions   the versions that would have been live, in deploy order
 * @param canaryVersions retired versions that would have kept running (rollback check)
 * @param reason         one line: why it did not run
 */
@API(status = API.Status.STABLE)
public record NotRunTransition(String name, String step, TransitionKind kind, List<String> liveVersions,
                               List<String> canaryVersions, String reason) {
    /** The status reports give it, beside {@code safe} and {@code unsafe}. */
    public static final String STATUS = "not-run";

    public NotRunTransition {
        liveVersions = List.copyOf(liveVersions);
        canaryVersions = List.copyOf(canaryVersions);
    }
}
