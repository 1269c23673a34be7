package dev.zerodown.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.zerodown.config.Text;
import dev.zerodown.engine.CompatibilityRun.RunOutcome;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.settings.FailOn;
import org.apiguardian.api.API;

/** Turns the verdicts into the build result; {@code failOn} decides only that, never the reports. */
@API(status = API.Status.INTERNAL)
public final class BuildVerdict {
    private final FailOn failOn;
    private final CheckLog log;

    public BuildVerdict(FailOn failOn, CheckLog log) {
        this.failOn = failOn;
        this.log = log;
    }

    /**
     * The build failure's message when the results and {@code failOn} call for one; otherwise logs one
     * line per run (a warning for an unsafe run that {@code failOn=never} lets pass) and returns empty.
     */
    public Optional<String> conclude(List<RunOutcome> outcomes) {
        return concludeVerdicts(outcomes.stream().map(o -> RunVerdict.of(o.result())).toList());
    }

    /** {@link #conclude(List)} over verdicts (a merge reads them from the shards' manifests). */
    public Optional<String> concludeVerdicts(List<RunVerdict> verdicts) {
        Optional<String> failure = failureOf(verdicts, failOn);
        if (failure.isPresent()) {
            return failure;
        }
        for (RunVerdict r : verdicts) {
            if (r.verdict() == Verdict.UNSAFE) {
                log.warn("Zerodown: " + r.name() + " is unsafe on PostgreSQL " + r.postgresVersion()
                        + " (see the report); the build succeeds because failOn=" + failOn.id());
            } else {
                log.info("Zerodown: " + r.name() + " is safe on PostgreSQL " + r.postgresVersion() + " ("
                        + r.transitions() + " transitions)");
            }
        }
        return Optional.empty();
    }

    /** The build failure's message, if the results and {@code failOn} call for one. */
    public static Optional<String> failure(List<RunResult> results, FailOn failOn) {
        return failureOf(results.stream().map(RunVerdict::of).toList(), failOn);
    }

    private static Optional<String> failureOf(List<RunVerdict> verdicts, FailOn failOn) {
        if (failOn == FailOn.NEVER) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (RunVerdict r : verdicts) {
            if (r.verdict() == Verdict.UNSAFE) {
                r.failureText().ifPresent(parts::add);
            } else if (failOn == FailOn.WARNING) {
                r.warningsText().ifPresent(parts::add);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", parts));
    }

    /** Every unacknowledged warning of a safe run, for {@code failOn=warning}. */
    static Optional<String> warnings(RunResult r) {
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (TransitionResult t : r.transitions()) {
            for (Hazard h : t.hazards()) {
                if (h.severity() == Severity.WARNING && !h.acknowledged()) {
                    count++;
                    b.append("\n  - ").append(t.name()).append(": ").append(h.id().id());
                    if (!h.where().isEmpty()) {
                        b.append(" at ").append(h.where());
                    }
                    if (h.message() != null) {
                        b.append(": ").append(Text.oneLine(h.message()));
                    }
                }
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of("Zerodown: " + r.name() + " is safe on PostgreSQL " + r.postgresVersion() + " but has "
                + count + " warning-level hazard" + (count == 1 ? "" : "s") + ", and failOn=warning:" + b
                + "\nSet failOn=error to fail only on unsafe runs, or acknowledge a hazard on its statement"
                + " (-- zerodown:allow <id>: <reason>).");
    }
}
