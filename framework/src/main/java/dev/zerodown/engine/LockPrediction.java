package dev.zerodown.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.zerodown.config.Text;
import dev.zerodown.judge.PredictionRules;
import dev.zerodown.judge.PredictionTargets;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.predict.Predictions;
import dev.zerodown.predict.SizeRuns;
import dev.zerodown.predict.Target;
import dev.zerodown.profile.ProductionProfile;
import dev.zerodown.profile.TableProfile;
import dev.zerodown.result.Prediction;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.settings.Settings;
import dev.zerodown.trace.StepTrace;
import dev.zerodown.trace.TraceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts each lock at production size once the load has stopped (see {@link SizeRuns}), and judges
 * the run's lock hazards again on the predictions. Only with a profile and {@code predict} on;
 * otherwise the lock hazards say they were judged at the seeded size.
 */
final class LockPrediction {
    private static final Logger LOG = LoggerFactory.getLogger(LockPrediction.class);

    private final Settings settings;
    private final PostgresServer server;
    private final Path profileFile;

    LockPrediction(Settings settings, PostgresServer server, Path profileFile) {
        this.settings = settings;
        this.server = server;
        this.profileFile = profileFile;
    }

    boolean enabled() {
        return profileFile != null && settings.predict();
    }

    /** A copy of the seeded baseline to re-run statements on, or null when not predicting (or the server cannot copy). */
    Database keepBaseline(Database seeded) {
        if (!enabled()) {
            return null;
        }
        try {
            return server.cloneDatabase(seeded, "predict_base");
        } catch (UnsupportedOperationException e) {
            LOG.warn("Locks are judged at the seeded size: {}", e.getMessage());
            return null;
        }
    }

    /** {@code r} with its lock hazards saying they were judged at the seeded size, and why. */
    TransitionResult atSeededSize(TransitionResult r) {
        String why = profileFile == null ? "no production profile (setting profile)"
                : settings.predict() ? "this server cannot copy databases" : "prediction is off (setting predict=false)";
        return PredictionRules.atSeededSize(r, why);
    }

    /** {@code results} judged on the predictions (unchanged without a baseline copy); {@code traces} holds each transition's trace (null for a deploy). */
    List<TransitionResult> apply(List<TransitionResult> results, List<StepTrace> traces, Database baseline,
                                 TraceSettings traceSettings) {
        List<TransitionResult> out = new ArrayList<>();
        if (baseline == null) {
            return results;
        }
        List<Target> targets = new ArrayList<>();
        List<MigrationStep> steps = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            StepTrace t = traces.get(i);
            if (t != null && !t.failed()) {
                steps.add(t.step());
                targets.addAll(PredictionTargets.of(t, results.get(i).hazards()));
            }
        }
        long started = System.nanoTime();
        Map<Target, List<Prediction.Point>> measured = new SizeRuns(server, baseline, traceSettings).measure(steps, targets);
        ProductionProfile profile = ProductionProfile.read(profileFile);
        Map<Target, Prediction> predicted = new LinkedHashMap<>();
        Map<Target, String> unpredicted = new LinkedHashMap<>();
        for (Target t : targets) {
            Optional<TableProfile> table = profile.table(t.schema(), t.table());
            List<Prediction.Point> points = measured.get(t);
            if (table.isEmpty() || table.get().rows() < 0) {
                unpredicted.put(t, t.qualifiedTable() + " has no row count in the production profile");
            } else if (points == null || points.size() < 2) {
                unpredicted.put(t, "re-running " + t.where() + " at smaller sizes of " + t.qualifiedTable() + " failed (see the log)");
            } else {
                Prediction p = Predictions.of(t, points, table.get().rows(), settings.maxLockWait());
                predicted.put(t, p);
                LOG.info("{} on {}: measured {} (rows, ms); predicted {} ms at {} rows ({} fit, R² {})", t.where(),
                        t.qualifiedTable(), points, p.ms(), Text.number(p.rows()), p.fitName(), p.r2());
            }
        }
        LOG.info("Predicted {} of {} locks at production size in {} ms", predicted.size(), targets.size(),
                (System.nanoTime() - started) / 1_000_000);
        results.forEach(r -> out.add(PredictionRules.apply(r, predicted, unpredicted, settings.maxLockWait(),
                settings.severities())));
        return out;
    }
}
