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
import dev.zerodown.migrations.Migrations;
import dev.zerodown.plan.PlannedTransition;
import dev.zerodown.plan.RolloutPlan;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.postgres.SeededDatabase;
import dev.zerodown.result.Baseline;
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
        Start start = start();
        try (Database db = start.database()) {
            Prepared prepared = start.prepared();
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

    /** The run's database at the seeded baseline, how it got there, and what preparing it found. */
    private record Start(Database database, Baseline baseline, Prepared prepared) {
    }

    /**
     * The run's database at the seeded baseline: a copy of the seeded template the server keeps for these inputs
     * (prepared first if no earlier run did), or, where the server keeps none or {@code seedCache=false}, this run's
     * own database with the baseline applied and seeded.
     */
    private Start start() {
        long t0 = System.nanoTime();
        int steps = plan.baseline().size();
        Optional<String> outside = settings.seedCache() ? BaselineKey.readsOutside(plan.baseline(), seedFile) : Optional.empty();
        outside.ifPresent(o -> LOG.info("No seeded template is kept for this baseline: {} reads from outside the database,"
                + " which its key cannot see; the baseline and seed are applied in the run's own database", o));
        if (settings.seedCache() && outside.isEmpty() && (steps > 0 || seedFile != null || profileFile != null)) {
            String key = BaselineKey.of(plan.baseline(), seedFile, profileFile, settings,
                    server.provider().id() + " " + server.version() + " (" + server.major() + ")",
                    BaselineKey.also(initScript, migrations.callbacks()));
            Optional<SeededDatabase> seeded = server.createSeeded(name, key,
                    tmp -> prepare(tmp, new StepExecutor(tmp, traceSettings(), null, migrations.callbacks())));
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
                // a template starts from an empty database, so no Flyway history left anything out
                return new Start(s.database(), new Baseline(steps, s.reused(), s.template(), s.fromDisk(), s.millis()),
                        new Prepared(steps - 1, Map.of()));
            }
        }
        Database db = server.createDatabase(name);
        Prepared prepared;
        try {
            prepared = prepare(db, new StepExecutor(db, traceSettings(), null, migrations.callbacks()));
        } catch (RuntimeException e) {
            closeQuietly(db, e);
            throw e;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Baseline ({} step(s)) and seed prepared in {} ms in the run's own database", steps, ms);
        return new Start(db, new Baseline(steps, false, null, false, ms), prepared);
    }

    private static NotRunTransition notRun(PlannedTransition t, String reason) {
        return new NotRunTransition(t.name(), t.step() == null ? null : t.step().fileName(), t.kind(), t.live(),
                t.canaries(), reason);
    }

    /**
     * Runs every transition under load. With {@code atSeededSize}, each result is final as it ends (locks
     * judged at the seeded size) and the listener hears of it then; else the caller predicts and tells it later.
     */
    private void transitions(Database db, LockMonitor monitor, LoadDriver driver, Prepared prepared,
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

    /** Runs transition {@code i}'s step within its Flyway migrate: the migrate's callbacks at its first and last step. */
    private StepTrace step(Database db, StepExecutor steps, MigrateCallbacks callbacks, int i, Prepared prepared) {
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
    private boolean isStep(int i, int direction, Prepared prepared) {
        int j = i;
        while (j >= 0 && j < plan.transitions().size() && prepared.skipped().containsKey(j)) {
            j += direction;
        }
        List<PlannedTransition> all = plan.transitions();
        return j >= 0 && j < all.size() && all.get(j).step() != null
                && all.get(j).live().equals(all.get(i - direction).live());
    }

    /**
     * What {@link #prepare} did: the last applied step's index, and the transitions left out (plan index → why):
     * repeatable scripts whose checksum the database's Flyway history already holds.
     */
    private record Prepared(int lastApplied, Map<Integer, String> skipped) {
    }

    /**
     * Runs the init script, applies the baseline as one Flyway migrate (with its callbacks) and the seed, without
     * load; with a Flyway history, only what Flyway would apply.
     */
    private Prepared prepare(Database db, StepExecutor steps) {
        if (initScript != null) {
            InitScript.apply(db, initScript);
        }
        FlywayHistory history = FlywayHistory.read(db, settings.flywayTable());
        if (history != null) {
            List<MigrationStep> all = new ArrayList<>(plan.baseline());
            plan.transitions().stream().map(PlannedTransition::step).filter(java.util.Objects::nonNull).forEach(all::add);
            all.addAll(migrations.superseded());
            history.validate(all, plan);
            LOG.info("Database {} has a Flyway history ({}): {} applied version(s) are the baseline and are not re-applied",
                    db.name(), history.table(), history.applied().size());
        }
        baselineMigrate(db, steps, baselineToApply(db, history));
        if (profileFile != null) {
            Seed.fromProfile(db, profileFile, settings);
        }
        if (seedFile != null) {
            Seed.apply(db, seedFile);
        }
        return new Prepared(plan.baseline().size() - 1, history == null ? Map.of() : unchangedRepeatables(history));
    }

    /**
     * The baseline steps Flyway would apply: all of them to an empty database; with a history, the pending ones,
     * the versions a baseline migration stands for included and the baseline migration itself left out.
     */
    private List<MigrationStep> baselineToApply(Database db, FlywayHistory history) {
        List<MigrationStep> out = new ArrayList<>();
        if (history != null) {
            migrations.superseded().stream().filter(s -> !s.baselineMigration() && !history.isApplied(s)).forEach(out::add);
        }
        for (MigrationStep s : plan.baseline()) {
            if (s.baselineMigration() && history == null) {
                LOG.info("{} is a baseline migration: on an empty database Flyway applies it instead of {}, and so does"
                        + " Zerodown", s.fileName(), String.join(", ", migrations.superseded().stream()
                        .map(MigrationStep::fileName).toList()));
            } else if (s.baselineMigration() && history.isApplied(s)) {
                LOG.info("{} is a baseline migration, which Flyway applies to an empty database only: not applied to {},"
                        + " which has a Flyway history", s.fileName(), db.name());
            } else if (s.repeatable() && history != null && history.isApplied(s)) {
                LOG.info("{} is unchanged since it was applied (checksum {} in {}): not applied again, as Flyway does"
                        + " not apply it", s.fileName(), s.checksum(), history.table());
            }
            if (history == null || !history.isApplied(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The baseline as one Flyway migrate: its callbacks around the steps, each step with its own. */
    private void baselineMigrate(Database db, StepExecutor steps, List<MigrationStep> toApply) {
        if (toApply.isEmpty()) {
            return;
        }
        MigrateCallbacks callbacks = new MigrateCallbacks(migrations.callbacks(), db, settings);
        callbacks.begin("before the baseline");
        for (MigrationStep s : toApply) {
            callbacks.beforeStep(s);
            steps.applyUntraced(s);
            callbacks.stepApplied();
        }
        callbacks.end("after the baseline");
    }

    /** Transitions of repeatable scripts the history holds with the file's checksum: Flyway would not run them. */
    private Map<Integer, String> unchangedRepeatables(FlywayHistory history) {
        Map<Integer, String> out = new java.util.TreeMap<>();
        for (int i = 0; i < plan.transitions().size(); i++) {
            MigrationStep step = plan.transitions().get(i).step();
            if (step != null && history.unchanged(step)) {
                String why = step.fileName() + " is unchanged since it was applied (checksum " + step.checksum() + " in "
                        + history.table() + "), so Flyway does not run it again";
                LOG.info("{}: {} is left out", why, plan.transitions().get(i).name());
                out.put(i, why);
            }
        }
        return out;
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
