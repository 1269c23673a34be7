package dev.zerodown.plan;

import java.util.List;
import java.util.Map;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.result.TransitionKind;
import org.apiguardian.api.API;

/**
 * One validated transition of a rollout.
 *
 * @param name     contract name: {@code V3__backfill under [v2]} or {@code deploy v3 under [v2, v3]}
 * @param step     the migrated step; null for a deploy
 * @param deployed the deployed version; null for a migrate
 * @param live     live versions during the transition, in deploy order
 * @param canaries retired versions still running (rollback check)
 * @param apps     the factory of every version in {@code live} and {@code canaries}
 * @param longTransaction a long transaction in the way of this step, or null
 */
@API(status = API.Status.INTERNAL)
public record PlannedTransition(String name, TransitionKind kind, MigrationStep step, String deployed,
                                List<String> live, List<String> canaries, Map<String, AppVersionFactory> apps,
                                RolloutEvent.LongTransaction longTransaction) {
    public PlannedTransition {
        live = List.copyOf(live);
        canaries = List.copyOf(canaries);
        apps = Map.copyOf(apps);
    }

    /** Every version that serves traffic during this transition. */
    public List<String> running() {
        List<String> all = new java.util.ArrayList<>(live);
        all.addAll(canaries);
        return all;
    }
}
