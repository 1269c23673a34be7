package dev.zerodown.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.Durations;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.plan.RolloutEvent;
import dev.zerodown.postgres.Database;

/**
 * A session that holds ACCESS SHARE on tables inside an open transaction for a while, like a long report query
 * or an idle-in-transaction client, so the next step's lock request has to wait behind it: on one table (the
 * rollout's {@code longTransaction(table, duration)}) or on every table there is (the setting
 * {@code longTransaction}).
 */
final class LongTransactionActor implements AutoCloseable {
    static final String APPLICATION_NAME = "zerodown-long-transaction";
    private static final Duration START_WAIT = Duration.ofSeconds(10);

    /**
     * The user tables a step may find in its way: ordinary and partitioned ones (a LOCK TABLE on a parent locks
     * its partitions too), outside the system schemas, that this role may read (ACCESS SHARE needs SELECT).
     */
    static final String USER_TABLES = """
            select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition and c.relpersistence <> 't'
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
              and n.nspname not like 'pg\\_temp%' and has_table_privilege(c.oid, 'SELECT')
            order by 1""";

    private final Thread thread;
    private final CountDownLatch locked = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Exception failure;
    private volatile List<String> tables = List.of();

    private LongTransactionActor(Database db, String table, Duration duration) {
        thread = new Thread(() -> hold(db, table, duration), "zerodown-long-transaction");
        thread.setDaemon(true);
    }

    /** Starts the session on the rollout's table and returns once its lock is granted (bounded). */
    static LongTransactionActor start(Database db, RolloutEvent.LongTransaction hold) {
        LongTransactionActor a = started(db, hold.table(), hold.duration(), "The long transaction on " + hold.table());
        if (a.failure != null) {
            a.close();
            String where = hold.source() == null ? "Rollout" : hold.source();
            throw new ConfigurationException(where + ": the long transaction could not lock table '" + hold.table()
                    + "': " + firstLine(a.failure));
        }
        return a;
    }

    /**
     * Starts the session of the setting {@code longTransaction}: ACCESS SHARE on every user table there is (the
     * step's own new tables do not exist yet), granted before this returns (bounded).
     */
    static LongTransactionActor everyTable(Database db, Duration duration) {
        LongTransactionActor a = started(db, null, duration, "The long transaction of longTransaction="
                + Durations.format(duration));
        if (a.failure != null) {
            a.close();
            throw new EnvironmentException("setting `longTransaction` (property zerodown.longTransaction): the session"
                    + " could not take ACCESS SHARE on the tables before the step: " + firstLine(a.failure)
                    + "; unset longTransaction, or give the role SELECT on them");
        }
        return a;
    }

    private static LongTransactionActor started(Database db, String table, Duration duration, String what) {
        LongTransactionActor a = new LongTransactionActor(db, table, duration);
        a.thread.start();
        try {
            if (!a.locked.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                a.close();
                throw new EnvironmentException(what + " did not get its lock within " + START_WAIT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a.close();
            throw new IllegalStateException("interrupted while starting the long transaction", e);
        }
        return a;
    }

    /** The tables it holds ACCESS SHARE on (empty until the lock is granted). */
    List<String> tables() {
        return tables;
    }

    private void hold(Database db, String table, Duration duration) {
        try (Connection c = db.connect(APPLICATION_NAME)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                List<String> names = table == null ? userTables(s) : List.of(table);
                if (!names.isEmpty()) {
                    s.execute("lock table " + String.join(", ", names) + " in access share mode");
                }
                tables = List.copyOf(names);
                locked.countDown();
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
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

    private static List<String> userTables(Statement s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(USER_TABLES)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
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
