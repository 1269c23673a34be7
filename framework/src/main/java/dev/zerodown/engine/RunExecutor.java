package dev.zerodown.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.settings.Settings;
import dev.zerodown.invariants.InvariantChecker;
import dev.zerodown.judge.TransitionJudge;
import dev.zerodown.load.AppVersionFactory;
import dev.zerodown.load.LoadDriver;
import dev.zerodown.load.LoadSettings;
import dev.zerodown.load.SqlWorkload;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.plan.PlannedTransition;
import dev.zerodown.plan.RolloutPlan;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.postgres.SeededDatabase;
import dev.zerodown.result.Baseline;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.trace.StepExecutor;
import dev.zerodown.trace.StepTrace;
import dev.zerodown.trace.TraceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one validated rollout on one server: baseline, seed, then each transition under load. */
final class RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final String name;
    private final Settings settings;
    private final RolloutPlan plan;
    private final InvariantScopes scopes;
    private final PostgresServer server;
    private final Path seedFile;
    private final Path profileFile;
    private final TransitionListener listener;

    RunExecutor(String name, Settings settings, RolloutPlan plan, InvariantScopes scopes, PostgresServer server,
                Path seedFile, TransitionListener listener) {
        this.name = name;
        this.settings = settings;
        this.plan = plan;
        this.scopes = scopes;
        this.server = server;
        this.seedFile = seedFile;
        this.profileFile = Seed.profileFile(settings);
        this.listener = listener;
    }

    RunResult execute() {
        long origin = System.nanoTime();
        Instant startedAt = Instant.now();
        List<TransitionResult> results = new ArrayList<>();
        List<StepTrace> traces = new ArrayList<>();
        LockPrediction prediction = new LockPrediction(settings, server, profileFile);
        Database baseline = null;
        Prepared prepared = prepared();
        try (Database db = prepared.database()) {
            int lastApplied = plan.baseline().size() - 1;
            baseline = prediction.keepBaseline(db);
            try (LockMonitor monitor = LockMonitor.start(db, settings.sampleInterval(), origin);
                 LoadDriver driver = new LoadDriver(db, new LoadSettings(settings.clients(), settings.rate(),
                         settings.randomSeed(), settings.appRole()), origin)) {
                transitions(db, monitor, driver, lastApplied, results, traces, baseline == null ? prediction : null,
                        origin);
            }
        } catch (RuntimeException e) {
            closeQuietly(baseline, e);
            throw e;
        }
        try (Database b = baseline) {
            results = prediction.apply(results, traces, b, traceSettings());
        }
        if (prediction.enabled() && baseline != null) {
            for (int i = 0; i < results.size(); i++) {
                listener.transitionFinished(server.major(), i, results.get(i));
            }
        }
        Verdict verdict = results.stream().anyMatch(r -> r.verdict() == Verdict.UNSAFE) ? Verdict.UNSAFE : Verdict.SAFE;
        return new RunResult(name, server.version(), server.major(), server.provider().id(), settings.randomSeed(),
                verdict, results, startedAt, List.of(), prepared.baseline());
    }

    /** The run's database and how it got to the seeded baseline. */
    private record Prepared(Database database, Baseline baseline) {
    }

    /**
     * The run's database at the seeded baseline: a copy of the seeded template the server keeps for these inputs
     * (prepared first if no earlier run did), or, where the server keeps none or {@code seedCache=false}, this run's
     * own database with the baseline applied and seeded.
     */
    private Prepared prepared() {
        long t0 = System.nanoTime();
        int steps = plan.baseline().size();
        Optional<String> outside = settings.seedCache() ? BaselineKey.readsOutside(plan.baseline(), seedFile) : Optional.empty();
        outside.ifPresent(o -> LOG.info("No seeded template is kept for this baseline: {} reads from outside the database,"
                + " which its key cannot see; the baseline and seed are applied in the run's own database", o));
        if (settings.seedCache() && outside.isEmpty() && (steps > 0 || seedFile != null || profileFile != null)) {
            String key = BaselineKey.of(plan.baseline(), seedFile, profileFile, settings,
                    server.provider().id() + " " + server.version() + " (" + server.major() + ")");
            Optional<SeededDatabase> seeded = server.createSeeded(name, key,
                    tmp -> prepare(tmp, new StepExecutor(tmp, traceSettings(), null)));
            if (seeded.isPresent()) {
                SeededDatabase s = seeded.get();
                if (s.reused()) {
                    LOG.info("Baseline and seed reused from {} ({}; {} baseline step(s), same inputs): {} ms", s.template(),
                            s.fromDisk() ? "saved on disk by an earlier run" : "prepared by an earlier run of this JVM",
                            steps, s.millis());
                } else {
                    LOG.info("Baseline ({} step(s)) and seed prepared in {} ms as template {}; later runs with the same inputs copy it",
                            steps, s.millis(), s.template());
                }
                return new Prepared(s.database(), new Baseline(steps, s.reused(), s.template(), s.fromDisk(), s.millis()));
            }
        }
        Database db = server.createDatabase(name);
        try {
            prepare(db, new StepExecutor(db, traceSettings(), null));
        } catch (RuntimeException e) {
            closeQuietly(db, e);
            throw e;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Baseline ({} step(s)) and seed prepared in {} ms in the run's own database", steps, ms);
        return new Prepared(db, new Baseline(steps, false, null, false, ms));
    }

    /**
     * Runs every transition under load. With {@code atSeededSize}, each result is final as it ends (locks
     * judged at the seeded size) and the listener hears of it then; else the caller predicts and tells it later.
     */
    private void transitions(Database db, LockMonitor monitor, LoadDriver driver, int applied, List<TransitionResult> results,
                             List<StepTrace> traces, LockPrediction atSeededSize, long origin) {
        int lastApplied = applied;
        StepExecutor steps = new StepExecutor(db, traceSettings(), monitor);
        Set<String> running = new LinkedHashSet<>();
        startInitial(db, driver, running);
        TransitionJudge judge = new TransitionJudge(settings, monitor);
        InvariantChecker checker = new InvariantChecker(db);
        for (int i = 0; i < plan.transitions().size(); i++) {
            PlannedTransition t = plan.transitions().get(i);
            try (Progress progress = Progress.start(db, t.name(), i + 1, plan.transitions().size(), origin)) {
                align(driver, t, running);
                driver.beginWindow();
                long start = monitor.nowMs();
                long samplesBefore = monitor.sampleCount();
                StepTrace trace = null;
                if (t.step() != null) {
                    trace = execute(db, steps, t);
                    if (!trace.failed()) {
                        lastApplied = plan.baseline().size() + indexAfterBaseline(t.step());
                    }
                } else {
                    driver.startDeployed(t.deployed(), t.apps().get(t.deployed()));
                    running.add(t.deployed());
                }
                Soak soak = new Soak(checker, scopes.active(lastApplied), monitor);
                soak.run(settings.soak());
                var stats = driver.endWindow();
                long end = monitor.nowMs();
                if (monitor.sampleCount() == samplesBefore) {
                    throw new EnvironmentException("The lock sampler took no sample during '" + t.name() + "'"
                            + monitor.lastError().map(e -> ": " + e).orElse("") + "; no verdict without measurements");
                }
                TransitionResult r = judge.judge(t, trace, stats, soak.results(), driver.points(start, end), start, end);
                if (atSeededSize != null) {
                    r = atSeededSize.atSeededSize(r);
                }
                results.add(r);
                traces.add(trace);
                progress.finished(r.verdict().id());
                if (atSeededSize != null) {
                    listener.transitionFinished(server.major(), i, r);
                }
                if (trace != null && trace.failed()) {
                    LOG.warn("{} failed; the rollout stops here (the release is stuck)", t.name());
                    break;
                }
            }
        }
    }

    private static void closeQuietly(Database db, RuntimeException failure) {
        if (db != null) {
            try {
                db.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static StepTrace execute(Database db, StepExecutor steps, PlannedTransition t) {
        if (t.longTransaction() == null) {
            return steps.execute(t.step());
        }
        try (LongTransactionActor actor = LongTransactionActor.start(db, t.longTransaction())) {
            return steps.execute(t.step());
        }
    }

    /** Applies the baseline, repeatable scripts and the seed without load. */
    private void prepare(Database db, StepExecutor steps) {
        FlywayHistory history = FlywayHistory.read(db, settings.flywayTable());
        if (history != null) {
            List<MigrationStep> all = new ArrayList<>(plan.baseline());
            plan.transitions().stream().map(PlannedTransition::step).filter(java.util.Objects::nonNull).forEach(all::add);
            history.validate(all, plan);
            LOG.info("Database {} has a Flyway history ({}): {} applied version(s) are the baseline and are not re-applied",
                    db.name(), history.table(), history.applied().size());
        }
        for (MigrationStep s : plan.baseline()) {
            if (history == null || !history.isApplied(s)) {
                steps.applyUntraced(s);
            }
        }
        if (profileFile != null) {
            Seed.fromProfile(db, profileFile, settings);
        }
        if (seedFile != null) {
            Seed.apply(db, seedFile);
        }
    }

    private int indexAfterBaseline(MigrationStep step) {
        int i = 0;
        for (PlannedTransition t : plan.transitions()) {
            if (t.step() != null) {
                if (t.step().equals(step)) {
                    return i;
                }
                i++;
            }
        }
        throw new IllegalStateException("step not in plan: " + step.fileName());
    }

    private void startInitial(Database db, LoadDriver driver, Set<String> running) {
        for (Map.Entry<String, AppVersionFactory> e : plan.initial().entrySet()) {
            if (e.getValue() instanceof SqlWorkload w) {
                try (Connection c = db.connect("zerodown-baseline-check")) {
                    w.baselineCheck(c);
                } catch (SQLException ex) {
                    throw new EnvironmentException("Could not connect for the baseline check of '" + e.getKey() + "': "
                            + ex.getMessage(), ex);
                }
            }
            driver.start(e.getKey(), e.getValue(), false, false);
            running.add(e.getKey());
        }
    }

    /** Stops versions that left, starts the ones that should run (a deploy starts inside its window). */
    private void align(LoadDriver driver, PlannedTransition t, Set<String> running) {
        List<String> wanted = t.running();
        for (String v : new ArrayList<>(running)) {
            if (!wanted.contains(v)) {
                driver.stop(v);
                running.remove(v);
            }
        }
        for (String v : wanted) {
            if (!running.contains(v) && !v.equals(t.deployed())) {
                throw new IllegalStateException("version " + v + " should already run before " + t.name());
            }
        }
    }

    private TraceSettings traceSettings() {
        return new TraceSettings(settings.stepTimeout(), settings.lockTimeout(), settings.lockRetries(),
                settings.batchRows(), settings.mixed(), settings.maxLockWait());
    }
}
