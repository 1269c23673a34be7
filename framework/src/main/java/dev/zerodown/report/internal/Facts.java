package dev.zerodown.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Baseline;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.result.VersionStats;
import org.apiguardian.api.API;

/** Figures derived from a run that several reports show the same way. */
@API(status = API.Status.INTERNAL)
public final class Facts {
    private Facts() {
    }

    /** A blocking hazard together with its transition. */
    public record Located(int index, TransitionResult transition, Hazard hazard) {
    }

    /** Every hazard that makes the run unsafe, in transition order. */
    public static List<Located> blocking(RunResult run) {
        List<Located> out = new ArrayList<>();
        for (int i = 0; i < run.transitions().size(); i++) {
            TransitionResult t = run.transitions().get(i);
            for (Hazard h : t.hazards()) {
                if (h.blocking()) {
                    out.add(new Located(i, t, h));
                }
            }
        }
        return out;
    }

    public static long unsafeTransitions(RunResult run) {
        return run.transitions().stream().filter(t -> t.verdict() == Verdict.UNSAFE).count();
    }

    public static long count(RunResult run, Severity severity, boolean acknowledged) {
        return run.transitions().stream().flatMap(t -> t.hazards().stream())
                .filter(h -> h.severity() == severity && h.acknowledged() == acknowledged).count();
    }

    public static long acknowledged(RunResult run) {
        return run.transitions().stream().flatMap(t -> t.hazards().stream()).filter(Hazard::acknowledged).count();
    }

    /** The longest time during the transition without a sample of the lock sampler ({@code 5.4 ms}), or {@code not measured}. */
    public static String samplerGap(TransitionResult t) {
        return Double.isNaN(t.samplerMaxGapMs()) ? "not measured" : Text.duration(t.samplerMaxGapMs());
    }

    /** The lock waits of the transition by who saw them: {@code 3 by the sampler, 1 only in the server's log}. */
    public static String waitsSeen(TransitionResult t) {
        return t.sampledWaits() + " by the sampler, " + t.serverLogWaits() + " only in the server's log";
    }

    /** Longest wait of an application request on the migration (stats or timeline, whichever saw more). */
    public static double maxLockWaitMs(TransitionResult t) {
        double fromTimeline = t.timeline() == null ? 0 : t.timeline().lockWaits().stream()
                .filter(w -> w.causedByMigration() && !"migration".equals(w.who()))
                .mapToLong(Timeline.LockWait::durationMs).max().orElse(0);
        return Math.max(t.maxMigrationWaitMs(), fromTimeline);
    }

    /** Versions of a transition in report order: live (deploy order), canary, then any other, sorted. */
    public static List<String> versions(TransitionResult t) {
        Set<String> order = new LinkedHashSet<>(t.liveVersions());
        order.addAll(t.canaryVersions());
        order.addAll(new TreeSet<>(t.requests().keySet()));
        order.retainAll(t.requests().keySet());
        return List.copyOf(order);
    }

    /** Every version of the run in order of first appearance. */
    public static List<String> versions(RunResult run) {
        Set<String> order = new LinkedHashSet<>();
        for (TransitionResult t : run.transitions()) {
            order.addAll(t.liveVersions());
            order.addAll(t.canaryVersions());
            order.addAll(new TreeSet<>(t.requests().keySet()));
            if (t.timeline() != null) {
                t.timeline().load().forEach(p -> order.add(p.version()));
            }
        }
        return List.copyOf(order);
    }

    public static long ok(TransitionResult t) {
        return t.requests().values().stream().mapToLong(VersionStats::ok).sum();
    }

    public static long failed(TransitionResult t) {
        return t.requests().values().stream().mapToLong(VersionStats::failed).sum();
    }

    /** Start and end of the whole run on its clock. */
    public static long[] span(RunResult run) {
        long start = run.transitions().stream().mapToLong(TransitionResult::startMs).min().orElse(0);
        long end = run.transitions().stream().mapToLong(TransitionResult::endMs).max().orElse(start + 1);
        return new long[] {start, Math.max(end, start + 1)};
    }

    /** {@code 1 warning}, {@code 2 warnings}. */
    public static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /**
     * The counts line every report shows: unsafe transitions, errors, warnings, acknowledged, and the
     * transitions that never ran when there are any.
     */
    public static String counts(RunResult run, String separator) {
        return unsafeTransitions(run) + " of " + run.transitions().size() + " transitions unsafe" + separator
                + plural(count(run, Severity.ERROR, false), "error") + separator
                + plural(count(run, Severity.WARNING, false), "warning") + separator
                + acknowledged(run) + " acknowledged"
                + (run.notRun().isEmpty() ? "" : separator + run.notRun().size() + " not run");
    }

    /**
     * How the run's database got to the baseline, in one phrase: {@code baseline (1 step) and seed reused from
     * zd_seed_… (saved on disk by an earlier run)}, or {@code … prepared in 812 ms}.
     */
    public static String baseline(Baseline b) {
        String what = "baseline (" + plural(b.steps(), "step") + ") and seed ";
        if (b.reused()) {
            return what + "reused from " + b.template() + " ("
                    + (b.fromDisk() ? "saved on disk by an earlier run" : "prepared by an earlier run") + ")";
        }
        return what + "prepared in " + b.millis() + " ms" + (b.template() == null ? "" : " as " + b.template());
    }

    /** Live versions as a person writes them: {@code v1, v2}. */
    public static String live(TransitionResult t) {
        return String.join(", ", t.liveVersions());
    }
}
