package dev.zerodown.locks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.postgres.Database;
import dev.zerodown.result.Timeline;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples pg_locks, pg_stat_activity and pg_blocking_pids every few milliseconds on its own
 * connection (application_name {@value #APPLICATION_NAME}) in a daemon thread, and keeps:
 * <ul>
 *   <li>every lock wait of a backend of the database, merged across consecutive samples, with who
 *       blocked it (through the whole chain, the lock queue included) and whether the migration's
 *       backend was in that chain;</li>
 *   <li>the relation locks the migration's backend held, as intervals.</li>
 * </ul>
 * All times are milliseconds since {@code originNanos}. Sampling errors are counted and kept, never
 * thrown into a caller's thread. See docs/lock-sampler.md for what is measured and how precisely.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class LockMonitor implements AutoCloseable {
    /** The monitor's own application_name; its backend never counts as a waiter. */
    public static final String APPLICATION_NAME = "zerodown-monitor";
    /** The default sampling interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(5);

    static final int MAX_KEPT = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(LockMonitor.class);
    private static final long JOIN_MILLIS = 2_000;
    private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;
    /**
     * When a typical sample (a moving average, so one slow sample on a busy machine changes nothing)
     * takes longer than the interval, samples are spaced this many times its duration apart instead of
     * back to back, so the sampler is busy at most half of the time: reading pg_locks grows with the
     * number of locks held (about 13 ms with 5,000 held), and a sampler that never rests would slow the very
     * backends it measures. The gaps this opens show in {@link #maxGapMs()}.
     */
    static final int SLOW_SAMPLE_SPACING = 2;

    private final Database db;
    private final long intervalNanos;
    private final long originNanos;
    private final Object state = new Object();
    private final WaitTracker waits = new WaitTracker(MAX_KEPT);
    private final HoldTracker holds = new HoldTracker(MAX_KEPT);
    private final GapTracker gaps = new GapTracker(MAX_KEPT);
    private final ServerLogWaits serverLog;
    private final java.util.ArrayList<long[]> migrationPids = new java.util.ArrayList<>();
    private Connection logConnection;
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int migrationPid;
    private volatile long maxGapNanos;
    private volatile String lastError;
    private final AtomicLong connectionsLost = new AtomicLong();
    private volatile String lastConnectionLoss;
    private volatile Connection connection;
    private SampleQuery query;
    private long lastSampleNanos = Long.MIN_VALUE;
    private int sampledPid;
    private volatile double typicalNanos;
    private volatile long pausedUntilNanos = Long.MIN_VALUE;
    private long backoffNanos;
    private long reconnectAtNanos;

    private LockMonitor(Database db, Duration interval, long originNanos, Connection connection, SampleQuery query) {
        this.db = db;
        this.intervalNanos = interval.toNanos();
        this.originNanos = originNanos;
        this.connection = connection;
        this.query = query;
        this.serverLog = new ServerLogWaits(db.name(),
                System.currentTimeMillis() - Names.ms(System.nanoTime() - originNanos), MAX_KEPT);
        this.thread = new Thread(this::loop, "zerodown-lock-monitor");
        this.thread.setDaemon(true);
    }

    /**
     * Starts sampling on its own connection in a daemon thread.
     *
     * @param originNanos {@code System.nanoTime()} at run start; every ms value counts from it
     * @throws EnvironmentException when the monitor cannot connect
     */
    public static LockMonitor start(Database db, Duration interval, long originNanos) {
        Objects.requireNonNull(db, "db");
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The lock sampler interval must be positive, was " + interval);
        }
        Connection c = null;
        try {
            c = connect(db);
            LockMonitor m = new LockMonitor(db, interval, originNanos, c, new SampleQuery(c));
            m.serverLog.startAtEnd(c);
            m.thread.start();
            return m;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new EnvironmentException("The lock sampler could not connect to " + db + ": " + e.getMessage(), e);
        }
    }

    /** The backend whose locks and waits are "the migration's" from now on; 0 = none. */
    public void migrationPid(int pid) {
        this.migrationPid = pid;
        synchronized (migrationPids) {
            migrationPids.add(new long[] {nowMs(), pid});
        }
    }

    /** The migration's backend at {@code ms} as set by {@link #migrationPid(int)}; 0 = none. */
    int migrationPidAt(long ms) {
        synchronized (migrationPids) {
            int pid = 0;
            for (long[] e : migrationPids) {
                if (e[0] > ms) {
                    break;
                }
                pid = (int) e[1];
            }
            return pid;
        }
    }

    /**
     * The lock waits the server itself logged ({@code log_lock_waits}; the embedded server logs every
     * wait of {@code deadlock_timeout} = 10 ms or more) that overlapped [fromMs, toMs], attributed as the
     * sampler attributes its own: who, relation, mode, blockers (the lock's holders, then the backends
     * queued ahead), {@code causedByMigration}. They fill the sampler's gaps. Empty when the server does
     * not log lock waits to a {@code jsonlog}/{@code csvlog} file in its data directory (a Testcontainers
     * or external server); see {@link #serverLogAvailable()}. Reads the log on its own connection.
     */
    public List<Timeline.LockWait> serverLogWaits(long fromMs, long toMs) {
        synchronized (serverLog) {
            try {
                if (logConnection == null || logConnection.isClosed()) {
                    logConnection = connect(db);
                }
                return serverLog.waits(logConnection, fromMs, toMs, this::migrationPidAt);
            } catch (SQLException | RuntimeException e) {
                lastError = "server log: " + e.getMessage();
                closeQuietly(logConnection);
                logConnection = null;
                return List.of();
            }
        }
    }

    /** True when the server's log of lock waits could be read (known after the first {@link #serverLogWaits}). */
    public boolean serverLogAvailable() {
        synchronized (serverLog) {
            return serverLog.available();
        }
    }

    /** Milliseconds since the run's origin. */
    public long nowMs() {
        return Names.ms(System.nanoTime() - originNanos);
    }

    /**
     * Relation locks (granted) that backend {@code pid} held in [fromMs, toMs], one interval per
     * (relation, mode) as the samples saw it: from the first sample that saw it to the last (or
     * {@code toMs} if still held). Only the backend set by {@link #migrationPid(int)} is sampled.
     */
    public List<Timeline.LockHold> holds(int pid, long fromMs, long toMs) {
        long now = nowMs();
        synchronized (state) {
            return holds.overlapping(pid, fromMs, toMs, now);
        }
    }

    /**
     * Every lock wait of a backend of this database (the monitor's own excepted) that overlapped
     * [fromMs, toMs], one per (backend, lock, statement), merged across consecutive samples. A wait
     * starts when the server says it did ({@code pg_locks.waitstart}, PostgreSQL 14 and later; on 13
     * halfway between the first sample that saw it and the one before) and ends halfway between the
     * last sample that saw it and the first that no longer did, so a wait seen once lasts about one
     * interval and the error stays within one interval; a wait still going on ends at the last
     * sample. Who blocked it: pg_blocking_pids followed through the chain (holders and backends
     * queued ahead with a conflicting request), nearest first.
     */
    public List<Timeline.LockWait> waits(long fromMs, long toMs) {
        synchronized (state) {
            return waits.overlapping(fromMs, toMs);
        }
    }

    /** Successful samples taken so far. */
    public long sampleCount() {
        return samples.get();
    }

    /** The longest time between two consecutive successful samples, in ms. */
    public double maxGapMs() {
        return maxGapNanos / 1e6;
    }

    /**
     * The longest time inside [fromMs, toMs] during which the sampler took no sample, in ms: each gap
     * between two consecutive successful samples clipped to the window, and the time since the last
     * sample. A wait shorter than this gap may have gone unseen in it. 0 when no sample was taken yet.
     * Exact for windows within the last {@value GapTracker#RECENT} samples; older windows keep only their
     * gaps of {@value GapTracker#LONG_GAP_MS} ms or more.
     */
    public double maxGapMs(long fromMs, long toMs) {
        long now = System.nanoTime() - originNanos;
        synchronized (state) {
            return gaps.maxGap(fromMs * 1_000_000L, toMs * 1_000_000L, now) / 1e6;
        }
    }

    /**
     * Test hook: takes no sample for {@code pause}, as a sampler starved of CPU on a loaded machine
     * would. Package-private; tests reach it through their own helper.
     */
    void pauseFor(Duration pause) {
        pausedUntilNanos = System.nanoTime() + pause.toNanos();
        LockSupport.unpark(thread);
    }

    /** How long a sample typically takes (wall time, a moving average), in ms. */
    public double typicalSampleMs() {
        return typicalNanos / 1e6;
    }

    /** The configured interval. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Failed samples and reconnection attempts so far. */
    public long errorCount() {
        return errors.get();
    }

    /**
     * How often the server ended the sampler's connection (SQLState class 08, or 57P01–57P03: shutdown, crash,
     * not accepting connections). Nothing in a run ends the sampler's backend on purpose, so this is the mark of
     * a server that restarted, crashed or stopped.
     */
    public long connectionsLost() {
        return connectionsLost.get();
    }

    /** The error of the last lost connection, if any. */
    public Optional<String> lastConnectionLoss() {
        return Optional.ofNullable(lastConnectionLoss);
    }

    /** The last sampling error, for the report. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Finished waits dropped because more than the cap were kept. */
    public long droppedWaits() {
        synchronized (state) {
            return waits.dropped();
        }
    }

    /** True while the sampling thread runs. */
    boolean sampling() {
        return thread.isAlive();
    }

    /** Stops the thread (bounded join) and closes the connection. Idempotent. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                closeQuietly(connection);
                thread.join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(connection);
            synchronized (serverLog) {
                closeQuietly(logConnection);
                logConnection = null;
            }
        }
    }

    private void loop() {
        long next = System.nanoTime();
        try {
            while (running) {
                long wait = Math.max(next, pausedUntilNanos) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    Thread.interrupted(); // an interrupt must not turn the pause into a spin; close() stops the loop
                    continue;
                }
                long began = System.nanoTime();
                sampleOnce();
                long now = System.nanoTime();
                typicalNanos += (now - began - typicalNanos) / 10;
                next = Math.max(next + intervalNanos, now);
                if (typicalNanos > intervalNanos) {
                    next = Math.max(next, began + SLOW_SAMPLE_SPACING * (long) typicalNanos);
                }
            }
        } finally {
            synchronized (state) {
                long end = lastSampleNanos == Long.MIN_VALUE ? System.nanoTime() - originNanos : lastSampleNanos;
                waits.closeAll(end);
                holds.closeAll();
            }
            disconnect();
        }
    }

    private void sampleOnce() {
        if (query == null && !reconnect()) {
            return;
        }
        int pid = migrationPid;
        if (pid != sampledPid) {
            query.forgetNames();
            sampledPid = pid;
        }
        try {
            long t0 = System.nanoTime();
            List<LockRow> rows = query.run(pid);
            long at = (t0 + System.nanoTime()) / 2 - originNanos;
            BlockingChain chain = new BlockingChain(rows);
            synchronized (state) {
                waits.onSample(at, rows, chain, pid);
                holds.onSample(at, rows);
                gaps.onSample(at);
            }
            if (lastSampleNanos != Long.MIN_VALUE && at - lastSampleNanos > maxGapNanos) {
                maxGapNanos = at - lastSampleNanos;
            }
            lastSampleNanos = at;
            samples.incrementAndGet();
            backoffNanos = 0;
        } catch (SQLException | RuntimeException e) {
            failed(e);
        }
    }

    private boolean reconnect() {
        if (System.nanoTime() - reconnectAtNanos < 0) {
            return false;
        }
        try {
            connection = connect(db);
            query = new SampleQuery(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            failed(e);
            return false;
        }
    }

    /** Counts the error, ends what was open at the last sample, and reconnects after a growing pause. */
    private void failed(Exception e) {
        long n = errors.incrementAndGet();
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof SQLException sql && lostConnection(sql.getSQLState())) {
            lastConnectionLoss = "SQLState " + sql.getSQLState() + ": " + String.valueOf(sql.getMessage()).lines().findFirst().orElse("");
            connectionsLost.incrementAndGet();
        }
        if (n == 1) {
            LOG.warn("Lock sampler on {} failed, retrying: {}", db, lastError);
        } else {
            LOG.debug("Lock sampler on {} failed again ({} errors): {}", db, n, lastError);
        }
        if (lastSampleNanos != Long.MIN_VALUE) {
            synchronized (state) {
                waits.closeAll(lastSampleNanos + intervalNanos);
                holds.closeAll();
            }
        }
        disconnect();
        backoffNanos = Math.min(MAX_BACKOFF_NANOS, Math.max(intervalNanos, backoffNanos * 2));
        reconnectAtNanos = System.nanoTime() + backoffNanos;
    }

    /** Connection exceptions (class 08) and the server's own ending of a session: admin shutdown, crash shutdown, cannot connect now. */
    static boolean lostConnection(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }

    private void disconnect() {
        if (query != null) {
            try {
                query.close();
            } catch (SQLException e) {
                LOG.debug("Closing the sampler statement failed", e);
            }
            query = null;
        }
        closeQuietly(connection);
        connection = null;
    }

    private static Connection connect(Database db) throws SQLException {
        Connection c = db.connect(APPLICATION_NAME);
        try (Statement s = c.createStatement()) {
            s.execute("set statement_timeout = '2s'; set lock_timeout = '1s'; set jit = off;"
                    + " set plan_cache_mode = force_generic_plan");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing the sampler connection failed", e);
        }
    }
}
