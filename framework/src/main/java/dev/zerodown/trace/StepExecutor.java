package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.config.Text;
import dev.zerodown.locks.LockMonitor;
import dev.zerodown.migrations.Callbacks;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.postgres.Database;
import dev.zerodown.result.Timeline;
import org.apiguardian.api.API;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migration steps with Flyway's transaction rules, one connection per step (application_name
 * {@value #APPLICATION_NAME}), and traces each statement: locks, rewrites, validating scans, index
 * builds, rows written, catalog changes. It measures only; {@code dev.zerodown.judge.StepJudge}
 * turns the trace into hazards. A SQL error never throws from {@link #execute}: it is recorded
 * (judged {@code migration-failed}) and ends the step. A step still running after {@code stepTimeout} is
 * cancelled. Not thread-safe: one step at a time.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class StepExecutor {
    /** The migration connection's application_name. */
    public static final String APPLICATION_NAME = "zerodown-migration";
    /** The tracer's own observing connection. */
    public static final String OBSERVER_NAME = "zerodown-tracer";

    private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);

    private final Database db;
    private final TraceSettings settings;
    private final LockSource locks;
    private final Callbacks callbacks;

    /**
     * @param monitor the run's lock sampler: its clock times every span, and it shows the locks of
     *                statements that run outside a transaction (CONCURRENTLY, VACUUM), which are gone
     *                when they end. Null runs without one: times count from this constructor, and
     *                locks are read from pg_locks after each statement inside a transaction only.
     */
    public StepExecutor(Database db, TraceSettings settings, LockMonitor monitor) {
        this(db, settings, monitor, Callbacks.NONE);
    }

    /**
     * @param callbacks the SQL callbacks of the migrations: {@code beforeEachMigrate} and {@code afterEachMigrate}
     *                  run on each step's connection, in its transaction, as Flyway runs them (applied, not traced)
     */
    public StepExecutor(Database db, TraceSettings settings, LockMonitor monitor, Callbacks callbacks) {
        this(db, settings, monitor == null ? LockSource.clockOnly(System.nanoTime()) : LockSource.of(monitor), callbacks);
    }

    StepExecutor(Database db, TraceSettings settings, LockSource locks) {
        this(db, settings, locks, Callbacks.NONE);
    }

    StepExecutor(Database db, TraceSettings settings, LockSource locks, Callbacks callbacks) {
        this.db = db;
        this.settings = settings;
        this.locks = locks;
        this.callbacks = callbacks == null ? Callbacks.NONE : callbacks;
    }

    /**
     * Applies a step without tracing (baseline steps): same transaction rules and step timeout.
     *
     * @throws ConfigurationException naming file:line and SQLState when a statement fails, the step
     *                                times out, or the script mixes transactional and non-transactional statements
     */
    public void applyUntraced(MigrationStep step) {
        TransactionMode mode = TransactionMode.of(step, settings.mixed());
        if (mode == TransactionMode.REFUSED) {
            SqlStatement s = TransactionMode.offender(step);
            throw new ConfigurationException(step.fileName() + ":" + s.line() + ": " + TransactionMode.refusal(step));
        }
        try (Connection migration = db.connect(APPLICATION_NAME)) {
            applyLockTimeout(migration);
            try (Watchdog dog = Watchdog.start(db, pid(migration), settings.stepTimeout(), locks)) {
                Untraced.apply(migration, step, mode, dog, settings, new StepCallbacks(callbacks, step, settings));
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Applying " + step.fileName() + " on " + db + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs and traces one step. */
    public StepTrace execute(MigrationStep step) {
        TransactionMode mode = TransactionMode.of(step, settings.mixed());
        try (Connection observer = db.connect(OBSERVER_NAME)) {
            configureObserver(observer);
            Catalog pre = CatalogReader.read(observer);
            Map<Long, Long> rows = Probes.rowCounts(observer, pre);
            if (mode == TransactionMode.REFUSED) {
                return refused(step, pre, rows);
            }
            try (Connection migration = db.connect(APPLICATION_NAME)) {
                int pid = pid(migration);
                locks.migrationPid(pid);
                try {
                    return traced(step, mode, observer, migration, pid, pre, rows);
                } finally {
                    locks.migrationPid(0);
                }
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Tracing " + step.fileName() + " on " + db + " failed: " + e.getMessage(), e);
        }
    }

    private StepTrace traced(MigrationStep step, TransactionMode mode, Connection observer, Connection migration, int pid,
                             Catalog pre, Map<Long, Long> rows) throws SQLException {
        applyLockTimeout(migration);
        long start = locks.nowMs();
        StepRun run;
        StepEnding ending;
        try (Watchdog dog = Watchdog.start(db, pid, settings.stepTimeout(), locks);
             MigrationProbe probe = new MigrationProbe(migration, pre)) {
            run = new StepRun(migration, probe, pid, locks, dog, pre, rows, new StepCallbacks(callbacks, step, settings));
            List<StatementRecord> retried = Attempts.run(run, step, mode, dog, settings, migration);
            List<Timeline.LockWait> waits = locks.waits(start, locks.nowMs()).stream().filter(w -> w.pid() == pid).toList();
            ending = new StepEnding(false, dog.fired(), dog.blockers(), dog.firedAtMs(), run.commitError(), retried, waits);
        }
        long end = locks.nowMs();
        Catalog post = CatalogReader.read(observer);
        StepFacts facts = new StepFacts(step, settings, pre, rows, run.records(), run.txns(), post,
                LockLedger.of(pre, run.records(), run.txns()), ending);
        CatalogDiff diff = DiffBuilder.of(facts);
        boolean failed = ending.timedOut() || ending.commitError() != null
                || !run.records().isEmpty() && run.records().get(run.records().size() - 1).failed();
        LOG.debug("Traced {} ({} mode): {} statements in {} ms, catalog read in {} ms", step.fileName(), mode,
                run.records().size(), end - start, locks.nowMs() - end);
        return new StepTrace(step, pid, start, end, failed, spans(step, run.records(), ending.retried()),
                facts.ledger().timeline(step.fileName()), diff, facts);
    }

    /** A mixed script refused by Flyway's rules: nothing ran, the facts say so. */
    private StepTrace refused(MigrationStep step, Catalog pre, Map<Long, Long> rows) {
        long now = locks.nowMs();
        StepFacts facts = new StepFacts(step, settings, pre, rows, List.of(), List.of(), pre,
                LockLedger.of(pre, List.of(), List.of()), StepEnding.refusal());
        return new StepTrace(step, 0, now, now, true, List.of(), List.of(), CatalogDiff.empty(), facts);
    }

    private static List<Timeline.StatementSpan> spans(MigrationStep step, List<StatementRecord> records,
                                                      List<StatementRecord> retried) {
        List<Timeline.StatementSpan> out = new ArrayList<>();
        for (StatementRecord r : retried) {
            out.add(span(step, r, " (attempt failed, retried)"));
        }
        for (StatementRecord r : records) {
            out.add(span(step, r, ""));
        }
        out.sort(Comparator.comparingLong(Timeline.StatementSpan::startMs));
        return out;
    }

    private static Timeline.StatementSpan span(MigrationStep step, StatementRecord r, String note) {
        String error = r.failed() ? r.sqlState() + " " + r.error() + note : null;
        return new Timeline.StatementSpan(step.fileName(), r.line(), Text.statement(r.statement().sql()), r.startMs(),
                r.endMs(), error);
    }

    private void applyLockTimeout(Connection c) throws SQLException {
        if (settings.lockTimeout() != null) {
            try (Statement s = c.createStatement()) {
                s.execute("set lock_timeout = '" + settings.lockTimeout().toMillis() + "ms'");
            }
        }
    }

    private static void configureObserver(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set lock_timeout = '1s'; set statement_timeout = '60s'");
        }
    }

    static int pid(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getBackendPID();
    }

}
