package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.zerodown.judge.HazardRules;
import dev.zerodown.judge.StepJudge;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.postgres.Database;
import dev.zerodown.result.Hazard;

/** Runs one corpus case on one database: the baseline untraced, then each step traced. */
final class CorpusRunner {
    static final String APP = "zd-app:v1";

    /** A traced step and its hazards (with the traffic rules applied when the case has traffic). */
    record StepResult(MigrationStep step, StepTrace trace, List<Hazard> hazards) {
    }

    private CorpusRunner() {
    }

    /** Runs the steps after the baseline, which {@code db} already holds. */
    static List<StepResult> run(CorpusCase c, Database db, LockSource locks) throws Exception {
        TraceSettings settings = c.traceSettings();
        StepExecutor executor = new StepExecutor(db, settings, locks);
        StepExecutor seeder = new StepExecutor(db, TraceSettings.defaults(), locks);
        List<StepResult> out = new ArrayList<>();
        for (MigrationStep step : c.steps().subList(1, c.steps().size())) {
            String key = CorpusCase.stepKey(step);
            if (c.untraced().contains(key)) {
                seeder.applyUntraced(step);
                continue;
            }
            try (Connection blocker = blocker(db, c.blockers().get(key)); Traffic traffic = Traffic.start(db, c.traffic().get(key))) {
                StepTrace trace = executor.execute(step);
                List<Hazard> hazards = traffic == null ? StepJudge.hazards(trace) : HazardRules.withTraffic(trace,
                        StepJudge.hazards(trace), locks.waits(trace.startMs(), trace.endMs()), settings.maxLockWait());
                out.add(new StepResult(step, trace, hazards));
            }
        }
        return out;
    }

    private static Connection blocker(Database db, String sql) throws SQLException {
        if (sql == null) {
            return null;
        }
        Connection c = db.connect(APP);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return c;
    }

    /** A client that runs one statement in a loop until closed. */
    static final class Traffic implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private final Connection connection;

        private Traffic(Connection connection, String sql) {
            this.connection = connection;
            this.thread = new Thread(() -> loop(sql), "corpus-traffic");
            this.thread.setDaemon(true);
        }

        static Traffic start(Database db, String sql) throws SQLException {
            if (sql == null) {
                return null;
            }
            Connection c = db.connect(APP);
            try (Statement s = c.createStatement()) {
                s.execute("set statement_timeout = '30s'");
            }
            Traffic t = new Traffic(c, sql);
            t.thread.start();
            return t;
        }

        private void loop(String sql) {
            while (running.get()) {
                try (Statement s = connection.createStatement()) {
                    s.execute(sql);
                    Thread.sleep(2);
                } catch (SQLException e) {
                    // a failed request is the application's problem, not the corpus'
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join(35_000);
            connection.close();
        }
    }
}
