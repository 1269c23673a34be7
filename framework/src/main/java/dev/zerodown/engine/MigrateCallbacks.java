package dev.zerodown.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.migrations.CallbackEvent;
import dev.zerodown.migrations.Callbacks;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.postgres.Database;
import dev.zerodown.settings.Settings;
import dev.zerodown.trace.TransactionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL callbacks of one Flyway {@code migrate}, other than the ones of each step (those run in the step's
 * transaction, see {@code StepExecutor}): {@code beforeValidate}, {@code afterValidate} and {@code beforeMigrate}
 * at its start, {@code afterVersioned} and {@code beforeRepeatables} before its first repeatable script,
 * {@code afterVersioned} (when no repeatable ran), {@code afterMigrateApplied} and {@code afterMigrate} at its end,
 * {@code afterMigrateError} after a failed step. As in Flyway each script runs on a connection of its own, in one
 * transaction when it can; it is applied, not traced, and the log names each one that ran.
 */
final class MigrateCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(MigrateCallbacks.class);

    private final Callbacks callbacks;
    private final Database db;
    private final Settings settings;
    private boolean repeatables;
    private int applied;

    MigrateCallbacks(Callbacks callbacks, Database db, Settings settings) {
        this.callbacks = callbacks;
        this.db = db;
        this.settings = settings;
    }

    /** A migrate starts ({@code when} completes the log line, such as "before V3__x.sql"). */
    void begin(String when) {
        repeatables = false;
        applied = 0;
        fire(CallbackEvent.BEFORE_VALIDATE, when);
        fire(CallbackEvent.AFTER_VALIDATE, when);
        fire(CallbackEvent.BEFORE_MIGRATE, when);
    }

    /** Right before {@code step} runs in this migrate. */
    void beforeStep(MigrationStep step) {
        if (step.repeatable() && !repeatables) {
            repeatables = true;
            fire(CallbackEvent.AFTER_VERSIONED, "before " + step.fileName());
            fire(CallbackEvent.BEFORE_REPEATABLES, "before " + step.fileName());
        }
    }

    /** {@code step} was applied. */
    void stepApplied() {
        applied++;
    }

    /** The migrate ends without error. */
    void end(String when) {
        if (!repeatables) {
            fire(CallbackEvent.AFTER_VERSIONED, when);
        }
        if (applied > 0) {
            fire(CallbackEvent.AFTER_MIGRATE_APPLIED, when);
        }
        fire(CallbackEvent.AFTER_MIGRATE, when);
    }

    /** A step failed: {@code afterMigrateError}. Its own failure is logged; the step's failure is the run's result. */
    void failed(String when) {
        try {
            fire(CallbackEvent.AFTER_MIGRATE_ERROR, when);
        } catch (ConfigurationException | EnvironmentException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    boolean isEmpty() {
        return callbacks.isEmpty();
    }

    private void fire(CallbackEvent event, String when) {
        for (Callbacks.Callback cb : callbacks.of(event)) {
            LOG.info("Executing SQL callback {} ({}) {}", event.id(), cb.location(), when);
            run(cb);
        }
    }

    private void run(Callbacks.Callback cb) {
        MigrationStep script = cb.script();
        TransactionMode mode = TransactionMode.of(script, settings.mixed());
        if (mode == TransactionMode.REFUSED) {
            throw new ConfigurationException(cb.location() + ":" + TransactionMode.offender(script).line() + ": this "
                    + cb.event().id() + " callback " + TransactionMode.refusal(script));
        }
        try (Connection c = db.connect("zerodown-callback")) {
            try (Statement s = c.createStatement()) {
                s.execute("set statement_timeout = '" + settings.stepTimeout().toMillis() + "ms'");
            }
            boolean tx = mode == TransactionMode.TRANSACTION;
            c.setAutoCommit(!tx);
            for (SqlStatement statement : script.statements()) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement.sql());
                } catch (SQLException e) {
                    throw failure(cb, statement.line(), e);
                }
            }
            if (tx) {
                try {
                    c.commit();
                } catch (SQLException e) {
                    throw failure(cb, script.statements().get(script.statements().size() - 1).line(), e);
                }
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Running the " + cb.event().id() + " callback " + cb.location() + " on " + db
                    + " failed: " + e.getMessage(), e);
        }
    }

    private ConfigurationException failure(Callbacks.Callback cb, int line, SQLException e) {
        String why = "57014".equals(e.getSQLState()) ? "still running after stepTimeout and cancelled"
                : "statement failed with SQLState " + e.getSQLState() + ": "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
        return new ConfigurationException(cb.location() + ":" + line + " (" + cb.event().id() + " callback): " + why
                + "; fix the callback (Flyway stops the migrate there too)", e);
    }
}
