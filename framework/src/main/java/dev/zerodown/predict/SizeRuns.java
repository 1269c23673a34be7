package dev.zerodown.predict;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.Text;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.PostgresServer;
import dev.zerodown.result.Prediction;
import dev.zerodown.trace.StepExecutor;
import dev.zerodown.trace.TraceSettings;
import dev.zerodown.trace.TransactionMode;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures each target statement at the seeded size and at two smaller sizes of its table, on
 * scratch clones of the seeded baseline, with no load running. The steps are applied in order to
 * one clone of the baseline (the state before each step); for a step with targets, each table gets
 * its own copy of that state, measured at its full size, then cut down to a third and a tenth of its
 * rows (rows deleted with triggers and foreign keys off, then {@code VACUUM FULL}, so the table's
 * storage shrinks with them). A step that runs in a transaction is re-run up to the target in a
 * transaction that is rolled back, {@value #REPEATS} times, keeping the fastest; a step in autocommit
 * gets a fresh copy per size and runs once.
 */
@API(status = API.Status.INTERNAL)
public final class SizeRuns {
    /** The fractions of the seeded rows measured, largest first. */
    static final double[] FRACTIONS = {1.0, 1.0 / 3, 1.0 / 10};
    static final int REPEATS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SizeRuns.class);

    private final PostgresServer server;
    private final Database baseline;
    private final TraceSettings settings;

    /**
     * @param baseline the seeded baseline, copied before any load touched it; nothing may be connected to it
     */
    public SizeRuns(PostgresServer server, Database baseline, TraceSettings settings) {
        this.server = server;
        this.baseline = baseline;
        this.settings = settings;
    }

    /**
     * The measured points of every target, fewest rows first; a target whose re-run failed is left
     * out (logged).
     *
     * @param steps the migrated steps in rollout order, up to the last one with targets
     */
    public Map<Target, List<Prediction.Point>> measure(List<MigrationStep> steps, List<Target> targets) {
        Map<Target, List<Prediction.Point>> out = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            return out;
        }
        try (Database state = server.cloneDatabase(baseline, "predict_state")) {
            StepExecutor executor = new StepExecutor(state, settings, null);
            for (MigrationStep step : steps) {
                Map<String, List<Target>> byTable = new LinkedHashMap<>();
                targets.stream().filter(t -> t.step().equals(step))
                        .forEach(t -> byTable.computeIfAbsent(t.qualifiedTable(), k -> new ArrayList<>()).add(t));
                byTable.values().forEach(ts -> out.putAll(measureTable(state, step, ts)));
                if (targets.stream().allMatch(out::containsKey) || step.equals(steps.get(steps.size() - 1))) {
                    break;
                }
                executor.applyUntraced(step);
            }
        } catch (RuntimeException e) {
            LOG.warn("Prediction stopped: could not rebuild the schema on a scratch copy of the baseline: {}",
                    Text.oneLine(String.valueOf(e.getMessage())));
        }
        return out;
    }

    private Map<Target, List<Prediction.Point>> measureTable(Database state, MigrationStep step, List<Target> targets) {
        Map<Target, List<Prediction.Point>> out = new LinkedHashMap<>();
        boolean rollsBack = TransactionMode.of(step, settings.mixed()) == TransactionMode.TRANSACTION;
        Target first = targets.get(0);
        try {
            Database scratch = server.cloneDatabase(state, "predict");
            try {
                long seeded = count(scratch, first);
                for (double f : FRACTIONS) {
                    long rows = Math.max(1, Math.round(seeded * f));
                    if (!rollsBack && f < 1) {
                        scratch.close();
                        scratch = server.cloneDatabase(state, "predict");
                    }
                    if (f < 1) {
                        shrink(scratch, first, rows);
                    }
                    long actual = count(scratch, first);
                    for (Target t : targets) {
                        double ms = time(scratch, t, rollsBack ? REPEATS : 1, rollsBack);
                        out.computeIfAbsent(t, k -> new ArrayList<>()).add(0, new Prediction.Point(actual,
                                Predictions.round(ms)));
                    }
                }
            } finally {
                scratch.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not measure {} at smaller sizes of {}, so it is judged at the seeded size: {}", first.where(),
                    first.qualifiedTable(), Text.oneLine(String.valueOf(e.getMessage())));
            targets.forEach(out::remove);
        }
        return out;
    }

    /** The fastest of {@code repeats} runs of the target, in ms: the step's statements before it run first. */
    private double time(Database db, Target t, int repeats, boolean rollsBack) throws SQLException {
        double best = Double.MAX_VALUE;
        try (Connection c = db.connect("zerodown-predict"); Statement s = c.createStatement()) {
            s.execute("set statement_timeout = '" + settings.stepTimeout().toMillis() + "ms'");
            c.setAutoCommit(!rollsBack);
            for (int i = 0; i < repeats; i++) {
                for (int k = 0; k < t.index(); k++) {
                    s.execute(t.step().statements().get(k).sql());
                }
                long start = System.nanoTime();
                s.execute(t.statement().sql());
                best = Math.min(best, (System.nanoTime() - start) / 1e6);
                if (rollsBack) {
                    c.rollback();
                }
            }
        }
        return best;
    }

    private static void shrink(Database db, Target t, long keep) throws SQLException {
        String table = quoted(t);
        try (Connection c = db.connect("zerodown-predict"); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            // every row past the first `keep` of one scan: a semi-join (hashed, spilling to disk if need be). The
            // `ctid not in (… limit keep)` this replaces could hash its list only within work_mem (about 100,000
            // rows); past that it rescanned the list for every row, and cutting 1M rows ran for hours
            s.execute("delete from " + table + " where ctid in (select ctid from " + table + " offset " + keep + ")");
            s.execute("vacuum full " + table);
            s.execute("analyze " + table);
        }
    }

    private static long count(Database db, Target t) throws SQLException {
        try (Connection c = db.connect("zerodown-predict"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + quoted(t))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String quoted(Target t) {
        return "\"" + t.schema().replace("\"", "\"\"") + "\".\"" + t.table().replace("\"", "\"\"") + "\"";
    }
}
