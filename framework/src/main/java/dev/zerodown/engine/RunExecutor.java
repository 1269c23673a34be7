package dev.zerodown.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
        try (Database db = server.createDatabase(name)) {
            int lastApplied = prepare(db, new StepExecutor(db, traceSettings(), null));
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
                verdict, results, startedAt);
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
                long lostBefore = monitor.connectionsLost();
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
                if (monitor.connectionsLost() > lostBefore) {
                    throw new EnvironmentException("The server ended every connection during '" + t.name()
                            + "' (the lock sampler's too: " + monitor.lastConnectionLoss().orElse("") + "): it restarted,"
                            + " crashed or stopped, so nothing measured there can be trusted; no verdict. Look at the server's"
                            + " log, then run again");
                }
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

    /**
     * Runs the step with the long transactions in its way: the rollout's on one table, and the setting
     * {@code longTransaction}'s on every table there is. ACCESS SHARE conflicts only with ACCESS EXCLUSIVE, so
     * holding it on tables the step leaves alone blocks nothing, while it also meets the tables a step locks
     * without naming them (the referenced table when a foreign key is dropped, a parent's partitions), as a long
     * report query or {@code pg_dump} would.
     */
    private StepTrace execute(Database db, StepExecutor steps, PlannedTransition t) {
        try (LongTransactionActor own = t.longTransaction() == null ? null : LongTransactionActor.start(db, t.longTransaction());
             LongTransactionActor every = settings.longTransaction() == null || settings.longTransaction().isZero() ? null
                     : LongTransactionActor.everyTable(db, settings.longTransaction())) {
            if (every != null) {
                LOG.debug("longTransaction={}: ACCESS SHARE on {} before {}", settings.longTransaction(), every.tables(),
                        t.name());
            }
            return steps.execute(t.step());
        }
    }

    /** Applies the baseline, repeatable scripts and the seed without load; returns the last applied index. */
    private int prepare(Database db, StepExecutor steps) {
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
        return plan.baseline().size() - 1;
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
