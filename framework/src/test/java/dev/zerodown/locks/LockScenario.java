package dev.zerodown.locks;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.zerodown.postgres.Database;
import dev.zerodown.postgres.Postgres;

/**
 * A fresh database with a seeded table {@code public.items}, plain JDBC sessions that hold and wait
 * for locks, and everything closed at the end (also when the test fails).
 */
final class LockScenario implements AutoCloseable {
    final Database db;
    final long originNanos = System.nanoTime();
    private final List<Connection> connections = new ArrayList<>();
    private final ExecutorService clients = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lock-test-client");
        t.setDaemon(true);
        return t;
    });
    private final Connection observer;

    LockScenario(String label) throws SQLException {
        this.db = Postgres.embedded(17).createDatabase(label);
        try {
            this.observer = session("test-observer");
            execute(observer, "create table items (id int primary key, v text); "
                    + "insert into items select g, 'v' || g from generate_series(1, 1000) g");
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A new session with a statement timeout, so that no test can hang on a lock. */
    Session open(String applicationName) throws SQLException {
        Connection c = session(applicationName);
        return new Session(c, pid(c));
    }

    /** A session that began a transaction. */
    Session openInTransaction(String applicationName) throws SQLException {
        Session s = open(applicationName);
        s.connection.setAutoCommit(false);
        return s;
    }

    long nowMs() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }

    /** Runs {@code sql} on a client thread, timing it as the client sees it (ms since origin). */
    Future<Timed> submit(Session s, String sql) {
        return clients.submit(() -> {
            long t0 = System.nanoTime();
            execute(s.connection, sql);
            long t1 = System.nanoTime();
            return new Timed((t0 - originNanos) / 1_000_000.0, (t1 - originNanos) / 1_000_000.0);
        });
    }

    /** Runs {@code work} on a client thread. */
    <T> Future<T> submit(java.util.concurrent.Callable<T> work) {
        return clients.submit(work);
    }

    /** Waits until backend {@code pid} waits for a lock. */
    void awaitWaiting(int pid) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> isWaiting(pid));
    }

    boolean isWaiting(int pid) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement("select count(*) from pg_locks where pid = ? and not granted")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** How many sessions of {@code applicationName} pg_stat_activity shows in this database. */
    int sessionsNamed(String applicationName) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement(
                "select count(*) from pg_stat_activity where datname = current_database() and application_name = ?")) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection session(String applicationName) throws SQLException {
        Connection c = db.connect(applicationName);
        connections.add(c);
        execute(c, "set statement_timeout = '20s'");
        return c;
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() {
        clients.shutdownNow();
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                // the database is dropped next
            }
        }
        try {
            clients.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }

    record Session(Connection connection, int pid) {
        void commit() throws SQLException {
            connection.commit();
        }

        void run(String sql) throws SQLException {
            execute(connection, sql);
        }
    }

    /** A statement as its client timed it, ms since origin. */
    record Timed(double startMs, double endMs) {
        double ms() {
            return endMs - startMs;
        }
    }
}
