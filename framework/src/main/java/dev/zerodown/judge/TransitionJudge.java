package dev.zerodown.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.plan.PlannedTransition;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.result.VersionStats;
import dev.zerodown.settings.Settings;
import dev.zerodown.trace.StepTrace;
import org.apiguardian.api.API;

/**
 * Turns one transition's measurements — the step's trace, request stats, lock waits and invariant
 * checks — into hazards and a verdict. The configured severities are applied here, once, to every
 * hazard of the transition.
 */
@API(status = API.Status.INTERNAL)
public final class TransitionJudge {
    /**
     * A sampler pause longer than this during a transition makes its wait figures incomplete: a wait
     * shorter than the pause may have gone unseen (the sampler's precision holds within one interval
     * while it keeps up; see docs/lock-sampler.md).
     */
    public static final double SAMPLER_GAP_WARNING_MS = 20;

    private final Settings settings;
    private final LockMonitor monitor;

    public TransitionJudge(Settings settings, LockMonitor monitor) {
        this.settings = settings;
        this.monitor = monitor;
    }

    /** The result of transition {@code t}, measured from {@code start} to {@code end} ms; {@code trace} is null for a deploy. */
    public TransitionResult judge(PlannedTransition t, StepTrace trace, Map<String, VersionStats> raw,
                           List<InvariantResult> invariants, List<Timeline.LoadPoint> load, long start, long end) {
        List<Timeline.LockWait> waits = monitor.waits(start, end);
        double gapMs = monitor.maxGapMs(start, end);
        Map<String, VersionStats> stats = withMigrationWaits(raw, waits);
        List<Hazard> hazards = new ArrayList<>();
        if (trace != null) {
            hazards.addAll(HazardRules.withTraffic(trace, StepJudge.hazards(trace), waits, settings.maxLockWait()));
        }
        for (String v : t.running()) {
            VersionStats s = stats.get(v);
            boolean canary = t.canaries().contains(v);
            if (s != null && s.total() == 0 && s.traffic().idle()) {
                continue; // synthetic traffic that knows no usable table yet: the report says it idled
            }
            if (s == null || s.total() == 0) {
                hazards.add(hazard(HazardId.FAILED_REQUESTS, v + " made no request during this transition",
                        "no vacuous pass: a live version must serve traffic; check clients, rate and that its"
                                + " requests do not hang", start));
                continue;
            }
            if (s.failed() > 0) {
                hazards.add(hazard(canary ? HazardId.BACKWARD_INCOMPATIBLE : HazardId.FAILED_REQUESTS,
                        (canary ? "canary " : "") + v + ": " + s.failed() + " of " + Text.count(s.total(), "request") + " failed"
                                + (canary ? " (rolling back to it would break)" : ""),
                        failures(s.failures()), start));
                if (trace != null && !canary) {
                    hazards.addAll(HazardRules.forStep(HazardRules.backwardIncompatible(trace.diff(), v, s.failures()), trace.step()));
                }
            }
        }
        for (InvariantResult r : invariants) {
            if (!r.holds()) {
                hazards.add(hazard(HazardId.INVARIANT_VIOLATED, "invariant '" + r.name() + "' returned "
                        + Text.count(r.discrepancies(), "row"), "sample: " + r.sample(), r.atMs()));
            }
        }
        List<Hazard> effective = Hazards.withSeverities(hazards, settings.severities()).stream()
                .filter(h -> h.severity() != Severity.OFF)
                .toList();
        Verdict verdict = effective.stream().anyMatch(Hazard::blocking) ? Verdict.UNSAFE : Verdict.SAFE;
        Timeline timeline = new Timeline(trace == null ? List.of() : trace.statements(),
                trace == null ? List.of() : trace.holds(), waits, load);
        return new TransitionResult(t.name(), t.step() == null ? null : t.step().fileName(), t.kind(), t.live(),
                t.canaries(), verdict, effective, stats, invariants, start, end, timeline, gapMs, samplerWarnings(gapMs));
    }

    /** The warning a sampler gap of {@code gapMs} during a transition earns: none up to {@value #SAMPLER_GAP_WARNING_MS} ms. */
    public static List<String> samplerWarnings(double gapMs) {
        if (!(gapMs > SAMPLER_GAP_WARNING_MS)) {
            return List.of();
        }
        return List.of("wait figures may be incomplete: the sampler paused " + Math.round(gapMs) + " ms (more than "
                + Math.round(SAMPLER_GAP_WARNING_MS) + " ms without a sample of pg_locks; a wait shorter than that"
                + " may have gone unseen)");
    }

    private static Map<String, VersionStats> withMigrationWaits(Map<String, VersionStats> raw, List<Timeline.LockWait> waits) {
        Map<String, VersionStats> out = new LinkedHashMap<>();
        raw.forEach((v, s) -> {
            List<Timeline.LockWait> mine = waits.stream().filter(w -> w.causedByMigration() && v.equals(w.who())).toList();
            double max = mine.stream().mapToLong(Timeline.LockWait::durationMs).max().orElse(0);
            out.put(v, new VersionStats(s.version(), s.total(), s.ok(), s.failed(), s.expectedErrors(),
                    s.failuresBySqlState(), s.failures(), s.p50Ms(), s.p99Ms(), s.maxMs(), s.throughputPerSec(),
                    mine.size(), max, s.synthetic(), s.canary(), s.traffic()));
        });
        return out;
    }

    private static String failures(List<FailureGroup> groups) {
        return groups.stream().limit(5)
                .map(g -> g.sqlState() + " x" + g.count() + " on '" + Text.shortenAscii(Text.oneLine(g.statement()), 80) + "': " + g.sampleMessage())
                .collect(Collectors.joining("; "));
    }

    private static Hazard hazard(HazardId id, String message, String evidence, long atMs) {
        return Hazards.ofTransition(id, message, evidence, atMs);
    }
}
