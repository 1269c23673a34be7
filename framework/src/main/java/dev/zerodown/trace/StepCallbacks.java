package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.Durations;
import dev.zerodown.migrations.CallbackEvent;
import dev.zerodown.migrations.Callbacks;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code beforeEachMigrate} and {@code afterEachMigrate} SQL callbacks of one step, run as Flyway runs them:
 * on the step's own connection, inside its transaction when it runs in one (before its first statement, and
 * after its last one before the commit), in autocommit otherwise. Their statements are applied, not traced:
 * a {@code SET lock_timeout} in {@code beforeEachMigrate} holds for the step's statements, and a lock they take
 * stays held by the step's transaction. A callback statement that fails stops the run, naming its file and line.
 */
final class StepCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(StepCallbacks.class);

    private final List<Callbacks.Callback> before;
    private final List<Callbacks.Callback> after;
    private final MigrationStep step;
    private final TraceSettings settings;

    StepCallbacks(Callbacks callbacks, MigrationStep step, TraceSettings settings) {
        this.before = callbacks.of(CallbackEvent.BEFORE_EACH_MIGRATE);
        this.after = callbacks.of(CallbackEvent.AFTER_EACH_MIGRATE);
        this.step = step;
        this.settings = settings;
    }

    /** Runs the {@code beforeEachMigrate} callbacks on {@code c}, in whatever transaction state it is in. */
    void before(Connection c, Watchdog dog) {
        run(before, c, dog);
    }

    /** Runs the {@code afterEachMigrate} callbacks, after the step's last statement succeeded. */
    void after(Connection c, Watchdog dog) {
        run(after, c, dog);
    }

    private void run(List<Callbacks.Callback> callbacks, Connection c, Watchdog dog) {
        for (Callbacks.Callback cb : callbacks) {
            LOG.info("Executing SQL callback {} ({}) for {}", cb.event().id(), cb.location(), step.fileName());
            for (SqlStatement s : cb.script().statements()) {
                try (Statement st = c.createStatement()) {
                    boolean results = st.execute(s.sql());
                    while (results || st.getUpdateCount() != -1) {
                        results = st.getMoreResults();
                    }
                } catch (SQLException e) {
                    rollbackQuietly(c);
                    throw failure(cb, s, e, dog);
                }
            }
        }
    }

    private ConfigurationException failure(Callbacks.Callback cb, SqlStatement s, SQLException e, Watchdog dog) {
        String where = cb.location() + ":" + s.line() + " (" + cb.event().id() + " callback of " + step.fileName() + ")";
        if (dog.fired()) {
            return new ConfigurationException(where + ": still running after stepTimeout="
                    + Durations.format(settings.stepTimeout()) + " and cancelled (SQLState " + e.getSQLState()
                    + "); make the callback faster or raise stepTimeout", e);
        }
        return new ConfigurationException(where + ": statement failed with SQLState " + e.getSQLState() + ": "
                + StepRun.firstLine(e.getMessage()) + "; fix the callback (Flyway stops the migrate there too, and"
                + " rolls the step back when it runs in a transaction)", e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // the connection is gone: nothing to roll back
        }
    }
}
