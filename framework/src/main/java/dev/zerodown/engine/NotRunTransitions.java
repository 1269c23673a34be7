package dev.zerodown.engine;

import java.util.ArrayList;
import java.util.List;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.plan.PlannedTransition;
import dev.zerodown.plan.RolloutPlan;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;

/**
 * Accounts for every transition of the plan: those the run never reached (it stops after a
 * {@code migration-failed} step) become {@link NotRunTransition}s naming why.
 */
final class NotRunTransitions {
    private NotRunTransitions() {
    }

    /** {@code result} with the planned transitions after its last one listed as not run. */
    static RunResult account(RolloutPlan plan, RunResult result) {
        List<PlannedTransition> planned = plan.transitions();
        int ran = result.transitions().size();
        if (ran >= planned.size()) {
            return result;
        }
        String reason = reason(result);
        List<NotRunTransition> notRun = new ArrayList<>();
        for (PlannedTransition t : planned.subList(ran, planned.size())) {
            notRun.add(new NotRunTransition(t.name(), t.step() == null ? null : t.step().fileName(), t.kind(),
                    t.live(), t.canaries(), reason));
        }
        return result.withNotRun(notRun);
    }

    private static String reason(RunResult result) {
        if (result.transitions().isEmpty()) {
            return "the run stopped before its first transition";
        }
        TransitionResult last = result.transitions().get(result.transitions().size() - 1);
        boolean failed = !last.hazards(HazardId.MIGRATION_FAILED).isEmpty();
        String what = failed ? (last.step() == null ? "'" + last.name() + "'" : last.step()) + " failed ("
                + HazardId.MIGRATION_FAILED.id() + ")" : "the run stopped after '" + last.name() + "'";
        return failed ? what + ": the rollout stops at a failed step (the release is stuck); fix it and run again"
                : what;
    }
}
