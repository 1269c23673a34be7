package dev.zerodown.load;

import dev.zerodown.postgres.Database;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.VersionStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves traffic for the live app versions: per version a HikariCP pool (pool name and
 * {@code application_name} {@code zd-app:<version>}, so lock waits can be attributed) and N client
 * threads ({@code zd-load:<version>-<n>}), each with its own {@link AppVersion} instance.
 *
 * <p>Open loop ({@code rate > 0}): requests are scheduled at the target rate per version and taken
 * by whichever client is free; latency counts from the scheduled start, so a stall shows in the
 * percentiles of every request it delayed (corrected for coordinated omission). Closed loop
 * ({@code rate = 0}): each client starts its next request when the previous one ends.
 *
 * <p>Every request is recorded: ok, failed (grouped by SQLState and statement, with a sample
 * message) or an expected domain error. Measuring windows ({@link #beginWindow()},
 * {@link #endWindow()}) give the stats of a transition; {@link #points} gives ~100 ms intervals for
 * the timeline. Every wait is bounded; {@link #close()} stops everything.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class LoadDriver implements AutoCloseable {
    /** Length of a timeline interval. */
    public static final long INTERVAL_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);

    private final Database db;
    private final LoadSettings settings;
    private final long originNanos;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, VersionLoad> running = new LinkedHashMap<>();
    private final Map<String, VersionLoad> inWindow = new LinkedHashMap<>();
    private final List<VersionLoad> everStarted = new CopyOnWriteArrayList<>();
    private final List<VersionLoad> ticking = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;
    private boolean closed;

    /**
     * @param originNanos {@code System.nanoTime()} when the run started; the ms of {@link #points}
     *                    count from it
     */
    public LoadDriver(Database db, LoadSettings settings, long originNanos) {
        this.db = Objects.requireNonNull(db, "db");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.originNanos = originNanos;
    }

    public LoadSettings settings() {
        return settings;
    }

    /**
     * Starts serving traffic for a version. A {@link SqlWorkload} or {@link SyntheticWorkload} gets
     * the run's seed and {@code {{seq}}} counter. Run a SQL workload's
     * {@link SqlWorkload#baselineCheck baseline check} before, when the version starts on the baseline.
     *
     * @param synthetic the traffic was derived from the catalog (reported as such)
     * @param canary    a retired version kept running by the rollback check
     * @throws IllegalStateException  if the version is already running or the driver is closed
     * @throws dev.zerodown.config.ConfigurationException if the factory fails to create an app instance
     */
    public void start(String version, AppVersionFactory factory, boolean synthetic, boolean canary) {
        start(version, factory, synthetic, canary, false);
    }

    /**
     * Starts a version that joins at a deploy: synthetic traffic binds to the schema of this moment
     * and keeps the requests its role lacks a privilege for (they fail, measured: the code deployed
     * with this schema needs them).
     */
    public void startDeployed(String version, AppVersionFactory factory) {
        start(version, factory, false, false, true);
    }

    private synchronized void start(String version, AppVersionFactory factory, boolean synthetic, boolean canary,
                                    boolean deployed) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(factory, "factory");
        if (closed) {
            throw new IllegalStateException("The load driver is closed");
        }
        if (running.containsKey(version)) {
            throw new IllegalStateException("App version '" + version + "' is already running");
        }
        VersionLoad load = VersionLoad.start(db, version, factory, synthetic || synthetic(factory), canary, deployed, settings,
                sequence);
        running.put(version, load);
        inWindow.put(version, load);
        everStarted.add(load);
        ticking.add(load);
        startTicker();
        LOG.debug("Started app version '{}' with {} clients ({})", version, settings.clients(),
                settings.openLoop() ? settings.rate() + " requests/s" : "closed loop");
    }

    private static boolean synthetic(AppVersionFactory f) {
        return f instanceof SyntheticWorkload || f instanceof SyntheticTraffic;
    }

    /** True while the version serves traffic. */
    public synchronized boolean isRunning(String version) {
        return running.containsKey(version);
    }

    /**
     * Stops a version: its clients finish the request in flight (up to 1 s, still recorded), the rest
     * are aborted with the pool's connections. Its stats stay in the current window. Returns within
     * about 30 s in the worst case.
     *
     * @throws IllegalArgumentException if the version is not running
     */
    public void stop(String version) {
        VersionLoad load;
        synchronized (this) {
            load = running.remove(version);
        }
        if (load == null) {
            throw new IllegalArgumentException("App version '" + version + "' is not running");
        }
        ticking.remove(load);
        load.stop(originNanos);
    }

    /** Starts a new measuring window for every running version; versions stopped before are dropped from it. */
    public synchronized void beginWindow() {
        long now = System.nanoTime();
        inWindow.clear();
        for (VersionLoad load : running.values()) {
            load.beginWindow(now);
            inWindow.put(load.version, load);
        }
    }

    /**
     * The stats since {@link #beginWindow()} (or since the version started, if later) of every
     * version that ran in the window, in start order. {@code migrationWaits} and
     * {@code maxMigrationWaitMs} are 0: the engine fills them from the lock sampler.
     * {@code total = ok + failed + expectedErrors}.
     */
    public synchronized Map<String, VersionStats> endWindow() {
        long now = System.nanoTime();
        Map<String, VersionStats> stats = new LinkedHashMap<>();
        for (VersionLoad load : inWindow.values()) {
            stats.put(load.version, load.stats(now));
        }
        return stats;
    }

    /**
     * Per version, per interval of about {@value #INTERVAL_MS} ms that ended in [fromMs, toMs] (ms
     * since the run started): requests ok (expected errors included) and failed, latency p50/p99.
     */
    public List<Timeline.LoadPoint> points(long fromMs, long toMs) {
        flushAll();
        List<Timeline.LoadPoint> points = new ArrayList<>();
        for (VersionLoad load : everStarted) {
            points.addAll(load.series.between(fromMs, toMs));
        }
        points.sort(Comparator.comparingLong(Timeline.LoadPoint::atMs).thenComparing(Timeline.LoadPoint::version));
        return points;
    }

    /** Milliseconds since the run started. */
    public long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos);
    }

    /** Stops every version and the interval ticker; bounded. */
    @Override
    public void close() {
        List<String> versions;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            versions = new ArrayList<>(running.keySet());
        }
        for (String v : versions) {
            try {
                stop(v);
            } catch (RuntimeException e) {
                LOG.warn("Stopping app version '{}' failed: {}", v, e.toString());
            }
        }
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
            ticker = null;
        }
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startTicker() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zd-load-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::flushAll, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void flushAll() {
        long atMs = nowMs();
        for (VersionLoad load : ticking) {
            try {
                load.series.flush(atMs);
            } catch (RuntimeException e) {
                LOG.warn("Closing a timeline interval of app version '{}' failed: {}", load.version, e.toString());
            }
        }
    }
}
