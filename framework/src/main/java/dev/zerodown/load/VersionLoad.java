package dev.zerodown.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.postgres.Database;
import dev.zerodown.result.Traffic;
import dev.zerodown.result.VersionStats;
import java.util.Map;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One live version: its pool, its client threads, its schedule and what they recorded. */
final class VersionLoad {
    static final String APP_PREFIX = "zd-app:";
    static final String THREAD_PREFIX = "zd-load:";
    static final long GRACE_MS = 1_000;
    static final long ABORT_MS = 15_000;
    static final long CONNECTION_TIMEOUT_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(VersionLoad.class);

    final String version;
    final Traffic traffic;
    final boolean canary;
    final IntervalSeries series;
    private final LoadSettings settings;
    private final HikariDataSource pool;
    private final List<Thread> clients = new ArrayList<>();
    private final AtomicReference<WindowStats> window = new AtomicReference<>();
    private final AtomicLong tickets = new AtomicLong();
    private long scheduleStartNanos;
    private volatile boolean running = true;
    private volatile boolean recording = true;

    private VersionLoad(String version, Traffic traffic, boolean canary, LoadSettings settings, HikariDataSource pool) {
        this.version = version;
        this.traffic = traffic;
        this.canary = canary;
        this.settings = settings;
        this.pool = pool;
        this.series = new IntervalSeries(version);
    }

