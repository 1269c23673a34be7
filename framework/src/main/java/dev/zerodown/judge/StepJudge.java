package dev.zerodown.judge;

import java.util.List;
import dev.zerodown.result.Hazard;
import dev.zerodown.trace.CatalogDiff;
import dev.zerodown.trace.StepFacts;
import dev.zerodown.trace.StepTrace;
import org.apiguardian.api.API;

/**
 * The hazards one traced step shows without traffic: locks, rewrites, validating scans, index
 * builds, backfills, destroyed data and failures, judged from what {@code StepExecutor} measured.
 * At default severity (see {@link Hazards#withSeverities}), acknowledgements applied, by line.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class StepJudge {
    private StepJudge() {
    }

    /** The hazards of {@code trace}; none for a trace without measurements. */
    public static List<Hazard> hazards(StepTrace trace) {
        StepFacts f = trace.facts();
        if (f == null) {
            return List.of();
        }
        Findings out = new Findings(f.step());
        CatalogDiff diff = trace.diff();
        if (!f.ending().refused()) {
            LockRules.apply(f, out);
            RewriteRules.apply(f, out);
            ScanRules.apply(f, out);
            IndexRules.apply(f, out);
            BackfillRules.apply(f, out);
            DestructiveRules.apply(f, diff, out);
        }
        FailureRules.apply(f, f.ending(), out, trace.startMs());
        return out.list();
    }
}
