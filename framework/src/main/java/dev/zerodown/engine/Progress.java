package dev.zerodown.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import dev.zerodown.config.Text;
import dev.zerodown.postgres.Database;
import dev.zerodown.trace.StepExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long run in the log (SLF4J: the Maven log under the plugin, the test's logger under JUnit): one
 * INFO line per transition ({@code k of N}, its time, the run's elapsed time), and while a transition runs longer
 * than {@link #EVERY}, a line every {@link #EVERY} with the statement the migration's backend runs.
 */
final class Progress implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(10);
    static final String APPLICATION_NAME = "zerodown-progress";
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final Database db;
    private final String transition;
    private final int k;
    private final int n;
    private final long runStart;
    private final long start = System.nanoTime();
    private final ScheduledThreadPoolExecutor timer;

    private Progress(Database db, String transition, int k, int n, long runStart, Duration every) {
        this.db = db;
        this.transition = transition;
        this.k = k;
        this.n = n;
        this.runStart = runStart;
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "zerodown-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::stillRunning, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching transition {@code k} (1-based) of {@code n}; {@code runStart} is the run's nanoTime origin. */
    static Progress start(Database db, String transition, int k, int n, long runStart) {
        return start(db, transition, k, n, runStart, EVERY);
    }

    static Progress start(Database db, String transition, int k, int n, long runStart, Duration every) {
        return new Progress(db, transition, k, n, runStart, every);
    }

    /** Logs the transition's end. */
    void finished(String verdict) {
        LOG.info("Transition {} of {} {}: {} in {} (run elapsed {})", k, n, verdict, transition, since(start),
                since(runStart));
    }

    private void stillRunning() {
        LOG.info(stillRunningLine());
    }

    /** The line logged every {@link #EVERY} while the transition runs. */
    String stillRunningLine() {
        String statement = null;
        try {
            statement = runningStatement();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Reading the running statement failed", e);
        }
        return "Transition " + k + " of " + n + " still running after " + since(start) + " (run elapsed "
                + since(runStart) + "): " + transition + (statement == null ? "" : "; running: " + statement);
    }

    /** What the migration's backend runs now, with how long it has, or null when it runs nothing. */
    private String runningStatement() throws SQLException {
        try (Connection c = db.connect(APPLICATION_NAME);
             PreparedStatement ps = c.prepareStatement("select query, extract(epoch from clock_timestamp() - query_start)"
                     + " from pg_stat_activity where application_name = ? and state = 'active'")) {
            ps.setString(1, StepExecutor.APPLICATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return Text.statement(rs.getString(1)) + " (for " + seconds(rs.getDouble(2)) + ")";
            }
        }
    }

    private static String since(long nanoOrigin) {
        return seconds((System.nanoTime() - nanoOrigin) / 1e9);
    }

    private static String seconds(double s) {
        long whole = (long) s;
        return whole >= 60 ? String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60)
                : String.format(Locale.ROOT, "%.1fs", s);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
