package dev.zerodown.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.Durations;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/** Applies a step without measuring anything (baseline steps), with the same transaction rules. */
final class Untraced {
    private Untraced() {
    }

    static void apply(Connection c, MigrationStep step, TransactionMode mode, Watchdog dog, TraceSettings settings,
                      StepCallbacks callbacks) throws SQLException {
        boolean tx = mode == TransactionMode.TRANSACTION;
        c.setAutoCommit(!tx);
        callbacks.before(c, dog);
        for (SqlStatement s : step.statements()) {
            try (Statement st = c.createStatement()) {
                boolean results = st.execute(s.sql());
                while (results || st.getUpdateCount() != -1) {
                    results = st.getMoreResults();
                }
            } catch (SQLException e) {
                if (tx) {
                    rollbackQuietly(c);
                }
                throw failure(step, s, e, dog, settings);
            }
        }
        if (!tx && c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
            // the script's own BEGIN had no COMMIT: Flyway commits that transaction with the step
            SqlStatement last = step.statements().get(step.statements().size() - 1);
            try (Statement st = c.createStatement()) {
                st.execute("commit");
            } catch (SQLException e) {
                throw failure(step, last, e, dog, settings);
            }
        }
        callbacks.after(c, dog);
        if (tx) {
            try {
                c.commit();
            } catch (SQLException e) {
                rollbackQuietly(c);
                SqlStatement last = step.statements().get(step.statements().size() - 1);
                throw failure(step, last, e, dog, settings);
            }
        }
    }

    private static ConfigurationException failure(MigrationStep step, SqlStatement s, SQLException e, Watchdog dog,
                                                  TraceSettings settings) {
        String where = step.fileName() + ":" + s.line();
        if (dog.fired()) {
            return new ConfigurationException(where + ": still running after stepTimeout=" + Durations.format(settings.stepTimeout())
                    + " and cancelled (" + (dog.blockers() == null ? "" : dog.blockers().describe() + "; ")
                    + "SQLState " + e.getSQLState() + "); raise stepTimeout or make the baseline step faster", e);
        }
        return new ConfigurationException(where + ": statement failed with SQLState " + e.getSQLState() + ": "
                + StepRun.firstLine(e.getMessage()) + "; fix the migration (the baseline must apply cleanly)", e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is gone: nothing to roll back
        }
    }
}
