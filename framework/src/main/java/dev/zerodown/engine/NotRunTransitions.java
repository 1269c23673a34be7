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
 * {@code migration-failed} step) become {@link NotRunTransition}s naming why, beside those it left out on
 * purpose (a repeatable script unchanged since the database's Flyway history recorded it), in plan order.
 */
final class NotRunTransitions {
    private NotRunTransitions() {
    }

    /** {@code result} with every planned transition that did not run listed as not run, in plan order. */
    static RunResult account(RolloutPlan plan, RunResult result) {
        List<PlannedTransition> planned = plan.transitions();
        java.util.Set<String> ran = new java.util.HashSet<>();
        result.transitions().forEach(t -> ran.add(t.name()));
        java.util.Map<String, NotRunTransition> leftOut = new java.util.HashMap<>();
        result.notRun().forEach(t -> leftOut.put(t.name(), t));
        if (ran.size() + leftOut.size() >= planned.size()) {
            return result;
        }
        String reason = reason(result);
        List<NotRunTransition> notRun = new ArrayList<>();
        for (PlannedTransition t : planned) {
            if (leftOut.containsKey(t.name())) {
                notRun.add(leftOut.get(t.name()));
            } else if (!ran.contains(t.name())) {
                notRun.add(new NotRunTransition(t.name(), t.step() == null ? null : t.step().fileName(), t.kind(),
                        t.live(), t.canaries(), reason));
            }
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
