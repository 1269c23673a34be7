package dev.zerodown.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.zerodown.config.Text;
import dev.zerodown.hazards.Severities;
import dev.zerodown.hazards.Severity;
import dev.zerodown.predict.Target;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.Prediction;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import org.apiguardian.api.API;

/**
 * Judges the lock hazards of a transition ({@code table-rewrite}, {@code scan-under-lock},
 * {@code non-concurrent-index}, {@code strong-lock}) on the hold predicted at production size: held
 * at least {@code maxLockWait} is an error; below a tenth of it a warning, harmless at production
 * size (unless requests measurably waited on it longer than {@code maxLockWait}); in between the
 * measured severity stands. Configured severities still win. A hazard without
 * a prediction says it was judged at the seeded size, and why.
 */
@API(status = API.Status.INTERNAL)
public final class PredictionRules {
    private PredictionRules() {
    }

    /**
     * {@code result} judged again on {@code predicted}; hazards of targets in {@code unpredicted} (with
     * the reason) and hazards of no target keep their severity.
     */
    public static TransitionResult apply(TransitionResult result, Map<Target, Prediction> predicted,
                                         Map<Target, String> unpredicted, Duration maxLockWait, Severities severities) {
        List<Hazard> out = new ArrayList<>();
        for (Hazard h : result.hazards()) {
            if (!PredictionTargets.PREDICTED.contains(h.id()) || h.line() == null) {
                out.add(h);
                continue;
            }
            Optional<Prediction> p = find(predicted, h);
            Optional<String> why = find(unpredicted, h);
            out.add(p.map(x -> judged(h, x, maxLockWait))
                    .orElseGet(() -> why.map(w -> atSeededSize(h, w)).orElse(h)));
        }
        return with(result, Hazards.withSeverities(out, severities));
    }

    /** {@code result} with every lock hazard saying it was judged at the seeded size, because {@code why}. */
    public static TransitionResult atSeededSize(TransitionResult result, String why) {
        return with(result, result.hazards().stream()
                .map(h -> PredictionTargets.PREDICTED.contains(h.id()) && h.line() != null ? atSeededSize(h, why) : h)
                .toList());
    }

    private static Hazard atSeededSize(Hazard h, String why) {
        return h.withPrediction(h.severity(), "", "; judged at the seeded size: " + why, null);
    }

    static Hazard judged(Hazard h, Prediction p, Duration maxLockWait) {
        double limit = maxLockWait.toMillis();
        Prediction.Point seeded = p.largest();
        String evidence = "; measured " + ms(seeded.ms()) + " at " + Text.number(seeded.rows()) + " rows; predicted "
                + ms(p.ms()) + " at " + Text.number(p.rows()) + " rows (" + p.fitName() + " fit, R² "
                + String.format(Locale.ROOT, "%.2f", p.r2()) + "); measured at " + points(p);
        if (p.ms() >= limit) {
            return h.withPrediction(Severity.ERROR, " At production size (" + Text.number(p.rows()) + " rows of "
                    + p.table() + ") it is predicted to take " + ms(p.ms()) + ", at least maxLockWait ("
                    + ms(limit) + ").", evidence, p);
        }
        if (p.ms() < limit / 10) {
            if (h.evidence() != null && h.evidence().contains(HazardRules.REQUESTS_WAITED)) {
                return h.withPrediction(h.severity(), " Predicted " + ms(p.ms()) + " at " + Text.number(p.rows())
                        + " rows of " + p.table() + ", under a tenth of maxLockWait (" + ms(limit)
                        + "), but requests waited on it longer than maxLockWait as measured.", evidence, p);
            }
            return h.withPrediction(Severity.WARNING, " Harmless at production size: predicted " + ms(p.ms()) + " at "
                    + Text.number(p.rows()) + " rows of " + p.table() + ", under a tenth of maxLockWait (" + ms(limit)
                    + ").", evidence, p);
        }
        return h.withPrediction(h.severity(), " At production size (" + Text.number(p.rows()) + " rows of "
                + p.table() + ") it is predicted to take " + ms(p.ms()) + ", under maxLockWait (" + ms(limit) + ").",
                evidence, p);
    }

    /** The entry for the hazard's statement: on its relation's table if one, else the longest predicted. */
    private static <V> Optional<V> find(Map<Target, V> map, Hazard h) {
        List<Map.Entry<Target, V>> mine = map.entrySet().stream()
                .filter(e -> e.getKey().step().fileName().equals(h.file()) && e.getKey().statement().line() == h.line())
                .toList();
        return mine.stream().filter(e -> e.getKey().qualifiedTable().equals(h.relation())).map(Map.Entry::getValue).findFirst()
                .or(() -> mine.stream().max(Comparator.comparingDouble(e -> e.getValue() instanceof Prediction x ? x.ms() : 0))
                        .map(Map.Entry::getValue));
    }

    private static String points(Prediction p) {
        List<String> out = new ArrayList<>();
        p.measuredAt().forEach(x -> out.add(ms(x.ms()) + " at " + Text.number(x.rows())));
        return String.join(", ", out);
    }

    /** {@code 0.4 ms}, {@code 14 ms}, {@code 2.3 s}, {@code 41 s}, {@code 12 min}, {@code 3.1 h}. */
    static String ms(double ms) {
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 1000) {
            return Math.round(ms) + " ms";
        }
        double s = ms / 1000;
        if (s < 10) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 120) {
            return Math.round(s) + " s";
        }
        double min = s / 60;
        return min < 120 ? Math.round(min) + " min" : String.format(Locale.ROOT, "%.1f h", min / 60);
    }

    private static TransitionResult with(TransitionResult r, List<Hazard> hazards) {
        Verdict verdict = hazards.stream().anyMatch(Hazard::blocking) ? Verdict.UNSAFE : Verdict.SAFE;
        return new TransitionResult(r.name(), r.step(), r.kind(), r.liveVersions(), r.canaryVersions(), verdict, hazards,
                r.requests(), r.invariants(), r.startMs(), r.endMs(), r.timeline(), r.samplerMaxGapMs(),
                r.sampledWaits(), r.serverLogWaits(), r.warnings());
    }
}
