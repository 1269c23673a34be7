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
        List<Timeline.LockWait> sampled = monitor.waits(start, end);
        double gapMs = monitor.maxGapMs(start, end);
        List<Timeline.LockWait> logged = monitor.serverLogWaits(start, end);
        List<Timeline.LockWait> waits = withServerLog(sampled, logged);
        int logOnly = waits.size() - sampled.size();
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
                t.canaries(), verdict, effective, stats, invariants, start, end, timeline, gapMs, sampled.size(), logOnly,
                samplerWarnings(gapMs, monitor.serverLogAvailable(), logOnly));
    }

    /** The warning a sampler gap of {@code gapMs} during a transition earns: none up to {@value #SAMPLER_GAP_WARNING_MS} ms. */
    public static List<String> samplerWarnings(double gapMs) {
        return samplerWarnings(gapMs, false, 0);
    }

    /**
     * The warning a sampler gap earns, saying whether the server's log of lock waits filled it and how many
     * waits only the log saw.
     */
    public static List<String> samplerWarnings(double gapMs, boolean serverLog, int serverLogOnly) {
        if (!(gapMs > SAMPLER_GAP_WARNING_MS)) {
            return List.of();
        }
        String filled = serverLog
                ? "; the server's log of lock waits filled the gap for waits of 10 ms or more ("
                        + Text.count(serverLogOnly, "wait") + " seen only there), shorter ones may be missing"
                : "; a wait shorter than that may have gone unseen";
        return List.of("wait figures may be incomplete: the sampler paused " + Math.round(gapMs) + " ms (more than "
                + Math.round(SAMPLER_GAP_WARNING_MS) + " ms without a sample of pg_locks" + filled + ")");
    }

    /** How far apart (ms) a sampled wait and a logged one of the same backend and mode may be and still be the same. */
    static final long SAME_WAIT_SLACK_MS = 20;

    /**
     * The sampled waits, each lengthened to the server's log of the same wait (same backend, same mode,
     * overlapping give or take {@value #SAME_WAIT_SLACK_MS} ms) where the log saw more of it, then every
     * logged wait the sampler did not see: attributed the same way, they count like sampled ones.
     */
    public static List<Timeline.LockWait> withServerLog(List<Timeline.LockWait> sampled, List<Timeline.LockWait> logged) {
        List<Timeline.LockWait> out = new ArrayList<>(sampled.size() + logged.size());
        List<Timeline.LockWait> unmatched = new ArrayList<>(logged);
        for (Timeline.LockWait s : sampled) {
            Timeline.LockWait match = null;
            for (Timeline.LockWait l : unmatched) {
                if (l.pid() == s.pid() && l.mode().equals(s.mode()) && l.startMs() <= s.endMs() + SAME_WAIT_SLACK_MS
                        && s.startMs() <= l.endMs() + SAME_WAIT_SLACK_MS) {
                    match = l;
                    break;
                }
            }
            if (match == null) {
                out.add(s);
                continue;
            }
            unmatched.remove(match);
            out.add(new Timeline.LockWait(s.pid(), s.who(), s.relation(), s.mode(), s.blockers(), s.causedByMigration(),
                    Math.min(s.startMs(), match.startMs()), Math.max(s.endMs(), match.endMs()), s.query()));
        }
        out.addAll(unmatched);
        return out;
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
