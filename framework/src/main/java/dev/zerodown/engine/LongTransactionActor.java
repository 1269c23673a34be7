package dev.zerodown.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.plan.RolloutEvent;
import dev.zerodown.postgres.Database;

/**
 * A session that holds ACCESS SHARE on a table inside an open transaction for a while, like a long
 * report query or an idle-in-transaction client, so the next step's lock request has to wait behind it.
 */
final class LongTransactionActor implements AutoCloseable {
    static final String APPLICATION_NAME = "zerodown-long-transaction";
    private static final Duration START_WAIT = Duration.ofSeconds(10);

    private final Thread thread;
    private final CountDownLatch locked = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Exception failure;

    private LongTransactionActor(Database db, RolloutEvent.LongTransaction hold) {
        thread = new Thread(() -> hold(db, hold), "zerodown-long-transaction");
        thread.setDaemon(true);
    }

    /** Starts the session and returns once its lock is granted (bounded). */
    static LongTransactionActor start(Database db, RolloutEvent.LongTransaction hold) {
        LongTransactionActor a = new LongTransactionActor(db, hold);
        a.thread.start();
        try {
            if (!a.locked.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                a.close();
                throw new EnvironmentException("The long transaction on " + hold.table() + " did not get its lock within "
                        + START_WAIT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a.close();
            throw new IllegalStateException("interrupted while starting the long transaction", e);
        }
        if (a.failure != null) {
            a.close();
            String where = hold.source() == null ? "Rollout" : hold.source();
            throw new ConfigurationException(where + ": the long transaction could not lock table '" + hold.table()
                    + "': " + String.valueOf(a.failure.getMessage()).lines().findFirst().orElse(""));
        }
        return a;
    }

    private void hold(Database db, RolloutEvent.LongTransaction hold) {
        try (Connection c = db.connect(APPLICATION_NAME)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("lock table " + hold.table() + " in access share mode");
                locked.countDown();
                stop.await(hold.duration().toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            locked.countDown();
        }
    }

    /** Ends the transaction now if it still runs, and waits (bounded) for the session to close. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
