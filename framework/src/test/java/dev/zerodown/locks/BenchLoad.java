package dev.zerodown.locks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import dev.zerodown.postgres.Database;

/**
 * A pgbench-like closed-loop load for the benchmark: N clients, each on its own connection, doing
 * point selects and point updates (half each) on {@code accounts} in autocommit, as fast as they can.
 */
final class BenchLoad implements AutoCloseable {
    static final int ROWS = 100_000;

    private final List<Thread> threads = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong ops = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    static void seed(Database db) throws SQLException {
        try (Connection c = db.connect("bench-seed"); var s = c.createStatement()) {
            s.execute("create table accounts (aid int primary key, abalance int not null, filler char(84))");
            s.execute("insert into accounts select g, 0, '' from generate_series(1, " + ROWS + ") g");
            s.execute("create table target (id int primary key)");
            s.execute("insert into target values (1)");
            s.execute("vacuum analyze accounts");
            s.execute("vacuum analyze target");
        }
    }

    BenchLoad(Database db, int clients) throws SQLException {
        try {
            for (int i = 0; i < clients; i++) {
                Connection c = db.connect("zd-app:bench");
                connections.add(c);
                Thread t = new Thread(() -> work(c), "bench-client-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
        threads.forEach(Thread::start);
    }

    /** Requests completed so far. */
    long ops() {
        return ops.get();
    }

    long errors() {
        return errors.get();
    }

    private void work(Connection c) {
        try (PreparedStatement select = c.prepareStatement("select abalance from accounts where aid = ?");
             PreparedStatement update = c.prepareStatement("update accounts set abalance = abalance + ? where aid = ?")) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop.get()) {
                int aid = random.nextInt(1, ROWS + 1);
                if (random.nextBoolean()) {
                    select.setInt(1, aid);
                    select.executeQuery().close();
                } else {
                    update.setInt(1, random.nextInt(-5000, 5001));
                    update.setInt(2, aid);
                    update.executeUpdate();
                }
                ops.incrementAndGet();
            }
        } catch (SQLException e) {
            if (!stop.get()) {
                errors.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing at the end of a round
            }
        }
    }
}
