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
import dev.zerodown.migrations.Migrations;
import dev.zerodown.plan.PlannedTransition;
import dev.zerodown.plan.RolloutPlan;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.trace.StepExecutor;
import dev.zerodown.trace.StepTrace;
import dev.zerodown.trace.TraceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one validated rollout on one server: the init script, the baseline, the seed, then each transition under
 * load. The baseline is one Flyway migrate, and so is each run of consecutive migrated steps (a deploy or retire
 * ends it): the SQL callbacks of a migrate run at its start and end, those of each step in the step's transaction.
 */
final class RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final String name;
    private final Settings settings;
    private final RolloutPlan plan;
    private final InvariantScopes scopes;
    private final PostgresServer server;
    private final Path seedFile;
    private final Path initScript;
    private final Path profileFile;
    private final TransitionListener listener;
    private final Migrations migrations;

    RunExecutor(String name, Settings settings, RolloutPlan plan, Migrations migrations, InvariantScopes scopes,
                PostgresServer server, Path initScript, Path seedFile, TransitionListener listener) {
        this.name = name;
        this.settings = settings;
        this.plan = plan;
        this.migrations = migrations;
        this.scopes = scopes;
        this.server = server;
        this.initScript = initScript;
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
        List<NotRunTransition> skipped = new ArrayList<>();
        BaselineStart.Start start = new BaselineStart(name, settings, plan, migrations, server, initScript, seedFile,
                profileFile, traceSettings()).start();
        try (Database db = start.database()) {
            BaselineStart.Prepared prepared = start.prepared();
            baseline = prediction.keepBaseline(db);
            prepared.skipped().forEach((i, why) -> skipped.add(notRun(plan.transitions().get(i), why)));
            try (LockMonitor monitor = LockMonitor.start(db, settings.sampleInterval(), origin);
                 LoadDriver driver = new LoadDriver(db, new LoadSettings(settings.clients(), settings.rate(),
                         settings.randomSeed(), settings.appRole()), origin)) {
                transitions(db, monitor, driver, prepared, results, traces, baseline == null ? prediction : null,
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
                verdict, results, startedAt, skipped, start.baseline());
    }

    private static NotRunTransition notRun(PlannedTransition t, String reason) {
        return new NotRunTransition(t.name(), t.step() == null ? null : t.step().fileName(), t.kind(), t.live(),
                t.canaries(), reason);
    }

    /**
     * Runs every transition under load. With {@code atSeededSize}, each result is final as it ends (locks
     * judged at the seeded size) and the listener hears of it then; else the caller predicts and tells it later.
     */
    private void transitions(Database db, LockMonitor monitor, LoadDriver driver, BaselineStart.Prepared prepared,
                             List<TransitionResult> results, List<StepTrace> traces, LockPrediction atSeededSize,
                             long origin) {
        int lastApplied = prepared.lastApplied();
        StepExecutor steps = new StepExecutor(db, traceSettings(), monitor, migrations.callbacks());
        MigrateCallbacks callbacks = new MigrateCallbacks(migrations.callbacks(), db, settings);
        Set<String> running = new LinkedHashSet<>();
        startInitial(db, driver, running);
        TransitionJudge judge = new TransitionJudge(settings, monitor);
        InvariantChecker checker = new InvariantChecker(db);
        for (int i = 0; i < plan.transitions().size(); i++) {
            if (prepared.skipped().containsKey(i)) {
                continue;
            }
            PlannedTransition t = plan.transitions().get(i);
            try (Progress progress = Progress.start(db, t.name(), i + 1, plan.transitions().size(), origin)) {
                align(driver, t, running);
                driver.beginWindow();
                long start = monitor.nowMs();
                long samplesBefore = monitor.sampleCount();
                long lostBefore = monitor.connectionsLost();
                StepTrace trace = null;
                if (t.step() != null) {
                    trace = step(db, steps, callbacks, i, prepared);
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

    static void closeQuietly(Database db, RuntimeException failure) {
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

    /** Runs transition {@code i}'s step within its Flyway migrate: the migrate's callbacks at its first and last step. */
    private StepTrace step(Database db, StepExecutor steps, MigrateCallbacks callbacks, int i, BaselineStart.Prepared prepared) {
        PlannedTransition t = plan.transitions().get(i);
        if (!isStep(i - 1, -1, prepared)) {
            callbacks.begin("before " + t.step().fileName());
        }
        callbacks.beforeStep(t.step());
        StepTrace trace = execute(db, steps, t);
        if (trace.failed()) {
            callbacks.failed("after " + t.step().fileName() + " failed");
            return trace;
        }
        callbacks.stepApplied();
        if (!isStep(i + 1, 1, prepared)) {
            callbacks.end("after " + t.step().fileName());
        }
        return trace;
    }

    /**
     * Whether the nearest transition that runs from plan index {@code i} on, going in {@code direction}, migrates a
     * step under the same versions as its neighbour: then the migrate goes on (a deploy or a retire ends it, a
     * skipped transition does not).
     */
    private boolean isStep(int i, int direction, BaselineStart.Prepared prepared) {
        int j = i;
        while (j >= 0 && j < plan.transitions().size() && prepared.skipped().containsKey(j)) {
            j += direction;
        }
        List<PlannedTransition> all = plan.transitions();
        return j >= 0 && j < all.size() && all.get(j).step() != null
                && all.get(j).live().equals(all.get(i - direction).live());
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