    /**
     * Opens the pool, binds synthetic traffic to the schema of this moment, creates one app instance
     * per client (on this thread) and starts the clients. A synthetic version that knows no table it
     * can use starts no client: it idles, and its stats say so.
     *
     * @param deployed the version joins at a deploy (synthetic traffic then keeps requests its role
     *                 lacks the privilege for: they are findings)
     */
    static VersionLoad start(Database db, String version, AppVersionFactory factory, boolean synthetic, boolean canary,
                             boolean deployed, LoadSettings settings, AtomicLong sequence) {
        String role = settings.roles().roleOf(version);
        HikariDataSource pool = openPool(db, version, settings.clients(), settings.roles());
        List<AppVersion> apps = new ArrayList<>();
        VersionLoad load;
        try {
            warmUp(pool, version, settings.clients());
            if (factory instanceof SqlWorkload w && !w.sampledColumns().isEmpty()) {
                try (Connection c = pool.getConnection()) {
                    w.sample(c);
                } catch (SQLException e) {
                    throw new EnvironmentException("Could not connect to sample the columns of version '" + version + "': "
                            + e.getMessage(), e);
                }
            }
            AppVersionFactory f = factory instanceof SyntheticTraffic st ? st.bind(pool, deployed, sequence::incrementAndGet)
                    : factory;
            Traffic traffic = traffic(f, role, synthetic);
            load = new VersionLoad(version, traffic, canary, settings, pool);
            if (traffic.idle()) {
                LOG.info("App version '{}' knows no table synthetic traffic can use{}; it idles until it retires",
                        version, traffic.skipped().isEmpty() ? "" : " (" + String.join("; ", skippedText(traffic)) + ")");
            } else {
                for (int i = 0; i < settings.clients(); i++) {
                    apps.add(create(f, pool, version, new SplittableRandom(clientSeed(settings.seed(), version, i)), sequence));
                }
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        for (int i = 0; i < apps.size(); i++) {
            Thread t = new Thread(new ClientLoop(load, apps.get(i)), THREAD_PREFIX + version + "-" + (i + 1));
            t.setDaemon(true);
            load.clients.add(t);
        }
        load.scheduleStartNanos = System.nanoTime();
        load.window.set(new WindowStats(load.scheduleStartNanos));
        load.clients.forEach(Thread::start);
        return load;
    }

    private static Traffic traffic(AppVersionFactory f, String role, boolean synthetic) {
        if (f instanceof SyntheticWorkload w) {
            return new Traffic("synthetic", role, w.columns(), w.operations(), w.skipped(), w.idle());
        }
        if (f instanceof SqlWorkload w) {
            return "profile".equals(w.source()) ? Traffic.profile(role, w.skipped()) : Traffic.workload(role);
        }
        return synthetic ? new Traffic("synthetic", role, Map.of(), Map.of(), Map.of(), false) : Traffic.java(role);
    }

    private static List<String> skippedText(Traffic t) {
        List<String> out = new ArrayList<>();
        t.skipped().forEach((table, notes) -> out.add(table + ": " + String.join(", ", notes)));
        return out;
    }

    private static HikariDataSource openPool(Database db, String version, int clients, AppRoles roles) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(APP_PREFIX + version);
        config.setDataSource(roles.dataSource(db, version, APP_PREFIX + version));
        config.setMinimumIdle(clients);
        config.setMaximumPoolSize(clients * 2);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MS);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            String role = roles.roleOf(version);
            if (role != null) {
                throw new ConfigurationException("setting `appRole` (property zerodown.appRole): version '" + version
                        + "' cannot connect as role `" + role + "`: " + Failures.firstLine(rootMessage(e))
                        + "; create the role (with LOGIN) in a migration or an init script, or fix the setting", e);
            }
            throw new EnvironmentException("Could not open the connection pool of version '" + version + "' on "
                    + db + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Opens one connection per client before load, so the first requests do not pay for connecting. */
    private static void warmUp(HikariDataSource pool, String version, int clients) {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                open.add(pool.getConnection());
            }
        } catch (SQLException e) {
            pool.close();
            throw new EnvironmentException("Could not open " + clients + " connections for version '" + version + "': "
                    + e.getMessage(), e);
        } finally {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.debug("Returning a warm-up connection failed: {}", e.toString());
                }
            }
        }
    }

    private static AppVersion create(AppVersionFactory factory, HikariDataSource pool, String version,
                                     SplittableRandom random, AtomicLong sequence) {
        try {
            if (factory instanceof SqlWorkload w) {
                return w.client(pool, random, sequence);
            }
            if (factory instanceof SyntheticWorkload w) {
                return w.client(pool, random, sequence::incrementAndGet);
            }
            AppVersion app = factory.create(pool);
            if (app == null) {
                throw new ConfigurationException("The factory of app version '" + version + "' returned null;"
                        + " return a new AppVersion for each call");
            }
            return app;
        } catch (ConfigurationException | EnvironmentException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigurationException("App version '" + version + "' could not be created: "
                    + Failures.firstLine(String.valueOf(e)) + "; its factory (such as AppV1::new) must build a"
                    + " request object from the DataSource without failing", e);
        }
    }

    static long clientSeed(long seed, String version, int client) {
        long h = seed * 0x9E3779B97F4A7C15L + version.hashCode();
        return h * 31 + client;
    }

    boolean running() {
        return running;
    }

    /**
     * When the next request should start (System.nanoTime), waiting for it in an open loop;
     * {@code -1} once the version stops.
     */
    long nextStart() {
        if (!settings.openLoop()) {
            return running ? System.nanoTime() : -1;
        }
        long k = tickets.getAndIncrement();
        long intended = scheduleStartNanos + (long) (k * (1e9 / settings.rate()));
        long wait;
        while (running && (wait = intended - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
        }
        return running ? intended : -1;
    }

    void record(AppVersion app, long intendedNanos, long endNanos, Throwable failure) {
        if (!recording) {
            return;
        }
        long latency = endNanos - intendedNanos;
        WindowStats w = window.get();
        if (failure == null) {
            w.recordOk(latency);
            series.record(WindowStats.micros(latency), false);
        } else if (failure instanceof Exception e && expected(app, e)) {
            w.recordExpected(latency);
            series.record(WindowStats.micros(latency), false);
        } else {
            w.recordFailed(latency, Failures.classify(failure));
            series.record(WindowStats.micros(latency), true);
        }
    }

    private boolean expected(AppVersion app, Exception e) {
        try {
            return app.isExpectedFailure(e);
        } catch (RuntimeException bug) {
            LOG.warn("isExpectedFailure of app version '{}' threw {}; counting the request as failed", version, bug.toString());
            return false;
        }
    }

    void beginWindow(long nowNanos) {
        window.set(new WindowStats(nowNanos));
    }

    VersionStats stats(long nowNanos) {
        return window.get().snapshot(version, traffic, canary, nowNanos);
    }

    /**
     * Stops the clients: they finish the request in flight (up to {@value #GRACE_MS} ms, still
     * recorded), then the rest are interrupted and their connections aborted by closing the pool.
     */
    void stop(long originNanos) {
        running = false;
        clients.forEach(LockSupport::unpark);
        joinAll(GRACE_MS);
        recording = false;
        long now = System.nanoTime();
        window.get().stoppedAt(now);
        for (Thread t : clients) {
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        pool.close();
        joinAll(ABORT_MS);
        for (Thread t : clients) {
            if (t.isAlive()) {
                LOG.warn("Client thread {} of app version '{}' did not stop within {} ms; it is left as a daemon thread",
                        t.getName(), version, GRACE_MS + ABORT_MS);
            }
        }
        series.flush(TimeUnit.NANOSECONDS.toMillis(now - originNanos));
    }

    private void joinAll(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Thread t : clients) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
