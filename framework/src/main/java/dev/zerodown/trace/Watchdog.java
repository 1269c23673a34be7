package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import dev.zerodown.postgres.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels a step still running after the step timeout: records what the migration's backend was
 * waiting for (and who blocked it), then {@code pg_cancel_backend} from a connection of its own;
 * if the backend does not let go within a grace period, {@code pg_terminate_backend}.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final long GRACE_MS = 5_000;

    private final Database db;
    private final int pid;
    private final LockSource clock;
    private final ScheduledExecutorService timer;
    private volatile boolean fired;
    private volatile Blockers blockers;
    private volatile long firedAtMs = -1;

    private Watchdog(Database db, int pid, LockSource clock) {
        this.db = db;
        this.pid = pid;
        this.clock = clock;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "zerodown-step-watchdog");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    static Watchdog start(Database db, int pid, Duration timeout, LockSource clock) {
        Watchdog w = new Watchdog(db, pid, clock);
        w.timer.schedule(w::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return w;
    }

    /** True once the timeout passed (the step must stop). */
    boolean fired() {
        return fired;
    }

    /** What the backend waited for when the timeout passed; null before. */
    Blockers blockers() {
        return blockers;
    }

    long firedAtMs() {
        return firedAtMs;
    }

    private void fire() {
        try (Connection c = db.connect("zerodown-watchdog")) {
            try {
                blockers = Blockers.of(c, pid);
            } catch (SQLException e) {
                LOG.debug("Reading what the migration waits for failed", e);
                blockers = new Blockers(null, null, null, java.util.List.of());
            }
            firedAtMs = clock.nowMs();
            fired = true;
            signal(c, "pg_cancel_backend");
            timer.schedule(this::terminate, GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (SQLException | RuntimeException e) {
            fired = true;
            LOG.warn("Cancelling the migration backend {} after the step timeout failed: {}", pid, e.getMessage());
        }
    }

    private void terminate() {
        try (Connection c = db.connect("zerodown-watchdog")) {
            LOG.warn("Migration backend {} did not stop within {} ms of its cancel; terminating it", pid, GRACE_MS);
            signal(c, "pg_terminate_backend");
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Terminating the migration backend {} failed: {}", pid, e.getMessage());
        }
    }

    private void signal(Connection c, String function) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_catalog." + function + "(?)")) {
            s.setInt(1, pid);
            s.execute();
        }
    }

    /** Stops the timer (and a pending terminate); waits a bounded time for a running cancel. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The step watchdog did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
